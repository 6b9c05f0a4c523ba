// vshop_engine_query: every query of the engine's query table (vshop/engine/query_table.hpp)
// by name, answered as canonical JSON (docs/reference.md §12).
#include <string>
#include <vector>

#include "capi_handles.hpp"
#include "conv.hpp"
#include "vshop/engine/query_table.hpp"

using namespace vshop::capi;  // NOLINT(google-build-using-namespace): this file implements it

extern "C" {

vshop_status vshop_engine_query(vshop_engine* engine, const char* name, size_t name_len,
                                const vshop_string* args, size_t args_len, const char** out,
                                size_t* out_len) {
  return guarded(engine, "vshop_engine_query", [&]() -> absl::Status {
    if (auto s = require(out, "out"); !s.ok()) return s;
    if (auto s = require(out_len, "out_len"); !s.ok()) return s;
    auto query = text_in(name, name_len, "name");
    if (!query.ok()) return query.status();
    auto texts = texts_in(args, args_len, "args");
    if (!texts.ok()) return texts.status();
    auto answer = vshop::run_query(engine->engine, *query, *texts);
    if (!answer.ok()) return answer.status();
    engine->text = std::move(*answer);
    *out = engine->text.c_str();
    *out_len = engine->text.size();
    return absl::OkStatus();
  });
}

}  // extern "C"
