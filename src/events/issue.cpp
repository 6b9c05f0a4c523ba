#include "vshop/events/issue.hpp"

#include <array>

namespace vshop::events {
namespace {

constexpr std::array<std::string_view, kIssueCodeCount> kCodeNames = {
    "json_invalid",
    "utf8_invalid",
    "too_deep",
    "too_large",
    "not_an_object",
    "type_missing",
    "type_unknown",
    "action_unknown",
    "products_missing",
    "product_not_object",
    "id_missing",
    "price_missing",
    "price_not_number",
    "price_negative",
    "quantity_missing",
    "quantity_not_number",
    "basket_quantity_missing",
    "basket_quantity_not_number",
    "purchase_missing",
    "order_id_missing",
    "currency_missing",
    "currency_invalid",
    "currency_mismatch",
    "subtotal_missing",
    "subtotal_not_number",
    "subtotal_zero",
    "subtotal_negative",
    "amount_invalid",
    "subtotal_mismatch",
    "coupon_missing",
    "tax_inconsistent",
    "name_missing",
    "image_missing",
    "image_not_https",
    "location_missing",
    "location_not_https",
    "field_type",
    "value_missing",
    "value_not_string",
    "value_suspicious",
    "unknown_field",
    "group_sku_expected",
    "unique_sku_expected",
    "id_not_in_feed",
    "price_differs_from_feed",
    "duplicate_event",
    "category_with_product_view",
};

}  // namespace

std::string_view severity_name(Severity severity) {
  return severity == Severity::kCritical ? "critical" : "warning";
}

std::string_view issue_code_name(IssueCode code) {
  const auto index = static_cast<std::size_t>(code);
  return index < kCodeNames.size() ? kCodeNames[index] : "unknown";
}

std::string_view event_type_name(EventType type) {
  switch (type) {
    case EventType::kProductView:
      return "product_view";
    case EventType::kPurchase:
      return "purchase";
    case EventType::kAddToBasket:
      return "add_to_basket";
    case EventType::kRemoveFromBasket:
      return "remove_from_basket";
    case EventType::kCategoryView:
      return "category_view";
    case EventType::kProductSearch:
      return "product_search";
    case EventType::kUnknown:
      break;
  }
  return "unknown";
}

std::optional<IssueCode> issue_code_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kCodeNames.size(); ++i) {
    if (kCodeNames[i] == name) return static_cast<IssueCode>(i);
  }
  return std::nullopt;
}

}  // namespace vshop::events
