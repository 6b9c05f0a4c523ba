// R-CTX-1: shopper_event keeps, per known shopper, what their tracking payloads say (the last
// product views, the page, the last order, the last activity); shopper_context answers it.
#include <string>

#include "engine/core.hpp"
#include "simdjson.h"
#include "vshop/error.hpp"
#include "vshop/events/validator.hpp"

namespace vshop {

using engine_detail::Core;
using engine_detail::Idx;
using engine_detail::kNone;

namespace {

// `text` cut to kMaxContextTextBytes at a UTF-8 character boundary.
std::string bounded(std::string_view text) {
  if (text.size() <= kMaxContextTextBytes) return std::string(text);
  std::size_t end = kMaxContextTextBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

// A string member, or an integer one written as its digits (ids: docs/events.md accepts both).
std::optional<std::string> text_member(simdjson::dom::element obj, std::string_view key,
                                       bool integer_ok) {
  simdjson::dom::element v;
  if (obj[key].get(v) != simdjson::SUCCESS) return std::nullopt;
  std::string_view s;
  if (v.get_string().get(s) == simdjson::SUCCESS) return bounded(s);
  std::int64_t i;
  if (integer_ok && v.is_int64() && v.get_int64().get(i) == simdjson::SUCCESS) {
    return std::to_string(i);
  }
  return std::nullopt;
}

}  // namespace

namespace engine_detail {

absl::Status Core::shopper_event(const Command& c) {
  // The Inspector's checks of one payload, without a product feed or stream (§12).
  // One validator and parser per thread, reused: an event allocates nothing for them when warm.
  thread_local events::Validator validator;
  thread_local simdjson::dom::parser parser;
  const events::DocumentResult validated = validator.validate_document(c.event_json);
  const events::ValidationResult& checked = validated.result;
  for (const events::Issue& issue : checked.issues) {
    if (issue.severity != events::Severity::kCritical) continue;
    return error(ErrorCode::kInvalidArgument, "event: %s at \"%s\" (%s)",
                 events::issue_code_name(issue.code), issue.path, issue.message);
  }
  auto sh = find_shopper(c.shopper);  // after the fields' checks (§12 check order)
  if (!sh.ok()) return sh.status();
  simdjson::dom::element doc;
  if (parser.parse(c.event_json).get(doc) != simdjson::SUCCESS ||
      (validated.envelope && doc["payload"].get(doc) != simdjson::SUCCESS)) {
    return error(ErrorCode::kInvalidArgument, "event: not a JSON object");
  }
  ShopperRecord& r = shopper_records[*sh];
  simdjson::dom::array products;
  const bool has_products = doc["products"].get_array().get(products) == simdjson::SUCCESS;
  std::optional<std::string> location = text_member(doc, "location", false);
  if (has_products) {
    std::vector<ProductViewRecord> seen;
    for (simdjson::dom::element p : products) {
      if (!location) location = text_member(p, "location", false);
      if (checked.event != events::EventType::kProductView) continue;
      auto id = text_member(p, "id", true);
      if (id && seen.size() < kMaxProductViews) {
        seen.push_back({std::move(*id), text_member(p, "name", false)});
      }
    }
    // The payload's first product counts as the newest view.
    r.views.insert(r.views.begin(), seen.begin(), seen.end());
    if (r.views.size() > kMaxProductViews) r.views.resize(kMaxProductViews);
  }
  r.location = std::move(location);
  if (checked.event == events::EventType::kPurchase) {
    simdjson::dom::element purchase;
    if (doc["purchase"].get(purchase) == simdjson::SUCCESS) {
      if (auto order = text_member(purchase, "id", true)) r.last_order = std::move(order);
    }
  }
  r.last_activity_ms = now_ms;
  return absl::OkStatus();
}

bool Core::spoke_before(Idx chat, Idx expert) const {
  for (Idx c = chats[chat].previous_chat; c != kNone; c = chats[c].previous_chat) {
    if (chats[c].claimed_by == expert || chats[c].expert == expert) return true;
  }
  return false;
}

}  // namespace engine_detail

absl::Status Engine::shopper_event(Instant now, std::string_view shopper,
                                   std::string_view event_json) {
  Command c;
  c.kind = CommandKind::kShopperEvent;
  c.at = now;
  c.shopper = std::string(shopper);
  c.event_json = std::string(event_json);
  return core_->apply(c, false);  // canonicalized: the journal holds the compact event
}

absl::StatusOr<ShopperContext> Engine::shopper_context(std::string_view chat,
                                                       std::string_view expert) const {
  auto c = core_->find_chat(chat);
  if (!c.ok()) return c.status();
  auto e = core_->find_expert(expert);
  if (!e.ok()) return e.status();
  const Idx sh = core_->chats[*c].shopper;
  ShopperContext out;
  out.shopper = core_->shoppers[sh].id;
  if (const auto it = core_->shopper_records.find(sh); it != core_->shopper_records.end()) {
    out.product_views = it->second.views;
    out.location = it->second.location;
    out.last_order = it->second.last_order;
    out.last_activity = from_epoch_ms(it->second.last_activity_ms);
  }
  out.spoken_before = core_->spoke_before(*c, *e);
  return out;
}

}  // namespace vshop
