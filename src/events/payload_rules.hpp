// The rules of docs/events.md applied to one parsed payload object. Split by the part of the
// payload they read: top level and classification (payload_rules.cpp), products
// (product_rules.cpp), the purchase object and its amounts (purchase_rules.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "events/issue_sink.hpp"
#include "simdjson.h"
#include "vshop/events/issue.hpp"
#include "vshop/events/product_feed.hpp"

namespace vshop::events {

// A member found in an object: its value and 1-based position among the members. A member
// whose value is null counts as absent ("null is absent").
struct Member {
  simdjson::dom::element value;
  std::uint32_t position = 0;
  bool present() const { return position != 0; }
};

// What the product and purchase rules share while one payload is checked.
struct PayloadContext {
  IssueSink& sink;
  const ProductFeed* feed;
  EventType event = EventType::kUnknown;

  // purchase.currency when it is a valid ISO 4217 code (for currency_mismatch).
  std::optional<std::string_view> purchase_currency;

  // Σ price × quantity, valid only while every product had a numeric price and quantity.
  double lines_total = 0;
  bool lines_total_known = true;
};

// Checks a payload object; returns its event type. Issues go to `sink`.
EventType check_payload(simdjson::dom::object payload, IssueSink& sink, const ProductFeed* feed);

// Checks `products` (present or not) for a product event.
void check_products(PayloadContext& context, Member products, std::uint32_t products_slot);

// Reads purchase.currency before products are checked (they compare against it).
void read_purchase_currency(PayloadContext& context, Member purchase);
// Checks `purchase` and its amounts; call after check_products.
void check_purchase(PayloadContext& context, Member purchase);

// Shared helpers.
std::string json_pointer_token(std::string_view key);      // escapes `~` and `/`
std::string describe_value(simdjson::dom::element value);  // "a string (\"129.90\")"
bool is_blank(std::string_view text);
// Severity "as the field": critical when mandatory for this event type.
inline Severity severity_of(bool mandatory) {
  return mandatory ? Severity::kCritical : Severity::kWarning;
}
// Validates an ISO 4217 code exactly as docs/events.md defines it.
bool is_iso_currency(std::string_view code);

}  // namespace vshop::events
