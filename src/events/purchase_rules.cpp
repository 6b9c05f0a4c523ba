// The PURCHASE rules of docs/events.md: order id, currency, subtotal, other amounts, coupon, and
// the cross-field "Amounts" checks that point at /purchase.
// clang-format off
#include "events/gcc_workarounds.hpp"  // first: silences a GCC 12 false positive
// clang-format on
#include <array>
#include <cmath>

#include "events/json_number.hpp"
#include "events/payload_rules.hpp"
#include "fmt/format.h"

namespace vshop::events {
namespace {

// PURCHASE fields in §1 order (the rank that breaks ties at /purchase).
enum PurchaseField : std::uint8_t {
  kId,
  kCurrency,
  kSubtotal,
  kTotal,
  kTax,
  kShipping,
  kDiscount,
  kCoupon,
  kPurchaseFieldCount
};
constexpr std::array<std::string_view, kPurchaseFieldCount> kPurchaseNames = {
    "id", "currency", "subtotal", "total", "tax", "shipping", "discount", "coupon"};
constexpr std::uint8_t kPurchaseRank = 3;  // `purchase` among the top-level fields

struct PurchaseScope {
  PayloadContext& context;
  NodePosition position;
  std::array<Member, kPurchaseFieldCount> fields;

  void at_value(PurchaseField field, Severity severity, IssueCode code, std::string message) {
    context.sink.add(position.child(fields[field].position), field, severity, code,
                     "/purchase/" + std::string(kPurchaseNames[field]), std::move(message));
  }
  void at_object(PurchaseField field, Severity severity, IssueCode code, std::string message) {
    context.sink.add(position.after(), field, severity, code, "/purchase", std::move(message));
  }
  std::optional<double> number(PurchaseField field) const {
    return fields[field].present() ? as_number(fields[field].value) : std::nullopt;
  }
};

std::optional<simdjson::dom::object> purchase_object(const Member& purchase) {
  simdjson::dom::object object;
  if (!purchase.present() || purchase.value.get_object().get(object)) return std::nullopt;
  return object;
}

std::array<Member, kPurchaseFieldCount> collect(simdjson::dom::object object) {
  std::array<Member, kPurchaseFieldCount> fields{};
  std::uint32_t position = 0;
  for (auto member : object) {
    ++position;
    for (std::size_t f = 0; f < kPurchaseFieldCount; ++f) {
      if (member.key == kPurchaseNames[f]) {
        fields[f] = member.value.is_null() ? Member{} : Member{member.value, position};
      }
    }
  }
  return fields;
}

void check_order_id_and_currency(PurchaseScope& p) {
  const Member& id = p.fields[kId];
  if (!id.present()) {
    p.at_object(kId, Severity::kCritical, IssueCode::kOrderIdMissing,
                "purchase has no \"id\" (the order id)");
  } else if (auto text = id_text(id.value); !text || text->empty()) {
    p.at_value(kId, Severity::kCritical, IssueCode::kOrderIdMissing,
               "purchase \"id\" is " + describe_value(id.value) +
                   "; send the order id as a non-empty string");
  }
  const Member& currency = p.fields[kCurrency];
  if (!currency.present()) {
    p.at_object(kCurrency, Severity::kCritical, IssueCode::kCurrencyMissing,
                "purchase has no \"currency\"");
  } else if (!currency.value.is_string() ||
             !is_iso_currency(currency.value.get_string().value_unsafe())) {
    p.at_value(kCurrency, Severity::kCritical, IssueCode::kCurrencyInvalid,
               "purchase \"currency\" is " + describe_value(currency.value) +
                   "; send an ISO 4217 code such as \"SEK\" or \"EUR\"");
  }
}

void check_subtotal(PurchaseScope& p) {
  const Member& subtotal = p.fields[kSubtotal];
  if (!subtotal.present()) {
    p.at_object(kSubtotal, Severity::kCritical, IssueCode::kSubtotalMissing,
                "purchase has no \"subtotal\" (the sale would be recorded as zero)");
    return;
  }
  const auto value = as_number(subtotal.value);
  if (!value) {
    p.at_value(kSubtotal, Severity::kCritical, IssueCode::kSubtotalNotNumber,
               "\"subtotal\" is " + describe_value(subtotal.value) + "; send a number");
  } else if (*value == 0) {
    p.at_value(kSubtotal, Severity::kCritical, IssueCode::kSubtotalZero,
               "\"subtotal\" is 0 (the sale would be recorded as zero)");
  } else if (*value < 0) {
    p.at_value(kSubtotal, Severity::kCritical, IssueCode::kSubtotalNegative,
               "\"subtotal\" is negative (" + simdjson::to_string(subtotal.value) + ")");
  }
}

void check_other_amounts(PurchaseScope& p) {
  for (PurchaseField field : {kTotal, kTax, kShipping, kDiscount}) {
    const Member& member = p.fields[field];
    if (!member.present()) continue;
    const auto value = as_number(member.value);
    if (!value || *value < 0) {
      p.at_value(field, Severity::kWarning, IssueCode::kAmountInvalid,
                 "\"" + std::string(kPurchaseNames[field]) + "\" is " +
                     describe_value(member.value) + "; send a number of at least 0");
    }
  }
  const Member& coupon = p.fields[kCoupon];
  if (coupon.present() && !coupon.value.is_string()) {
    p.at_value(kCoupon, Severity::kWarning, IssueCode::kFieldType,
               "\"coupon\" is " + describe_value(coupon.value) + "; send a string");
  }
}

// A usable amount: a number of at least 0 (an invalid one has its own issue and is ignored).
std::optional<double> amount(const PurchaseScope& p, PurchaseField field) {
  auto value = p.number(field);
  if (value && *value < 0) return std::nullopt;
  return value;
}

void check_amounts(PurchaseScope& p) {
  const Member& coupon_member = p.fields[kCoupon];
  const bool has_coupon =
      coupon_member.present() &&
      !(coupon_member.value.is_string() && coupon_member.value.get_string().value_unsafe().empty());
  const double discount = amount(p, kDiscount).value_or(0);
  const bool has_discount = discount > 0;
  bool coupon_reported = false;
  if (has_discount && !has_coupon) {
    p.at_object(kCoupon, Severity::kWarning, IssueCode::kCouponMissing,
                "a discount of " + fmt::format("{}", discount) + " is present but no \"coupon\"");
    coupon_reported = true;
  }
  const auto subtotal = p.number(kSubtotal);
  // Only a positive subtotal is compared: a missing or zero one already has a critical issue.
  if (p.context.lines_total_known && subtotal && *subtotal > 0) {
    const double lines = p.context.lines_total;
    const double tolerance = 0.01 + 0.005 * lines;
    const double paid = *subtotal + discount;
    // Formatted only when reported: this runs for every purchase.
    auto figures = [&] {
      return fmt::format("products sum to {:.2f}, subtotal + discount is {:.2f}", lines, paid);
    };
    if (lines - paid > tolerance) {
      if (!has_coupon) {
        if (!coupon_reported) {
          p.at_object(kCoupon, Severity::kWarning, IssueCode::kCouponMissing,
                      figures() + ": a reduction without a \"coupon\"");
        }
      } else if (has_discount) {
        p.at_object(kSubtotal, Severity::kWarning, IssueCode::kSubtotalMismatch,
                    figures() + ": the discount does not explain the difference");
      }
    } else if (paid - lines > tolerance) {
      p.at_object(kSubtotal, Severity::kWarning, IssueCode::kSubtotalMismatch,
                  figures() + ": the subtotal is more than the products");
    }
  }
  const auto total = amount(p, kTotal);
  const auto tax = amount(p, kTax);
  const auto shipping = amount(p, kShipping);
  if (total && tax && *tax > *total) {
    p.at_object(
        kTax, Severity::kWarning, IssueCode::kTaxInconsistent,
        "tax " + fmt::format("{}", *tax) + " is more than total " + fmt::format("{}", *total));
  } else if (total && tax && shipping && subtotal && *subtotal >= 0 &&
             std::fabs(*total - (*subtotal + *tax + *shipping)) > 0.01) {
    p.at_object(kTax, Severity::kWarning, IssueCode::kTaxInconsistent,
                "total " + fmt::format("{}", *total) + " is not subtotal + tax + shipping (" +
                    fmt::format("{:.2f}", *subtotal + *tax + *shipping) + ")");
  }
}

}  // namespace

void read_purchase_currency(PayloadContext& context, Member purchase) {
  context.purchase_currency.reset();
  const auto object = purchase_object(purchase);
  if (!object) return;
  const auto fields = collect(*object);
  const Member& currency = fields[kCurrency];
  if (currency.present() && currency.value.is_string() &&
      is_iso_currency(currency.value.get_string().value_unsafe())) {
    context.purchase_currency = currency.value.get_string().value_unsafe();
  }
}

void check_purchase(PayloadContext& context, Member purchase) {
  const auto object = purchase_object(purchase);
  if (!object) {
    const bool present = purchase.present();
    context.sink.add(present ? NodePosition{}.child(purchase.position) : NodePosition{}.after(),
                     kPurchaseRank, Severity::kCritical, IssueCode::kPurchaseMissing,
                     present ? "/purchase" : "",
                     present ? "\"purchase\" is " + describe_value(purchase.value) +
                                   "; send an object with the order"
                             : std::string("purchase event without \"purchase\" (the order)"));
    return;
  }
  PurchaseScope p{context, NodePosition{}.child(purchase.position), collect(*object)};
  check_order_id_and_currency(p);
  check_subtotal(p);
  check_other_amounts(p);
  check_amounts(p);
}

}  // namespace vshop::events
