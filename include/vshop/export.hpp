// VSHOP_API marks the public classes and functions that the shared library exports. The library
// is built with hidden visibility by default, so everything not marked (the internals under src/,
// the inline code of Abseil, fmt and simdjson) stays private to libvshop.so. In the static
// library the mark changes nothing.
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define VSHOP_API __attribute__((visibility("default")))
#else
#define VSHOP_API
#endif
