// GCC 12 at -O3 reports a false -Wrestrict inside std::string's operator+ (GCC bug 105651),
// which -Werror turns into a build failure of the Release (bench) build. The message text
// built with operator+ is correct; silence only this diagnostic, only for GCC, only in the
// translation units that include this header first.
#pragma once

#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ == 12
#pragma GCC diagnostic ignored "-Wrestrict"
#endif
