// vshop_engine queries: experts, chats, open chats, left messages, transfer candidates, the
// widget state and metrics (R-METRIC-1).
#include <string>
#include <vector>

#include "capi_handles.hpp"
#include "conv.hpp"

using namespace vshop::capi;  // NOLINT(google-build-using-namespace): this file implements it

namespace {

// Fills a list of ids through out / out_len.
absl::Status ids_out(vshop_engine* e, std::vector<std::string> ids, const vshop_string** out,
                     size_t* out_len) {
  e->ids = std::move(ids);
  e->strings.clear();
  *out = strings_out(e->ids, e->strings);
  *out_len = e->ids.size();
  return absl::OkStatus();
}

absl::Status require_list_out(const void* out, const size_t* out_len) {
  if (auto s = require(out, "out"); !s.ok()) return s;
  return require(out_len, "out_len");
}

}  // namespace

extern "C" {

vshop_status vshop_engine_expert(vshop_engine* engine, const char* id, size_t id_len,
                                 vshop_expert_view* out, int* out_found) {
  return guarded(engine, "vshop_engine_expert", [&]() -> absl::Status {
    if (auto s = sized_out(out, "out"); !s.ok()) return s;
    if (auto s = require(out_found, "out_found"); !s.ok()) return s;
    auto text = text_in(id, id_len, "id");
    if (!text.ok()) return text.status();
    engine->expert_view = engine->engine.expert(*text);
    *out_found = engine->expert_view.has_value() ? 1 : 0;
    if (engine->expert_view) fill_sized(out, expert_out(*engine->expert_view));
    return absl::OkStatus();
  });
}

vshop_status vshop_engine_chat(vshop_engine* engine, const char* id, size_t id_len,
                               vshop_chat_view* out, int* out_found) {
  return guarded(engine, "vshop_engine_chat", [&]() -> absl::Status {
    if (auto s = sized_out(out, "out"); !s.ok()) return s;
    if (auto s = require(out_found, "out_found"); !s.ok()) return s;
    auto text = text_in(id, id_len, "id");
    if (!text.ok()) return text.status();
    engine->chat_view = engine->engine.chat(*text);
    *out_found = engine->chat_view.has_value() ? 1 : 0;
    if (engine->chat_view) fill_sized(out, chat_out(*engine->chat_view, engine->strings));
    return absl::OkStatus();
  });
}

vshop_status vshop_engine_open_chats(vshop_engine* engine, const char* expert, size_t expert_len,
                                     const vshop_string** out, size_t* out_len) {
  return guarded(engine, "vshop_engine_open_chats", [&]() -> absl::Status {
    if (auto s = require_list_out(out, out_len); !s.ok()) return s;
    auto text = text_in(expert, expert_len, "expert");
    if (!text.ok()) return text.status();
    return ids_out(engine, engine->engine.open_chats(*text), out, out_len);
  });
}

vshop_status vshop_engine_pending_left_messages(vshop_engine* engine, const vshop_string** out,
                                                size_t* out_len) {
  return guarded(engine, "vshop_engine_pending_left_messages", [&]() -> absl::Status {
    if (auto s = require_list_out(out, out_len); !s.ok()) return s;
    return ids_out(engine, engine->engine.pending_left_messages(), out, out_len);
  });
}

vshop_status vshop_engine_chat_count(const vshop_engine* engine, size_t* out) {
  return guarded(engine, "vshop_engine_chat_count", [&]() -> absl::Status {
    if (auto s = require(out, "out"); !s.ok()) return s;
    *out = engine->engine.chat_count();
    return absl::OkStatus();
  });
}

vshop_status vshop_engine_transfer_candidates(vshop_engine* engine, const char* chat,
                                              size_t chat_len, const vshop_store_candidates** out,
                                              size_t* out_len) {
  return guarded(engine, "vshop_engine_transfer_candidates", [&]() -> absl::Status {
    if (auto s = require_list_out(out, out_len); !s.ok()) return s;
    auto text = text_in(chat, chat_len, "chat");
    if (!text.ok()) return text.status();
    auto candidates = engine->engine.transfer_candidates(*text);
    if (!candidates.ok()) return candidates.status();
    engine->candidates = std::move(*candidates);
    // Every expert view first (one allocation), then the stores pointing into it.
    engine->strings.clear();
    std::size_t total = 0;
    for (const auto& store : engine->candidates) total += store.experts.size();
    engine->strings.reserve(total);
    engine->candidate_views.clear();
    for (const auto& store : engine->candidates) {
      engine->candidate_views.push_back({str_out(store.store),
                                         strings_out(store.experts, engine->strings),
                                         store.experts.size()});
    }
    *out = engine->candidate_views.empty() ? nullptr : engine->candidate_views.data();
    *out_len = engine->candidate_views.size();
    return absl::OkStatus();
  });
}

vshop_status vshop_engine_widget_state(vshop_engine* engine, const vshop_widget_query* query,
                                       const vshop_widget_rules* rules, int64_t now_ms,
                                       int32_t* out_state) {
  return guarded(engine, "vshop_engine_widget_state", [&]() -> absl::Status {
    if (auto s = require(out_state, "out_state"); !s.ok()) return s;
    auto now = instant_in(now_ms, "now_ms");
    if (!now.ok()) return now.status();
    auto q = widget_query_in(query);
    if (!q.ok()) return q.status();
    auto r = widget_rules_in(rules);
    if (!r.ok()) return r.status();
    *out_state = static_cast<int32_t>(engine->engine.widget_state(*q, *r, *now));
    return absl::OkStatus();
  });
}

vshop_status vshop_engine_metrics(vshop_engine* engine, int32_t scope, const char* id,
                                  size_t id_len, int64_t from_ms, int64_t to_ms,
                                  vshop_metrics* out) {
  return guarded(engine, "vshop_engine_metrics", [&]() -> absl::Status {
    if (auto s = sized_out(out, "out"); !s.ok()) return s;
    auto text = text_in(id, id_len, "id");
    if (!text.ok()) return text.status();
    auto which = scope_in(scope, *text);
    if (!which.ok()) return which.status();
    auto from = instant_in(from_ms, "from_ms");
    if (!from.ok()) return from.status();
    auto to = instant_in(to_ms, "to_ms");
    if (!to.ok()) return to.status();
    auto metrics = engine->engine.metrics(*which, *from, *to);
    if (!metrics.ok()) return metrics.status();
    engine->metrics = std::move(*metrics);
    fill_sized(out, metrics_out(engine->metrics, engine->metric_strings, engine->currency_views));
    return absl::OkStatus();
  });
}

}  // extern "C"
