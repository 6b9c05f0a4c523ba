// Stores in JSON (R-STORE-1) and the text forms of intervals and dates (R-HOURS-1, R-HOURS-4).
#include "vshop/hours/store.hpp"

#include <fstream>
#include <iterator>

#include "hours/store_json.hpp"
#include "unit/hours/hours_test_support.hpp"

namespace vshop::hours::testing {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The message of a rejected store object; the store must be rejected with invalid_argument.
std::string store_error(std::string_view json) {
  absl::StatusOr<StoreSpec> spec = parse_store_json(json);
  REQUIRE_MESSAGE(!spec.ok(), std::string(json));
  CHECK(error_code_of(spec.status()) == ErrorCode::kInvalidArgument);
  return std::string(spec.status().message());
}

bool mentions(const std::string& message, std::string_view part) {
  return message.find(part) != std::string::npos;
}

TEST_CASE("R-STORE-1: a store object is read with every field") {
  const std::string json = read_file(VSHOP_TEST_DATA_DIR "/hours/store_hours.json");
  StoreFieldsGiven given;
  absl::StatusOr<StoreSpec> spec = parse_store_json(json, &given);
  REQUIRE_MESSAGE(spec.ok(), std::string(spec.status().message()));
  CHECK(spec->id == "utrecht-late");
  CHECK(spec->name == "UTR Oudegracht (late opening)");
  CHECK(spec->public_name == "Utrecht");
  CHECK(spec->address == "Oudegracht 158, Utrecht");
  CHECK(spec->timezone == "Europe/Amsterdam");
  CHECK(spec->lat == doctest::Approx(52.0907));
  CHECK(spec->lon == doctest::Approx(5.1214));
  CHECK(spec->departments == std::vector<std::string>{"shoes", "bags"});
  CHECK(spec->hours.weekly[kMon].empty());
  CHECK(spec->hours.weekly[kFri] == ivs({"10:00-18:00", "20:00-02:00"}));
  CHECK(spec->hours.exceptions.at(local_date(2026, 4, 5)).empty());
  CHECK(spec->hours.exceptions.at(local_date(2026, 4, 6)) == ivs({"12:00-16:00"}));
  CHECK_FALSE(spec->osm_hours.has_value());
  CHECK((given.name && given.public_name && given.address && given.lat && given.lon &&
         given.departments && given.hours && given.exceptions && !given.osm_hours));

  // Only the required fields: no hours at all = never open; `cmd` and `at` are ignored.
  StoreFieldsGiven minimal_given;
  absl::StatusOr<StoreSpec> minimal = parse_store_json(
      R"j({"cmd":"add_store","at":"2026-01-01T00:00:00Z","store":"s1","timezone":"UTC"})j",
      &minimal_given);
  REQUIRE(minimal.ok());
  CHECK_FALSE(minimal_given.hours);
  CHECK_FALSE(minimal_given.name);
  const OpeningHours never = compile(minimal->timezone, minimal->hours);
  CHECK_FALSE(never.next_change(at("2026-01-01T00:00:00Z")).has_value());
}

TEST_CASE("R-STORE-1: write_store_fields writes what parse_store_json reads back") {
  for (const std::string& json :
       {read_file(VSHOP_TEST_DATA_DIR "/hours/store_hours.json"),
        std::string(R"j({"store":"k","timezone":"Asia/Kathmandu",)j"
                    R"j("osm_hours":"Su-Fr 10:00-20:00; Dec 25 off",)j"
                    R"j("exceptions":{"2026-12-31":["10:00-14:00"]},"lat":27.7,"lon":85.3})j")}) {
    absl::StatusOr<StoreSpec> spec = parse_store_json(json);
    REQUIRE_MESSAGE(spec.ok(), std::string(spec.status().message()));
    JsonWriter out;
    out.begin_object();
    write_store_fields(out, *spec);
    out.end_object();
    absl::StatusOr<StoreSpec> again = parse_store_json(out.str());
    REQUIRE_MESSAGE(again.ok(), out.str());
    CHECK(again->id == spec->id);
    CHECK(again->timezone == spec->timezone);
    CHECK(again->hours == spec->hours);
    CHECK(again->osm_hours == spec->osm_hours);
    CHECK(again->lat == spec->lat);
    CHECK(again->departments == spec->departments);
    // Canonical: writing the re-read store gives the same bytes.
    JsonWriter second;
    second.begin_object();
    write_store_fields(second, *again);
    second.end_object();
    CHECK(second.str() == out.str());
  }
  absl::StatusOr<StoreSpec> spec =
      parse_store_json(read_file(VSHOP_TEST_DATA_DIR "/hours/store_hours.json"));
  REQUIRE(spec.ok());
  JsonWriter out;
  out.begin_object();
  write_store_fields(out, *spec);
  out.end_object();
  CHECK(out.str() ==
        R"j({"store":"utrecht-late","name":"UTR Oudegracht (late opening)",)j"
        R"j("public_name":"Utrecht",)j"
        R"j("address":"Oudegracht 158, Utrecht","timezone":"Europe/Amsterdam","lat":52.0907,)j"
        R"j("lon":5.1214,"departments":["shoes","bags"],"hours":{"mon":[],"tue":["10:00-18:00"],)j"
        R"j("wed":["10:00-18:00"],"thu":["10:00-21:00"],"fri":["10:00-18:00","20:00-02:00"],)j"
        R"j("sat":["22:00-03:00"],"sun":["02:30-05:00","12:00-17:00"]},)j"
        R"j("exceptions":{"2026-04-05":[],"2026-04-06":["12:00-16:00"]}})j");
}

TEST_CASE("R-HOURS-1: HH:MM-HH:MM intervals and their text") {
  CHECK(format_local_interval(ivs({"22:00-02:00"})[0]) == "22:00-02:00");
  CHECK(format_local_interval(ivs({"00:00-24:00"})[0]) == "00:00-24:00");
  CHECK(ivs({"10:00-00:00"}) == ivs({"10:00-24:00"}));  // 00:00 as a close = next midnight
  CHECK(ivs({"00:00-00:00"}) == ivs({"00:00-24:00"}));
  const LocalInterval overnight = ivs({"22:00-02:00"})[0];
  CHECK(overnight.open_minute == 22 * 60);
  CHECK(overnight.close_minute == 120);
  CHECK(parse_local_date("2024-02-29", "d").ok());
  CHECK_FALSE(parse_local_date("2026-02-29", "d").ok());
  CHECK_FALSE(parse_local_date("2026-2-28", "d").ok());
}

TEST_CASE("R-HOURS-4: a malformed store is rejected naming the field and the value") {
  std::string m = store_error(R"j({"store":"s","timezone":"Europe/Atlantis"})j");
  CHECK(mentions(m, "timezone"));
  CHECK(mentions(m, "Europe/Atlantis"));
  m = store_error(
      R"j({"store":"s","timezone":"UTC","hours":{"mon":["09:00-17:00","25:00-26:00"]}})j");
  CHECK(mentions(m, "hours.mon[1]"));
  CHECK(mentions(m, "25:00-26:00"));
  m = store_error(R"j({"store":"s","timezone":"UTC","hours":{"tue":["09:00-"]}})j");
  CHECK(mentions(m, "hours.tue[0]"));
  CHECK(mentions(m, "\"09:00-\""));
  m = store_error(R"j({"store":"s","timezone":"UTC","hours":{"monday":["09:00-17:00"]}})j");
  CHECK(mentions(m, "hours"));
  CHECK(mentions(m, "monday"));
  m = store_error(R"j({"store":"s","timezone":"UTC","osm_hours":"Mo-Fr 09:00-17:00; PH off"})j");
  CHECK(mentions(m, "osm_hours"));
  CHECK(mentions(m, "position 19"));
  m = store_error(R"j({"store":"s","timezone":"UTC","exceptions":{"2026-13-01":[]}})j");
  CHECK(mentions(m, "exceptions"));
  CHECK(mentions(m, "2026-13-01"));
  m = store_error(R"j({"store":"s","timezone":"UTC","exceptions":{"2026-12-01":"closed"}})j");
  CHECK(mentions(m, "exceptions.2026-12-01"));
  m = store_error(R"j({"store":"s","timezone":"UTC","hours":{"wed":"09:00-17:00"}})j");
  CHECK(mentions(m, "hours.wed"));
  m = store_error(R"j({"store":"s","timezone":"UTC","hours":{"thu":[930]}})j");
  CHECK(mentions(m, "hours.thu[0]"));
  m = store_error(R"j({"store":"s","timezone":"UTC","hours":{},"osm_hours":"24/7"})j");
  CHECK(mentions(m, "osm_hours"));
  CHECK(mentions(store_error(R"j({"store":"s","timezone":"UTC","lat":91})j"), "lat"));
  CHECK(mentions(store_error(R"j({"store":"s","timezone":"UTC","lon":"east"})j"), "lon"));
  CHECK(mentions(store_error(R"j({"store":"s","timezone":"UTC","departments":[1]})j"),
                 "departments[0]"));
  CHECK(mentions(store_error(R"j({"timezone":"UTC"})j"), "store"));
  CHECK(mentions(store_error(R"j({"store":"","timezone":"UTC"})j"), "store"));
  CHECK(mentions(store_error(R"j({"store":"s"})j"), "timezone"));
  CHECK(mentions(store_error(R"j({"store":"s","timezone":7})j"), "timezone"));
  CHECK(mentions(store_error(R"j([1,2])j"), "store"));
  CHECK(mentions(store_error(R"j({"store":"s",)j"), "JSON"));
  CHECK(mentions(store_error(""), "JSON"));
}

}  // namespace
}  // namespace vshop::hours::testing
