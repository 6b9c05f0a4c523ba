// The PRODUCT rules of docs/events.md §1/§2 for product_view, purchase, add and remove, with the
// optional product-feed checks and fallbacks.
// clang-format off
#include "events/gcc_workarounds.hpp"  // first: silences a GCC 12 false positive
// clang-format on
#include <array>
#include <cmath>

#include "events/https_url.hpp"
#include "events/json_number.hpp"
#include "events/payload_rules.hpp"
#include "fmt/format.h"

namespace vshop::events {
namespace {

// PRODUCT fields in §1 order (the rank that breaks ties at one path).
enum ProductField : std::uint8_t {
  kId,
  kName,
  kPrice,
  kCurrency,
  kQuantity,
  kBasketQuantity,
  kBrand,
  kCategory,
  kVariant,
  kLocation,
  kImage,
  kProductFieldCount
};
constexpr std::array<std::string_view, kProductFieldCount> kProductNames = {
    "id",    "name",     "price",   "currency", "quantity", "basketQuantity",
    "brand", "category", "variant", "location", "image"};

// The field index of a member name, or -1 for a merchant's own field. Dispatches on the first
// character so that most names cost one comparison (this runs for every member of every
// product).
int product_field_of(std::string_view key) {
  using namespace std::string_view_literals;
  // Literal operands let the compiler inline each comparison (no memcmp call).
  auto is = [&](std::string_view name, ProductField f) { return key == name ? int{f} : -1; };
  if (key.empty()) return -1;
  switch (key[0]) {
    case 'i':
      return key.size() == 2 ? is("id"sv, kId) : is("image"sv, kImage);
    case 'n':
      return is("name"sv, kName);
    case 'p':
      return is("price"sv, kPrice);
    case 'c':
      return key.size() == 8 && key[1] == 'u' ? is("currency"sv, kCurrency)
                                              : is("category"sv, kCategory);
    case 'q':
      return is("quantity"sv, kQuantity);
    case 'b':
      return key.size() == 5 ? is("brand"sv, kBrand) : is("basketQuantity"sv, kBasketQuantity);
    case 'v':
      return is("variant"sv, kVariant);
    case 'l':
      return is("location"sv, kLocation);
    default:
      return -1;
  }
}

// One product being checked: where it is and how to report about it.
struct ProductScope {
  PayloadContext& context;
  NodePosition position;  // the product object
  std::uint32_t index;    // in `products`; the path is built only when an issue is reported
  std::array<Member, kProductFieldCount> fields;

  void at_value(ProductField field, Severity severity, IssueCode code, std::string message) {
    context.sink.add(position.child(fields[field].position), field, severity, code,
                     path() + "/" + std::string(kProductNames[field]), std::move(message));
  }
  void at_object(ProductField field, Severity severity, IssueCode code, std::string message) {
    context.sink.add(position.after(), field, severity, code, path(), std::move(message));
  }
  std::string path() const { return "/products/" + std::to_string(index); }
};

bool is_product_event(EventType e) {
  return e == EventType::kPurchase || e == EventType::kAddToBasket ||
         e == EventType::kRemoveFromBasket;
}

std::string field_label(ProductField field) {
  return "\"" + std::string(kProductNames[field]) + "\"";
}

// " (filled from feed: ...)" when the feed has what is missing.
std::string feed_fill_note(const FeedProduct* line, ProductField field) {
  if (line == nullptr) return "";
  switch (field) {
    case kName:
      if (line->name) return "; filled from feed (\"" + *line->name + "\")";
      break;
    case kImage:
      if (line->image) return "; filled from feed (" + *line->image + ")";
      break;
    case kPrice:
      if (line->price) return "; filled from feed (" + fmt::format("{}", *line->price) + ")";
      break;
    case kCurrency:
      if (line->currency) return "; filled from feed (" + *line->currency + ")";
      break;
    default:
      break;
  }
  return "";
}

void check_id(ProductScope& p, std::optional<std::string>& id) {
  const Member& member = p.fields[kId];
  if (!member.present()) {
    p.at_object(kId, Severity::kCritical, IssueCode::kIdMissing, "product has no \"id\" (SKU)");
    return;
  }
  // The text is needed only for the feed; without one, check the type without copying.
  const bool valid = member.value.is_string()
                         ? !member.value.get_string().value_unsafe().empty()
                         : as_integer(member.value).has_value() ||
                               member.value.type() == simdjson::dom::element_type::UINT64;
  if (valid && p.context.feed != nullptr) id = id_text(member.value);
  if (!valid) {
    p.at_value(
        kId, Severity::kCritical, IssueCode::kIdMissing,
        "\"id\" is " + describe_value(member.value) + "; send the SKU as a non-empty string");
    id.reset();
  }
}

void check_feed(ProductScope& p, const std::optional<std::string>& id) {
  const ProductFeed* feed = p.context.feed;
  if (feed == nullptr || !id) return;
  if (feed->find(*id) == nullptr) {
    p.at_value(kId, Severity::kWarning, IssueCode::kIdNotInFeed,
               "id \"" + *id + "\" is not in the product feed (no fallback possible)");
    return;
  }
  const FeedProduct* line = feed->by_id(*id);
  if (p.context.event == EventType::kProductView) {
    if (line != nullptr && line->group != line->id) {
      p.at_value(kId, Severity::kWarning, IssueCode::kGroupSkuExpected,
                 "id \"" + *id +
                     "\" is a variant's unique SKU; product_view expects the group "
                     "SKU \"" +
                     line->group + "\"");
    }
  } else if (feed->has_variants(*id)) {
    p.at_value(kId, Severity::kCritical, IssueCode::kUniqueSkuExpected,
               "id \"" + *id +
                   "\" is a group SKU with variants; send the unique SKU of the "
                   "variant so the sale can be matched to the product");
  }
}

void check_price(ProductScope& p, const FeedProduct* feed_line, const std::string* id) {
  const Member& member = p.fields[kPrice];
  const Severity severity = severity_of(is_product_event(p.context.event));
  if (!member.present()) {
    p.at_object(kPrice, severity, IssueCode::kPriceMissing,
                "product has no \"price\"" + feed_fill_note(feed_line, kPrice));
    p.context.lines_total_known = false;
    return;
  }
  const std::optional<double> price = as_number(member.value);
  if (!price) {
    p.at_value(kPrice, severity, IssueCode::kPriceNotNumber,
               "\"price\" is " + describe_value(member.value) + "; send a number");
    p.context.lines_total_known = false;
    return;
  }
  if (*price < 0) {
    p.at_value(kPrice, severity, IssueCode::kPriceNegative,
               "\"price\" is negative (" + simdjson::to_string(member.value) + ")");
  }
  const FeedProduct* exact = (p.context.feed && id) ? p.context.feed->by_id(*id) : nullptr;
  if (exact && exact->price &&
      std::fabs(*price - *exact->price) > 0.005 * std::fabs(*exact->price)) {
    p.at_value(kPrice, Severity::kWarning, IssueCode::kPriceDiffersFromFeed,
               "\"price\" " + simdjson::to_string(member.value) + " differs from the feed's " +
                   fmt::format("{}", *exact->price) +
                   " by more than 0.5% (stale or pre-sale price)");
  }
}

void check_quantities(ProductScope& p, double price_for_total) {
  const EventType event = p.context.event;
  if (!is_product_event(event)) return;
  const Member& quantity = p.fields[kQuantity];
  if (!quantity.present()) {
    p.at_object(kQuantity, Severity::kCritical, IssueCode::kQuantityMissing,
                "product has no \"quantity\"");
    p.context.lines_total_known = false;
  } else {
    const auto n = as_integer(quantity.value);
    if (!n || *n < 1) {
      p.at_value(
          kQuantity, Severity::kCritical, IssueCode::kQuantityNotNumber,
          "\"quantity\" is " + describe_value(quantity.value) + "; send an integer of at least 1");
    }
    if (const auto q = as_number(quantity.value)) {
      p.context.lines_total += price_for_total * *q;
    } else {
      p.context.lines_total_known = false;
    }
  }
  if (event == EventType::kPurchase) return;
  const Member& basket = p.fields[kBasketQuantity];
  const Severity severity = severity_of(event == EventType::kRemoveFromBasket);
  if (!basket.present()) {
    p.at_object(kBasketQuantity, severity, IssueCode::kBasketQuantityMissing,
                "product has no \"basketQuantity\" (the quantity in the basket after the change)");
    return;
  }
  const auto n = as_integer(basket.value);
  if (!n || *n < 0) {
    p.at_value(kBasketQuantity, severity, IssueCode::kBasketQuantityNotNumber,
               "\"basketQuantity\" is " + describe_value(basket.value) +
                   "; send an integer of at least 0");
  }
}

void check_currency(ProductScope& p, const FeedProduct* feed_line) {
  const Member& member = p.fields[kCurrency];
  if (!member.present()) {
    std::string message = "product has no \"currency\"";
    if (p.context.event == EventType::kPurchase) message += " (falls back to purchase.currency)";
    p.at_object(kCurrency, Severity::kWarning, IssueCode::kCurrencyMissing,
                message + feed_fill_note(feed_line, kCurrency));
    return;
  }
  if (!member.value.is_string() || !is_iso_currency(member.value.get_string().value_unsafe())) {
    p.at_value(kCurrency, Severity::kWarning, IssueCode::kCurrencyInvalid,
               "\"currency\" is " + describe_value(member.value) +
                   "; send an ISO 4217 code such as \"SEK\" or \"EUR\"");
    return;
  }
  const std::string_view code = member.value.get_string().value_unsafe();
  if (p.context.purchase_currency && code != *p.context.purchase_currency) {
    p.at_value(kCurrency, Severity::kWarning, IssueCode::kCurrencyMismatch,
               "product currency \"" + std::string(code) + "\" differs from purchase.currency \"" +
                   std::string(*p.context.purchase_currency) + "\"");
  }
}

void check_recommended_text(ProductScope& p, const FeedProduct* feed_line) {
  if (!p.fields[kName].present()) {
    p.at_object(kName, Severity::kWarning, IssueCode::kNameMissing,
                "product has no \"name\"" + feed_fill_note(feed_line, kName));
  }
  for (ProductField field : {kName, kBrand, kCategory, kVariant}) {
    const Member& member = p.fields[field];
    if (member.present() && !member.value.is_string()) {
      p.at_value(field, Severity::kWarning, IssueCode::kFieldType,
                 field_label(field) + " is " + describe_value(member.value) + "; send a string");
    }
  }
  for (ProductField field : {kLocation, kImage}) {
    const Member& member = p.fields[field];
    const bool is_image = field == kImage;
    if (!member.present()) {
      p.at_object(field, Severity::kWarning,
                  is_image ? IssueCode::kImageMissing : IssueCode::kLocationMissing,
                  "product has no " + field_label(field) +
                      (is_image ? " (image URL)" + feed_fill_note(feed_line, kImage)
                                : std::string(" (page URL)")));
    } else if (!member.value.is_string() ||
               !is_absolute_https_url(member.value.get_string().value_unsafe())) {
      p.at_value(field, Severity::kWarning,
                 is_image ? IssueCode::kImageNotHttps : IssueCode::kLocationNotHttps,
                 field_label(field) + " is " + describe_value(member.value) +
                     "; send an absolute https: URL");
    }
  }
}

void check_product(PayloadContext& context, simdjson::dom::element element, NodePosition position,
                   std::uint32_t index) {
  simdjson::dom::object object;
  if (element.get_object().get(object)) {
    context.sink.add(position, kNoField, Severity::kCritical, IssueCode::kProductNotObject,
                     "/products/" + std::to_string(index),
                     "product is " + describe_value(element) + "; send an object");
    context.lines_total_known = false;
    return;
  }
  ProductScope p{context, position, index, {}};
  std::uint32_t member_position = 0;
  for (auto member : object) {
    ++member_position;
    const int f = product_field_of(member.key);
    if (f >= 0) {
      p.fields[f] = member.value.is_null() ? Member{} : Member{member.value, member_position};
    }
  }
  std::optional<std::string> id;
  check_id(p, id);
  check_feed(p, id);
  const FeedProduct* feed_line = (context.feed && id) ? context.feed->find(*id) : nullptr;
  check_price(p, feed_line, id ? &*id : nullptr);
  const auto price = p.fields[kPrice].present() ? as_number(p.fields[kPrice].value) : std::nullopt;
  check_quantities(p, price.value_or(0));
  check_currency(p, feed_line);
  check_recommended_text(p, feed_line);
}

}  // namespace

void check_products(PayloadContext& context, Member products, std::uint32_t products_slot) {
  context.lines_total = 0;
  context.lines_total_known = true;
  const NodePosition at_products = NodePosition{}.child(products_slot);
  simdjson::dom::array array;
  if (!products.present()) {
    context.sink.add(NodePosition{}.after(), 2, Severity::kCritical, IssueCode::kProductsMissing,
                     "", "no \"products\" (an array with at least one product)");
    context.lines_total_known = false;
    return;
  }
  if (products.value.get_array().get(array) || array.size() == 0) {
    context.sink.add(at_products, 2, Severity::kCritical, IssueCode::kProductsMissing, "/products",
                     "\"products\" is " + describe_value(products.value) +
                         (products.value.is_array() ? " with no product" : "") +
                         "; send an array with at least one product");
    context.lines_total_known = false;
    return;
  }
  std::uint32_t index = 0;
  for (simdjson::dom::element element : array) {
    check_product(context, element, at_products.child(index + 1), index);
    ++index;
  }
}

}  // namespace vshop::events
