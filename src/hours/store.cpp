// The JSON form of a store (R-STORE-1, the fields of `add_store` in docs/reference.md §11).
#include "vshop/hours/store.hpp"

#include <array>
#include <string>

#include "hours/store_json.hpp"
#include "simdjson.h"
#include "vshop/error.hpp"
#include "vshop/limits.hpp"

namespace vshop::hours {
namespace {

constexpr std::array<std::string_view, 7> kDayKeys = {"mon", "tue", "wed", "thu",
                                                      "fri", "sat", "sun"};

absl::Status bad(std::string_view field, std::string_view why) {
  return error(ErrorCode::kInvalidArgument, "%s: %s", field, why);
}

// A short rendering of a JSON value for messages.
std::string shown(simdjson::dom::element value) {
  std::string text = simdjson::to_string(value);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

absl::StatusOr<std::string> read_string(simdjson::dom::element value, std::string_view field,
                                        std::size_t max_bytes = limits::kMaxShortTextBytes) {
  std::string_view s;
  if (value.get(s) != simdjson::SUCCESS) {
    return bad(field, "expected a string, got " + shown(value));
  }
  if (s.size() > max_bytes) {
    return error(ErrorCode::kInvalidArgument, "%s: %d bytes, more than the limit of %d", field,
                 s.size(), max_bytes);
  }
  return std::string(s);
}

// The keys of a store document (docs/reference.md §11 `add_store`); `cmd` and `at` belong to the
// command line that carries it.
constexpr std::array<std::string_view, 13> kStoreKeys = {
    "store",       "timezone", "name",      "public_name", "address", "lat", "lon",
    "departments", "hours",    "osm_hours", "exceptions",  "cmd",     "at"};

// Every key known and given once (R-PIN-1).
absl::Status check_keys(simdjson::dom::object obj) {
  std::uint32_t seen = 0;
  for (auto [key, value] : obj) {
    std::size_t i = 0;
    while (i < kStoreKeys.size() && kStoreKeys[i] != key) ++i;
    if (i == kStoreKeys.size()) {
      return error(ErrorCode::kInvalidArgument, "%s: unknown field of a store", key);
    }
    if (seen & (1u << i)) return error(ErrorCode::kInvalidArgument, "%s: given twice", key);
    seen |= 1u << i;
  }
  return absl::OkStatus();
}

// R-ID-1: 1..128 bytes of UTF-8 (simdjson has validated the encoding), no control characters.
absl::Status check_id(std::string_view id, std::string_view field) {
  if (id.empty() || id.size() > 128) {
    return error(ErrorCode::kInvalidArgument, "%s: id \"%s\" must be 1..128 bytes", field, id);
  }
  for (const char c : id) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      return error(ErrorCode::kInvalidArgument, "%s: id \"%s\" contains a control character", field,
                   id);
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<double> read_degrees(simdjson::dom::element value, std::string_view field,
                                    double bound) {
  double v = 0;
  if (value.get(v) != simdjson::SUCCESS) {
    return bad(field, "expected a number of degrees, got " + shown(value));
  }
  if (!(v >= -bound && v <= bound)) {
    return error(ErrorCode::kInvalidArgument, "%s: %s out of range -%g..%g", field, shown(value),
                 bound, bound);
  }
  return v == 0 ? 0.0 : v;  // -0 reads back as the integer 0: one zero (R-DET-1)
}

absl::StatusOr<std::vector<LocalInterval>> read_intervals(simdjson::dom::element value,
                                                          const std::string& field) {
  simdjson::dom::array list;
  if (value.get(list) != simdjson::SUCCESS) {
    return bad(field, "expected a list of \"HH:MM-HH:MM\" strings, got " + shown(value));
  }
  if (list.size() > limits::kMaxIntervalsPerDay) {
    return error(ErrorCode::kInvalidArgument, "%s: %d intervals, more than the limit of %d", field,
                 list.size(), limits::kMaxIntervalsPerDay);
  }
  std::vector<LocalInterval> out;
  std::size_t i = 0;
  for (simdjson::dom::element item : list) {
    const std::string item_field = field + "[" + std::to_string(i++) + "]";
    std::string_view text;
    if (item.get(text) != simdjson::SUCCESS) {
      return bad(item_field, "expected a string \"HH:MM-HH:MM\", got " + shown(item));
    }
    absl::StatusOr<LocalInterval> iv = parse_local_interval(text, item_field);
    if (!iv.ok()) return iv.status();
    out.push_back(*iv);
  }
  return out;
}

absl::Status read_weekly(simdjson::dom::element value, WeeklyHours& hours) {
  simdjson::dom::object days;
  if (value.get(days) != simdjson::SUCCESS) {
    return bad("hours",
               "expected an object mon..sun -> list of \"HH:MM-HH:MM\", got " + shown(value));
  }
  for (auto [key, list] : days) {
    std::size_t day = kDayKeys.size();
    for (std::size_t d = 0; d < kDayKeys.size(); ++d) {
      if (key == kDayKeys[d]) day = d;
    }
    if (day == kDayKeys.size()) {
      return error(ErrorCode::kInvalidArgument,
                   "hours: unknown weekday \"%s\" (expected mon, tue, wed, thu, fri, sat, sun)",
                   key);
    }
    auto intervals = read_intervals(list, "hours." + std::string(key));
    if (!intervals.ok()) return intervals.status();
    hours.weekly[day] = std::move(*intervals);
  }
  return absl::OkStatus();
}

absl::Status read_exceptions(simdjson::dom::element value, WeeklyHours& hours) {
  simdjson::dom::object dates;
  if (value.get(dates) != simdjson::SUCCESS) {
    return bad("exceptions",
               "expected an object \"YYYY-MM-DD\" -> list of \"HH:MM-HH:MM\", got " + shown(value));
  }
  if (dates.size() > limits::kMaxHourExceptions) {
    return error(ErrorCode::kInvalidArgument, "exceptions: %d dates, more than the limit of %d",
                 dates.size(), limits::kMaxHourExceptions);
  }
  for (auto [key, list] : dates) {
    const std::string field = "exceptions." + std::string(key);
    absl::StatusOr<date::local_days> day = parse_local_date(key, "exceptions");
    if (!day.ok()) return day.status();
    auto intervals = read_intervals(list, field);
    if (!intervals.ok()) return intervals.status();
    hours.exceptions[*day] = std::move(*intervals);
  }
  return absl::OkStatus();
}

void write_intervals(JsonWriter& out, const std::vector<LocalInterval>& list) {
  out.begin_array();
  for (const LocalInterval& iv : list) out.string(format_local_interval(iv));
  out.end_array();
}

}  // namespace

absl::StatusOr<StoreSpec> parse_store_json(std::string_view json, StoreFieldsGiven* given) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (const auto err = parser.parse(simdjson::padded_string(json)).get(root); err) {
    return error(ErrorCode::kInvalidArgument, "store: invalid JSON (%s)",
                 simdjson::error_message(err));
  }
  simdjson::dom::object obj;
  if (root.get(obj) != simdjson::SUCCESS) return bad("store", "expected a JSON object");
  if (absl::Status s = check_keys(obj); !s.ok()) return s;

  StoreFieldsGiven seen;
  StoreSpec spec;
  const auto field = [&](std::string_view name, simdjson::dom::element& out) {
    return obj.at_key(name).get(out) == simdjson::SUCCESS;
  };
  simdjson::dom::element v;

  if (!field("store", v)) return bad("store", "missing (the store id is required)");
  {
    auto id = read_string(v, "store");
    if (!id.ok()) return id.status();
    if (absl::Status s = check_id(*id, "store"); !s.ok()) return s;
    spec.id = std::move(*id);
  }
  if (!field("timezone", v)) return bad("timezone", "missing (an IANA zone name is required)");
  {
    auto tz = read_string(v, "timezone");
    if (!tz.ok()) return tz.status();
    // Validated here so that the error names `timezone` before any hours are compiled.
    if (locate_iana_zone(*tz) == nullptr) {
      return error(ErrorCode::kInvalidArgument, "timezone: unknown IANA time zone \"%s\"", *tz);
    }
    spec.timezone = std::move(*tz);
  }
  const std::array<std::pair<std::string_view, std::string*>, 3> texts = {
      {{"name", &spec.name}, {"public_name", &spec.public_name}, {"address", &spec.address}}};
  const std::array<bool*, 3> text_given = {&seen.name, &seen.public_name, &seen.address};
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (!field(texts[i].first, v)) continue;
    auto s = read_string(v, texts[i].first);
    if (!s.ok()) return s.status();
    *texts[i].second = std::move(*s);
    *text_given[i] = true;
  }
  if (field("lat", v)) {
    auto lat = read_degrees(v, "lat", 90);
    if (!lat.ok()) return lat.status();
    spec.lat = *lat;
    seen.lat = true;
  }
  if (field("lon", v)) {
    auto lon = read_degrees(v, "lon", 180);
    if (!lon.ok()) return lon.status();
    spec.lon = *lon;
    seen.lon = true;
  }
  if (field("departments", v)) {
    simdjson::dom::array list;
    if (v.get(list) != simdjson::SUCCESS) {
      return bad("departments", "expected a list of strings, got " + shown(v));
    }
    if (list.size() > limits::kMaxListItems) {
      return error(ErrorCode::kInvalidArgument,
                   "departments: %d entries, more than the limit of %d", list.size(),
                   limits::kMaxListItems);
    }
    std::size_t i = 0;
    for (simdjson::dom::element item : list) {
      auto s = read_string(item, "departments[" + std::to_string(i++) + "]");
      if (!s.ok()) return s.status();
      spec.departments.push_back(std::move(*s));
    }
    seen.departments = true;
  }
  const bool has_hours = field("hours", v);
  if (has_hours) {
    if (absl::Status s = read_weekly(v, spec.hours); !s.ok()) return s;
    seen.hours = true;
  }
  if (field("osm_hours", v)) {
    if (has_hours) return bad("osm_hours", "give either hours or osm_hours, not both");
    auto text = read_string(v, "osm_hours", limits::kMaxOsmHoursBytes);
    if (!text.ok()) return text.status();
    absl::StatusOr<WeeklyHours> parsed = parse_osm_opening_hours(*text);
    if (!parsed.ok()) return parsed.status();
    spec.hours = std::move(*parsed);
    spec.osm_hours = std::move(*text);
    seen.osm_hours = true;
  }
  if (field("exceptions", v)) {
    if (absl::Status s = read_exceptions(v, spec.hours); !s.ok()) return s;
    seen.exceptions = true;
  }
  if (given != nullptr) *given = seen;
  return spec;
}

void write_store_fields(JsonWriter& out, const StoreSpec& store) {
  out.key("store").string(store.id);
  out.key("name").string(store.name);
  out.key("public_name").string(store.public_name);
  out.key("address").string(store.address);
  out.key("timezone").string(store.timezone);
  if (store.lat) out.key("lat").number(*store.lat);
  if (store.lon) out.key("lon").number(*store.lon);
  out.key("departments").begin_array();
  for (const std::string& d : store.departments) out.string(d);
  out.end_array();
  if (store.osm_hours) {
    out.key("osm_hours").string(*store.osm_hours);
  } else {
    out.key("hours").begin_object();
    for (std::size_t d = 0; d < kDayKeys.size(); ++d) {
      out.key(kDayKeys[d]);
      write_intervals(out, store.hours.weekly[d]);
    }
    out.end_object();
  }
  // Dated exceptions go with either form (osm_hours carries only annual ones).
  if (!store.osm_hours || !store.hours.exceptions.empty()) {
    out.key("exceptions").begin_object();
    for (const auto& [day, list] : store.hours.exceptions) {
      out.key(date::format("%F", day));
      write_intervals(out, list);
    }
    out.end_object();
  }
}

}  // namespace vshop::hours
