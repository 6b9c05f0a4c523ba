// vshop_engine: creation, restore, release, last error, and the commands (the text entry point
// apply_json, advance, and the typed hot commands of vshop.h).
#include <memory>
#include <string>
#include <string_view>

#include "capi_handles.hpp"
#include "conv.hpp"
#include "vshop/engine/command.hpp"

namespace vshop::capi {
namespace {

absl::Status options_in(const vshop_engine_options* opts) {
  return version_in(opts, opts == nullptr ? 0 : opts->version, VSHOP_ENGINE_OPTIONS_VERSION,
                    "opts");
}

// A new handle around `engine` (journaling off: hosts switch it on when they drain it).
vshop_engine* wrap(Engine engine) {
  auto handle = std::make_unique<vshop_engine>();
  handle->engine = std::move(engine);
  handle->engine.set_journaling(false);
  return handle.release();
}

// A typed command on `handle`: converts now_ms, then runs `apply(Instant)`.
template <typename Apply>
vshop_status command(vshop_engine* handle, const char* function, std::int64_t now_ms,
                     Apply&& apply) noexcept {
  return guarded(handle, function, [&]() -> absl::Status {
    auto now = instant_in(now_ms, "now_ms");
    if (!now.ok()) return now.status();
    return apply(*now);
  });
}

// Two ids of a typed command, checked as UTF-8 text.
struct TwoIds {
  std::string_view first, second;
};
absl::StatusOr<TwoIds> two_ids(const char* a, std::size_t a_len, std::string_view a_field,
                               const char* b, std::size_t b_len, std::string_view b_field) {
  auto first = text_in(a, a_len, a_field);
  if (!first.ok()) return first.status();
  auto second = text_in(b, b_len, b_field);
  if (!second.ok()) return second.status();
  return TwoIds{*first, *second};
}

using ExpertChatMethod = absl::Status (Engine::*)(Instant, std::string_view, std::string_view);
using ExpertMethod = absl::Status (Engine::*)(Instant, std::string_view);

vshop_status expert_chat_command(vshop_engine* e, const char* function, ExpertChatMethod method,
                                 std::int64_t now_ms, const char* expert, std::size_t expert_len,
                                 const char* chat, std::size_t chat_len) noexcept {
  return command(e, function, now_ms, [&](Instant now) -> absl::Status {
    auto ids = two_ids(expert, expert_len, "expert", chat, chat_len, "chat");
    if (!ids.ok()) return ids.status();
    return (e->engine.*method)(now, ids->first, ids->second);
  });
}

vshop_status expert_command(vshop_engine* e, const char* function, ExpertMethod method,
                            std::int64_t now_ms, const char* expert,
                            std::size_t expert_len) noexcept {
  return command(e, function, now_ms, [&](Instant now) -> absl::Status {
    auto id = text_in(expert, expert_len, "expert");
    if (!id.ok()) return id.status();
    return (e->engine.*method)(now, *id);
  });
}

}  // namespace
}  // namespace vshop::capi

using namespace vshop::capi;  // NOLINT(google-build-using-namespace): this file implements it

extern "C" {

vshop_status vshop_engine_new(vshop_engine** out, const vshop_engine_options* opts) {
  return guarded_new([&]() -> absl::Status {
    if (out != nullptr) *out = nullptr;
    if (auto s = require(out, "out"); !s.ok()) return s;
    if (auto s = options_in(opts); !s.ok()) return s;
    *out = wrap(vshop::Engine());
    return absl::OkStatus();
  });
}

vshop_status vshop_engine_restore(vshop_engine** out, const char* snapshot, size_t len,
                                  const vshop_engine_options* opts) {
  return guarded_new([&]() -> absl::Status {
    if (out != nullptr) *out = nullptr;
    if (auto s = require(out, "out"); !s.ok()) return s;
    if (auto s = options_in(opts); !s.ok()) return s;
    auto text = text_in(snapshot, len, "snapshot");
    if (!text.ok()) return text.status();
    auto engine = vshop::Engine::restore(*text);
    if (!engine.ok()) return engine.status();
    *out = wrap(std::move(*engine));
    return absl::OkStatus();
  });
}

void vshop_engine_free(vshop_engine* engine) { delete engine; }

const char* vshop_engine_last_error(const vshop_engine* engine) {
  return engine == nullptr ? vshop_last_error() : engine->last_error.c_str();
}

vshop_status vshop_command_at(const char* line, size_t len, int64_t* out_ms, int* out_has) {
  return guarded_new([&]() -> absl::Status {
    if (auto s = require(out_ms, "out_ms"); !s.ok()) return s;
    if (auto s = require(out_has, "out_has"); !s.ok()) return s;
    auto text = bytes_in(line, len, "line");
    if (!text.ok()) return text.status();
    auto command = vshop::parse_command(*text);
    if (!command.ok()) return command.status();
    *out_has = command->at.has_value() ? 1 : 0;
    *out_ms = command->at ? vshop::to_epoch_ms(*command->at) : 0;
    return absl::OkStatus();
  });
}

vshop_status vshop_engine_apply_json(vshop_engine* engine, const char* line, size_t len) {
  return guarded(engine, "vshop_engine_apply_json", [&]() -> absl::Status {
    // No UTF-8 check here: the core's reader reports bad text exactly as `vshop simulate` does.
    auto text = bytes_in(line, len, "line");
    if (!text.ok()) return text.status();
    return engine->engine.apply_json(*text);
  });
}

vshop_status vshop_engine_advance(vshop_engine* engine, int64_t now_ms) {
  return command(engine, "vshop_engine_advance", now_ms,
                 [&](vshop::Instant now) { return engine->engine.advance(now); });
}

vshop_status vshop_engine_go_available(vshop_engine* engine, int64_t now_ms, const char* expert,
                                       size_t expert_len) {
  return expert_command(engine, "vshop_engine_go_available", &vshop::Engine::go_available, now_ms,
                        expert, expert_len);
}

vshop_status vshop_engine_go_unavailable(vshop_engine* engine, int64_t now_ms, const char* expert,
                                         size_t expert_len) {
  return expert_command(engine, "vshop_engine_go_unavailable", &vshop::Engine::go_unavailable,
                        now_ms, expert, expert_len);
}

vshop_status vshop_engine_request_chat(vshop_engine* engine, int64_t now_ms, const char* shopper,
                                       size_t shopper_len, const double* lat, const double* lon,
                                       vshop_string* out_chat) {
  return command(
      engine, "vshop_engine_request_chat", now_ms, [&](vshop::Instant now) -> absl::Status {
        if (auto s = require(out_chat, "out_chat"); !s.ok()) return s;
        auto id = text_in(shopper, shopper_len, "shopper");
        if (!id.ok()) return id.status();
        auto chat =
            engine->engine.request_chat(now, *id, lat ? std::optional<double>(*lat) : std::nullopt,
                                        lon ? std::optional<double>(*lon) : std::nullopt);
        if (!chat.ok()) return chat.status();
        engine->text = std::move(*chat);
        *out_chat = str_out(engine->text);
        return absl::OkStatus();
      });
}

vshop_status vshop_engine_claim(vshop_engine* engine, int64_t now_ms, const char* expert,
                                size_t expert_len, const char* chat, size_t chat_len) {
  return expert_chat_command(engine, "vshop_engine_claim", &vshop::Engine::claim, now_ms, expert,
                             expert_len, chat, chat_len);
}

vshop_status vshop_engine_decline(vshop_engine* engine, int64_t now_ms, const char* expert,
                                  size_t expert_len, const char* chat, size_t chat_len) {
  return expert_chat_command(engine, "vshop_engine_decline", &vshop::Engine::decline, now_ms,
                             expert, expert_len, chat, chat_len);
}

vshop_status vshop_engine_finish_chat(vshop_engine* engine, int64_t now_ms, const char* expert,
                                      size_t expert_len, const char* chat, size_t chat_len) {
  return expert_chat_command(engine, "vshop_engine_finish_chat", &vshop::Engine::finish_chat,
                             now_ms, expert, expert_len, chat, chat_len);
}

vshop_status vshop_engine_send_message(vshop_engine* engine, int64_t now_ms, const char* chat,
                                       size_t chat_len, int32_t from) {
  return command(engine, "vshop_engine_send_message", now_ms,
                 [&](vshop::Instant now) -> absl::Status {
                   auto id = text_in(chat, chat_len, "chat");
                   if (!id.ok()) return id.status();
                   auto sender = sender_in(from);
                   if (!sender.ok()) return sender.status();
                   return engine->engine.send_message(now, *id, *sender);
                 });
}

vshop_status vshop_engine_record_purchase(vshop_engine* engine, int64_t now_ms, const char* shopper,
                                          size_t shopper_len, const char* order, size_t order_len,
                                          const char* subtotal, size_t subtotal_len,
                                          int32_t subtotal_is_integer, const char* currency,
                                          size_t currency_len, const char* items,
                                          size_t items_len) {
  return command(
      engine, "vshop_engine_record_purchase", now_ms, [&](vshop::Instant now) -> absl::Status {
        const std::pair<std::pair<const char*, size_t>, const char*> fields[] = {
            {{shopper, shopper_len}, "shopper"},
            {{order, order_len}, "order"},
            {{subtotal, subtotal_len}, "subtotal"},
            {{currency, currency_len}, "currency"},
            {{items, items_len}, "items"}};
        std::string_view values[std::size(fields)];
        for (std::size_t i = 0; i < std::size(fields); ++i) {
          auto text = text_in(fields[i].first.first, fields[i].first.second, fields[i].second);
          if (!text.ok()) return text.status();
          values[i] = *text;
        }
        vshop::Command c;
        c.kind = vshop::CommandKind::kRecordPurchase;
        c.at = now;
        c.shopper = values[0];
        c.order = values[1];
        c.subtotal = values[2];
        c.subtotal_is_integer = subtotal_is_integer != 0;
        c.currency = values[3];
        if (items != nullptr) c.items_json = std::string(values[4]);
        return engine->engine.apply(c);
      });
}

}  // extern "C"
