// The store document (docs/reference.md §11 add_store, `vshop hours STORE.json`): unknown or
// repeated fields are refused naming the field (R-PIN-1), and only real IANA zones are zones.
#include <doctest/doctest.h>

#include <cmath>

#include "vshop/error.hpp"
#include "vshop/hours/store.hpp"

using namespace vshop;

namespace {
std::string message_of(std::string_view json) {
  const auto spec = hours::parse_store_json(json);
  REQUIRE(!spec.ok());
  CHECK(error_code_of(spec.status()) == ErrorCode::kInvalidArgument);
  return std::string(spec.status().message());
}
}  // namespace

TEST_CASE("R-PIN-1: a store document with an unknown or repeated field is refused naming it") {
  // A misspelt `exceptions` must not silently lose the holiday closure.
  CHECK(message_of(R"({"store":"s","timezone":"UTC","exceptons":{"2026-12-25":[]}})")
            .find("exceptons:") == 0);
  CHECK(message_of(R"({"store":"s","timezone":"UTC","name":"a","name":"b"})").find("name:") == 0);
  // The fields of a command line that carries the document are not store fields.
  CHECK(hours::parse_store_json(
            R"({"at":"2026-01-01T00:00:00Z","cmd":"add_store","store":"s","timezone":"UTC"})")
            .ok());
}

TEST_CASE("R-STORE-1: zone names that are not IANA zones are refused naming timezone") {
  for (const char* zone :
       {"localtime", "posixrules", "Factory", "posix/Europe/Amsterdam", "right/UTC",
        "../zoneinfo/UTC", "/etc/localtime", "Europe/", "", "Europe//Amsterdam", "utc "}) {
    INFO(zone);
    CHECK(message_of(std::string(R"({"store":"s","timezone":")") + zone + R"("})")
              .find("timezone:") == 0);
  }
  for (const char* zone : {"Europe/Amsterdam", "UTC", "Etc/GMT+12", "America/Port-au-Prince",
                           "America/Argentina/Buenos_Aires", "EST5EDT"}) {
    INFO(zone);
    CHECK(
        hours::parse_store_json(std::string(R"({"store":"s","timezone":")") + zone + R"("})").ok());
  }
  CHECK(hours::locate_iana_zone("localtime") == nullptr);
  CHECK(hours::locate_iana_zone("Europe/Lisbon") != nullptr);
}

TEST_CASE("R-DET-1: a store at -0 degrees reads as 0") {
  const auto spec =
      hours::parse_store_json(R"({"store":"s","timezone":"UTC","lat":-0.0,"lon":-0})");
  REQUIRE(spec.ok());
  REQUIRE(spec->lat);
  CHECK(!std::signbit(*spec->lat));
  CHECK(!std::signbit(*spec->lon));
}
