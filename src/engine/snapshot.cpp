// Engine::snapshot: the whole state of one engine as canonical JSON (docs/design.md §6), written by
// running the field descriptions of snapshot_fields.hpp with a FieldWriter.
#include "core/field_io.hpp"
#include "engine/core.hpp"
#include "engine/snapshot_fields.hpp"

namespace vshop::engine_detail {

std::string Core::snapshot() const {
  JsonWriter out;
  out.begin_object();
  field_io::FieldWriter writer(out);
  core_fields(writer, *this);
  out.end_object();
  return out.take();
}

}  // namespace vshop::engine_detail
