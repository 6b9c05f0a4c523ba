#include "vshop/text_lines.hpp"

#include <doctest/doctest.h>

#include "vshop/events/batch.hpp"

TEST_CASE("reference §11 blank lines: empty or only spaces, tabs and CR; one definition for all") {
  for (const char* blank : {"", " ", "\t", "\r", " \t\r \r", "\r \r"}) {
    INFO('"' << blank << '"');
    CHECK(vshop::is_blank_line(blank));
  }
  for (const char* document : {"\f", "\v", " \f ", "{}", " x", "\r\n"}) {
    INFO('"' << document << '"');
    CHECK_FALSE(vshop::is_blank_line(document));
  }
  // The tracking-event reader uses the same definition (not a copy of it).
  bool (*const events_blank)(std::string_view) = &vshop::events::is_blank_line;
  const bool same_function = events_blank == &vshop::is_blank_line;
  CHECK(same_function);
}
