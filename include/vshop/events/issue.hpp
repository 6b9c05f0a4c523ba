// Tracking-event issues (docs/events.md §2): what the validator reports about one payload.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "vshop/export.hpp"

namespace vshop::events {

enum class Severity : std::uint8_t { kCritical, kWarning };

// The six event types of docs/events.md §1, plus `unknown` when the event cannot be told.
enum class EventType : std::uint8_t {
  kUnknown,
  kProductView,
  kPurchase,
  kAddToBasket,
  kRemoveFromBasket,
  kCategoryView,
  kProductSearch,
};

// Stable issue codes, declared in the order of the docs/events.md §2 tables (main table, then the
// product-feed table, then the stream-check table): that order breaks ties between issues at
// one path, so never reorder.
enum class IssueCode : std::uint8_t {
  kJsonInvalid,
  kUtf8Invalid,
  kTooDeep,
  kTooLarge,
  kNotAnObject,
  kTypeMissing,
  kTypeUnknown,
  kActionUnknown,
  kProductsMissing,
  kProductNotObject,
  kIdMissing,
  kPriceMissing,
  kPriceNotNumber,
  kPriceNegative,
  kQuantityMissing,
  kQuantityNotNumber,
  kBasketQuantityMissing,
  kBasketQuantityNotNumber,
  kPurchaseMissing,
  kOrderIdMissing,
  kCurrencyMissing,
  kCurrencyInvalid,
  kCurrencyMismatch,
  kSubtotalMissing,
  kSubtotalNotNumber,
  kSubtotalZero,
  kSubtotalNegative,
  kAmountInvalid,
  kSubtotalMismatch,
  kCouponMissing,
  kTaxInconsistent,
  kNameMissing,
  kImageMissing,
  kImageNotHttps,
  kLocationMissing,
  kLocationNotHttps,
  kFieldType,
  kValueMissing,
  kValueNotString,
  kValueSuspicious,
  kUnknownField,
  kGroupSkuExpected,
  kUniqueSkuExpected,
  kIdNotInFeed,
  kPriceDiffersFromFeed,
  kDuplicateEvent,
  kCategoryWithProductView,
};

inline constexpr int kIssueCodeCount = static_cast<int>(IssueCode::kCategoryWithProductView) + 1;

// One finding. `path` is a JSON Pointer into the payload ("" = the whole document).
struct Issue {
  Severity severity = Severity::kWarning;
  IssueCode code = IssueCode::kJsonInvalid;
  std::string path;
  std::string message;

  friend bool operator==(const Issue&, const Issue&) = default;
};

// Names used in JSON output and tests (`critical`, `price_not_number`, `product_view`).
VSHOP_API std::string_view severity_name(Severity severity);
VSHOP_API std::string_view issue_code_name(IssueCode code);
VSHOP_API std::string_view event_type_name(EventType type);

// The code for a name, if it is one (for hosts and tests that read codes back).
VSHOP_API std::optional<IssueCode> issue_code_from_name(std::string_view name);

}  // namespace vshop::events
