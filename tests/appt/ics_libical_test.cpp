// R-APPT-2: the `ics` of appointment_sent parsed by libical: it is a valid VCALENDAR, its
// instants are right across DST changes (R-HOURS-3), and long non-ASCII titles and locations
// with characters to escape come back exactly after unfolding and unescaping.
#include <doctest/doctest.h>
#include <libical/ical.h>

#include <memory>
#include <string>

#include "core/json_writer.hpp"
#include "harness.hpp"

namespace vshop::test {
namespace {

struct Calendar {
  std::unique_ptr<icalcomponent, void (*)(icalcomponent*)> root{nullptr, icalcomponent_free};
  icalcomponent* event = nullptr;
};

// Parses the card; REQUIREs one VEVENT and no parser error (X-LIC-ERROR) anywhere.
Calendar parse(const std::string& ics) {
  Calendar cal;
  cal.root.reset(icalparser_parse_string(ics.c_str()));
  REQUIRE(cal.root != nullptr);
  REQUIRE(icalcomponent_isa(cal.root.get()) == ICAL_VCALENDAR_COMPONENT);
  CHECK(icalcomponent_count_errors(cal.root.get()) == 0);
  CHECK(icalcomponent_count_components(cal.root.get(), ICAL_VEVENT_COMPONENT) == 1);
  cal.event = icalcomponent_get_first_component(cal.root.get(), ICAL_VEVENT_COMPONENT);
  REQUIRE(cal.event != nullptr);
  CHECK(icalcomponent_count_errors(cal.event) == 0);
  CHECK(icalcomponent_get_method(cal.root.get()) == ICAL_METHOD_PUBLISH);
  icalproperty* version = icalcomponent_get_first_property(cal.root.get(), ICAL_VERSION_PROPERTY);
  REQUIRE(version != nullptr);
  CHECK(std::string(icalproperty_get_version(version)) == "2.0");
  CHECK(icalcomponent_get_first_property(cal.root.get(), ICAL_PRODID_PROPERTY) != nullptr);
  return cal;
}

std::int64_t epoch_s(icaltimetype t) {
  CHECK(icaltime_is_utc(t));
  return static_cast<std::int64_t>(icaltime_as_timet(t));
}

std::int64_t epoch_s(std::string_view rfc3339) {
  return to_epoch_ms(*parse_instant(rfc3339, "t")) / 1000;
}

// A merchant with stores in Amsterdam and New York, expert `a1` in an active chat c1 at
// `store` (ams or nyc).
void active_chat(Harness& h, std::string_view store) {
  h.ok(R"({"at":"2026-01-01T00:00:00Z","cmd":"configure","invite_code":"ABC1234"})");
  for (auto [id, zone] : {std::pair{"ams", "Europe/Amsterdam"}, {"nyc", "America/New_York"}}) {
    h.ok(fmt::format(R"({{"at":"2026-01-01T00:00:00Z","cmd":"add_store","store":"{}",)"
                     R"("timezone":"{}","address":"1 Main St; Suite 2, \\Floor\\ 3",)"
                     R"("hours":{{"mon":["00:00-24:00"],"tue":["00:00-24:00"],)"
                     R"("wed":["00:00-24:00"],"thu":["00:00-24:00"],"fri":["00:00-24:00"],)"
                     R"("sat":["00:00-24:00"],"sun":["00:00-24:00"]}}}})",
                     id, zone));
  }
  h.ok(R"({"at":"2026-01-01T00:00:00Z","cmd":"register_expert","expert":"a1",)"
       R"("email":"a1@x.example","invite_code":"abc1234","name":"A"})");
  h.ok(fmt::format(
      R"({{"at":"2026-01-01T00:00:00Z","cmd":"approve_expert","expert":"a1","store":"{}"}})",
      store));
  h.ok(R"({"at":"2026-01-01T00:00:01Z","cmd":"go_available","expert":"a1"})");
  h.ok(R"({"at":"2026-01-01T00:00:02Z","cmd":"request_chat","shopper":"s","chat":"c1"})");
  h.ok(R"({"at":"2026-01-01T00:00:03Z","cmd":"claim","expert":"a1","chat":"c1"})");
}

// Sends an appointment; returns the effect.
Effect send(Harness& h, std::string_view fields) {
  REQUIRE(h.engine
              .apply_json(std::string(R"({"at":"2026-01-01T00:00:04.750Z",)"
                                      R"("cmd":"send_appointment","expert":"a1","chat":"c1",)") +
                          std::string(fields) + "}")
              .ok());
  auto effects = h.engine.drain_effects();
  REQUIRE(effects.size() == 1);
  REQUIRE(effects[0].kind == EffectKind::kAppointmentSent);
  return effects[0];
}

}  // namespace

TEST_CASE("R-APPT-2: libical reads the card: UID, DTSTAMP, DTSTART and DTEND in UTC") {
  Harness h;
  active_chat(h, "ams");
  const Effect e = send(h, R"("title":"Fitting","start":"2026-06-01T14:30","duration_min":45)");
  Calendar cal = parse(e.ics);
  CHECK(std::string(icalcomponent_get_uid(cal.event)) == "c1-1@vshop");
  CHECK(epoch_s(icalcomponent_get_dtstamp(cal.event)) == epoch_s("2026-01-01T00:00:04Z"));
  CHECK(epoch_s(icalcomponent_get_dtstart(cal.event)) == epoch_s("2026-06-01T12:30:00Z"));
  CHECK(epoch_s(icalcomponent_get_dtend(cal.event)) == epoch_s("2026-06-01T13:15:00Z"));
  CHECK(epoch_s(icalcomponent_get_dtstart(cal.event)) == to_epoch_ms(e.start) / 1000);
  CHECK(epoch_s(icalcomponent_get_dtend(cal.event)) == to_epoch_ms(e.end) / 1000);
  CHECK(std::string(icalcomponent_get_summary(cal.event)) == "Fitting");
  // The default location is the store's address, escaped in the text and read back as given.
  CHECK(std::string(icalcomponent_get_location(cal.event)) == "1 Main St; Suite 2, \\Floor\\ 3");
}

// Expected instants: Python's zoneinfo with fold=0 (R-HOURS-3's oracle) gives the same, e.g.
// datetime(2026,3,8,2,30,tzinfo=ZoneInfo("America/New_York")).astimezone(UTC) = 07:30Z.
TEST_CASE(
    "R-APPT-2: instants across DST: a skipped local start moves forward, a repeated one "
    "takes the earlier instant") {
  struct Case {
    const char* store;
    const char* start;
    int duration_min;
    const char* utc_start;
    const char* utc_end;
  };
  const Case cases[] = {
      {"ams", "2026-03-29T02:30", 60, "2026-03-29T01:30:00Z", "2026-03-29T02:30:00Z"},  // skipped
      {"ams", "2026-10-25T02:30", 90, "2026-10-25T00:30:00Z", "2026-10-25T02:00:00Z"},  // repeated
      {"ams", "2026-03-29T01:59", 5, "2026-03-29T00:59:00Z", "2026-03-29T01:04:00Z"},   // before
      {"nyc", "2026-03-08T02:30", 30, "2026-03-08T07:30:00Z", "2026-03-08T08:00:00Z"},  // skipped
      {"nyc", "2026-11-01T01:30", 60, "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z"},  // repeated
      {"nyc", "2026-11-01T00:30", 1440, "2026-11-01T04:30:00Z", "2026-11-02T04:30:00Z"},
  };
  for (const Case& c : cases) {
    INFO(c.store, " ", c.start);
    Harness h;
    active_chat(h, c.store);
    const Effect e = send(
        h, fmt::format(R"("title":"t","start":"{}","duration_min":{})", c.start, c.duration_min));
    CHECK(format_instant(e.start) == c.utc_start);
    CHECK(format_instant(e.end) == c.utc_end);
    Calendar cal = parse(e.ics);
    CHECK(epoch_s(icalcomponent_get_dtstart(cal.event)) == epoch_s(c.utc_start));
    CHECK(epoch_s(icalcomponent_get_dtend(cal.event)) == epoch_s(c.utc_end));
  }
}

TEST_CASE("R-APPT-2: long non-ASCII titles and locations fold at 75 octets and read back exactly") {
  // 200 code points of 1 to 4 bytes with every character RFC 5545 escapes, and a line break.
  std::string title;
  const char* pieces[] = {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", ",", ";", "\\", "a"};
  for (int i = 0; i < 199; ++i) title += pieces[i % 7];
  title += "\n";
  std::string location =
      "Caf\xC3\xA9 \xE2\x80\x9C"
      "De Gouden Hoorn"
      "\xE2\x80\x9D, Prinsengracht 1;";
  for (int i = 0; i < 40; ++i) location += "\xE6\x97\xA5\xE6\x9C\xAC";  // 日本
  Harness h;
  active_chat(h, "ams");
  JsonWriter json;  // the title and location as JSON strings
  json.begin_object();
  json.key("title").string(title);
  json.key("start").string("2026-06-01T14:30");
  json.key("duration_min").integer(60);
  json.key("location").string(location);
  json.end_object();
  const std::string object = json.take();
  const Effect e = send(h, std::string_view(object).substr(1, object.size() - 2));
  // Every physical line ends with CRLF, holds at most 75 octets and never starts inside a
  // UTF-8 sequence (after a continuation's leading space).
  std::size_t start = 0, folded = 0;
  while (start < e.ics.size()) {
    const std::size_t end = e.ics.find("\r\n", start);
    REQUIRE(end != std::string::npos);
    CHECK(end - start <= 75);
    std::size_t first = start;
    if (e.ics[start] == ' ') {
      ++folded;
      ++first;
    }
    CHECK((static_cast<unsigned char>(e.ics[first]) & 0xC0) != 0x80);
    start = end + 2;
  }
  CHECK(folded >= 8);
  for (std::size_t i = 0; i < e.ics.size(); ++i) {  // no bare LF: the line break is escaped
    if (e.ics[i] == '\n') CHECK(e.ics[i - 1] == '\r');
  }
  Calendar cal = parse(e.ics);
  CHECK(std::string(icalcomponent_get_summary(cal.event)) == title);
  CHECK(std::string(icalcomponent_get_location(cal.event)) == location);
}

}  // namespace vshop::test
