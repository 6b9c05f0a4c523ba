// A store as the host describes it (R-STORE-1) and its JSON form (the fields of `add_store`,
// docs/reference.md §11), shared by `vshop hours STORE.json` and the engine's
// add_store/update_store.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "vshop/export.hpp"
#include "vshop/hours/opening_hours.hpp"

namespace vshop::hours {

struct StoreSpec {
  std::string id;           // `store`
  std::string name;         // internal name, seen by the team
  std::string public_name;  // seen by shoppers
  std::string address;
  std::optional<double> lat;  // degrees, -90..90
  std::optional<double> lon;  // degrees, -180..180
  std::string timezone;       // IANA name
  std::vector<std::string> departments;
  WeeklyHours hours;                     // from `hours` + `exceptions`, or from `osm_hours`
  std::optional<std::string> osm_hours;  // the OSM text when the hours were given that way
};

// Which optional fields a JSON store object gave (for update_store, which keeps the others).
struct StoreFieldsGiven {
  bool name = false, public_name = false, address = false, lat = false, lon = false;
  bool departments = false, hours = false, exceptions = false, osm_hours = false;
};

// Reads a store object (the fields of `add_store`; `cmd` and `at` of a command line are
// skipped). An unknown or repeated field, a value of the wrong type or out of range, or a
// length over vshop/limits.hpp fails with invalid_argument naming the field (`hours.mon[1]`)
// and the value. `given` (optional) reports which optional fields were present.
VSHOP_API absl::StatusOr<StoreSpec> parse_store_json(std::string_view json,
                                                     StoreFieldsGiven* given = nullptr);

}  // namespace vshop::hours
