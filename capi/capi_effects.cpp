// vshop_engine outputs: effects (JSON Lines or typed, one at a time), the next deadline, the
// clock, the journal, snapshots, and the JSON answers (personal data, contacts, reports).
#include <string>
#include <tuple>

#include "capi_handles.hpp"
#include "conv.hpp"
#include "vshop/json_text.hpp"

namespace vshop::capi {
namespace {

// Hands out `text` (kept in the handle) through out / out_len.
absl::Status text_out(vshop_engine* e, std::string text, const char** out, size_t* out_len) {
  e->text = std::move(text);
  *out = e->text.c_str();
  *out_len = e->text.size();
  return absl::OkStatus();
}

absl::Status require_text_out(const char** out, const size_t* out_len) {
  if (auto s = require(out, "out"); !s.ok()) return s;
  return require(out_len, "out_len");
}

// The ExportRequest of the C arguments (dates as YYYY-MM-DD, NULL or "" for the default).
absl::StatusOr<vshop::ExportRequest> export_request(const char* from, const char* to,
                                                    std::int32_t format) {
  vshop::ExportRequest r;
  if (format != VSHOP_EXPORT_CSV && format != VSHOP_EXPORT_JSON_LINES) {
    return vshop::make_error(vshop::ErrorCode::kInvalidArgument,
                             "format: " + std::to_string(format) +
                                 " is not VSHOP_EXPORT_CSV (0) or VSHOP_EXPORT_JSON_LINES (1)");
  }
  r.format = format == VSHOP_EXPORT_CSV ? vshop::analytics::ExportFormat::kCsv
                                        : vshop::analytics::ExportFormat::kJsonLines;
  for (const auto& [text, field, slot] :
       {std::tuple{from, "from", &r.from}, std::tuple{to, "to", &r.to}}) {
    if (text == nullptr || *text == '\0') continue;
    auto date = vshop::analytics::parse_local_date(text, field);
    if (!date.ok()) return date.status();
    *slot = *date;
  }
  return r;
}

// One export function: validates the arguments, then hands out the text.
template <typename Export>
vshop_status export_out(vshop_engine* engine, const char* name, const char* from, const char* to,
                        std::int32_t format, const char** out, size_t* out_len, Export run) {
  return guarded(engine, name, [&]() -> absl::Status {
    if (auto s = require_text_out(out, out_len); !s.ok()) return s;
    auto request = export_request(from, to, format);
    if (!request.ok()) return request.status();
    auto text = run(engine->engine, *request);
    if (!text.ok()) return text.status();
    return text_out(engine, *std::move(text), out, out_len);
  });
}

}  // namespace
}  // namespace vshop::capi

using namespace vshop::capi;  // NOLINT(google-build-using-namespace): this file implements it

extern "C" {

vshop_status vshop_engine_drain_effects_json(vshop_engine* engine, const char** out,
                                             size_t* out_len) {
  return guarded(engine, "vshop_engine_drain_effects_json", [&]() -> absl::Status {
    if (auto s = require_text_out(out, out_len); !s.ok()) return s;
    // Effects not yet polled come first, then those still in the engine (emission order).
    engine->engine.drain_effects(engine->pending);
    std::string text;
    for (std::size_t i = engine->next_pending; i < engine->pending.size(); ++i) {
      text += vshop::effect_to_json(engine->pending[i]);
      text += '\n';
    }
    engine->pending.clear();
    engine->next_pending = 0;
    return text_out(engine, std::move(text), out, out_len);
  });
}

vshop_status vshop_engine_error_line_json(vshop_engine* engine, uint64_t line, const char** out,
                                          size_t* out_len) {
  return guarded(engine, "vshop_engine_error_line_json", [&]() -> absl::Status {
    if (auto s = require_text_out(out, out_len); !s.ok()) return s;
    std::string text = R"({"line":)" + std::to_string(line) + R"(,"error":)";
    vshop::append_json_string(text, c_status_name(engine->last_status));
    text += R"(,"message":)";
    vshop::append_json_string(text, engine->last_error);
    text += '}';
    return text_out(engine, std::move(text), out, out_len);
  });
}

vshop_status vshop_engine_poll_effect(vshop_engine* engine, vshop_effect* out, int* out_has) {
  return guarded(engine, "vshop_engine_poll_effect", [&]() -> absl::Status {
    if (auto s = sized_out(out, "out"); !s.ok()) return s;
    if (auto s = require(out_has, "out_has"); !s.ok()) return s;
    if (engine->next_pending == engine->pending.size()) {
      engine->pending.clear();
      engine->next_pending = 0;
      engine->engine.drain_effects(engine->pending);
    }
    if (engine->pending.empty()) {
      *out_has = 0;
      return absl::OkStatus();
    }
    // The effect stays in `pending` until the next call, so the views point into it directly.
    const vshop::Effect& effect = engine->pending[engine->next_pending++];
    if (out->size >= sizeof(vshop_effect)) {
      effect_out(effect, engine->strings, engine->strings2, *out);
    } else {  // a caller built against an older, smaller vshop_effect
      vshop_effect full{};
      effect_out(effect, engine->strings, engine->strings2, full);
      fill_sized(out, full);
    }
    *out_has = 1;
    return absl::OkStatus();
  });
}

vshop_status vshop_engine_next_deadline(const vshop_engine* engine, int64_t* out_ms, int* out_has) {
  return guarded(engine, "vshop_engine_next_deadline", [&]() -> absl::Status {
    if (auto s = require(out_ms, "out_ms"); !s.ok()) return s;
    if (auto s = require(out_has, "out_has"); !s.ok()) return s;
    const auto deadline = engine->engine.next_deadline();
    *out_has = deadline.has_value() ? 1 : 0;
    *out_ms = deadline ? vshop::to_epoch_ms(*deadline) : 0;
    return absl::OkStatus();
  });
}

vshop_status vshop_engine_now(const vshop_engine* engine, int64_t* out_ms) {
  return guarded(engine, "vshop_engine_now", [&]() -> absl::Status {
    if (auto s = require(out_ms, "out_ms"); !s.ok()) return s;
    *out_ms = vshop::to_epoch_ms(engine->engine.now());
    return absl::OkStatus();
  });
}

vshop_status vshop_engine_set_journaling(vshop_engine* engine, int on) {
  return guarded(engine, "vshop_engine_set_journaling", [&]() -> absl::Status {
    engine->engine.set_journaling(on != 0);
    return absl::OkStatus();
  });
}

vshop_status vshop_engine_drain_journal(vshop_engine* engine, const char** out, size_t* out_len) {
  return guarded(engine, "vshop_engine_drain_journal", [&]() -> absl::Status {
    if (auto s = require_text_out(out, out_len); !s.ok()) return s;
    std::string text;
    for (const std::string& line : engine->engine.drain_journal()) {
      text += line;
      text += '\n';
    }
    return text_out(engine, std::move(text), out, out_len);
  });
}

vshop_status vshop_engine_snapshot(vshop_engine* engine, const char** out, size_t* out_len) {
  return guarded(engine, "vshop_engine_snapshot", [&]() -> absl::Status {
    if (auto s = require_text_out(out, out_len); !s.ok()) return s;
    return text_out(engine, engine->engine.snapshot(), out, out_len);
  });
}

vshop_status vshop_engine_export_personal_data(vshop_engine* engine, const char** out,
                                               size_t* out_len) {
  return guarded(engine, "vshop_engine_export_personal_data", [&]() -> absl::Status {
    if (auto s = require_text_out(out, out_len); !s.ok()) return s;
    return text_out(engine, engine->engine.export_personal_data(), out, out_len);
  });
}

vshop_status vshop_engine_contacts_json(vshop_engine* engine, const char* expert, size_t expert_len,
                                        const char** out, size_t* out_len) {
  return guarded(engine, "vshop_engine_contacts_json", [&]() -> absl::Status {
    if (auto s = require_text_out(out, out_len); !s.ok()) return s;
    auto id = text_in(expert, expert_len, "expert");
    if (!id.ok()) return id.status();
    auto contacts = engine->engine.contacts(*id);
    if (!contacts.ok()) return contacts.status();
    return text_out(engine, vshop::contacts_to_json(*contacts), out, out_len);
  });
}

vshop_status vshop_engine_metrics_report_json(vshop_engine* engine, const char** out,
                                              size_t* out_len) {
  return guarded(engine, "vshop_engine_metrics_report_json", [&]() -> absl::Status {
    if (auto s = require_text_out(out, out_len); !s.ok()) return s;
    return text_out(engine, engine->engine.metrics_report_json(), out, out_len);
  });
}

vshop_status vshop_engine_metrics_report_text(vshop_engine* engine, const char** out,
                                              size_t* out_len) {
  return guarded(engine, "vshop_engine_metrics_report_text", [&]() -> absl::Status {
    if (auto s = require_text_out(out, out_len); !s.ok()) return s;
    return text_out(engine, engine->engine.metrics_report_text(), out, out_len);
  });
}

vshop_status vshop_engine_export_chats(vshop_engine* engine, const char* from, const char* to,
                                       int32_t format, const char** out, size_t* out_len) {
  return export_out(
      engine, "vshop_engine_export_chats", from, to, format, out, out_len,
      [](const vshop::Engine& e, const vshop::ExportRequest& r) { return e.export_chats(r); });
}

vshop_status vshop_engine_export_data(vshop_engine* engine, const char* from, const char* to,
                                      int32_t format, const char** out, size_t* out_len) {
  return export_out(
      engine, "vshop_engine_export_data", from, to, format, out, out_len,
      [](const vshop::Engine& e, const vshop::ExportRequest& r) { return e.export_data(r); });
}

}  // extern "C"
