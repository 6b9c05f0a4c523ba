// Writing a store as JSON: the fields of add_store / update_store in the journal and snapshots.
#pragma once

#include "core/json_writer.hpp"
#include "vshop/hours/store.hpp"

namespace vshop::hours {

// Writes the store's fields (without `cmd`/`at`) as members of an already-open JSON object,
// in canonical order: store, name, public_name, address, timezone, lat, lon, departments,
// then osm_hours, or hours + exceptions.
void write_store_fields(JsonWriter& out, const StoreSpec& store);

}  // namespace vshop::hours
