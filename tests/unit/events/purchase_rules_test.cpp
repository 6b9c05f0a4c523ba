// docs/events.md PURCHASE rules and "Amounts".
#include "event_builder.hpp"

using namespace vshop::events;
using namespace vshop::events::testing;

namespace {
constexpr auto C = Severity::kCritical;
constexpr auto W = Severity::kWarning;

std::string purchase(const Fields& purchase_changes, const Fields& product_changes = {}) {
  return product_event("ecommerce:purchase", product_changes, {}, purchase_changes);
}
}  // namespace

TEST_CASE("EVT-CODE purchase_missing: purchase event without a purchase object is critical") {
  expect_issue(product_event("ecommerce:purchase", {}, {{"purchase", ""}}),
               IssueCode::kPurchaseMissing, C, "");
  expect_issue(product_event("ecommerce:purchase", {}, {{"purchase", "\"A-1\""}}),
               IssueCode::kPurchaseMissing, C, "/purchase");
  expect_no_issue(purchase({}), IssueCode::kPurchaseMissing);
}

TEST_CASE("EVT-CODE order_id_missing: purchase.id missing, empty or not a string/integer") {
  expect_issue(purchase({{"id", ""}}), IssueCode::kOrderIdMissing, C, "/purchase");
  expect_issue(purchase({{"id", "\"\""}}), IssueCode::kOrderIdMissing, C, "/purchase/id");
  expect_issue(purchase({{"id", "[1]"}}), IssueCode::kOrderIdMissing, C, "/purchase/id");
  expect_no_issue(purchase({{"id", "1001"}}), IssueCode::kOrderIdMissing);
}

TEST_CASE("R-EVT-2 currency_missing (purchase): purchase.currency missing is critical") {
  expect_issue(purchase({{"currency", ""}}), IssueCode::kCurrencyMissing, C, "/purchase");
  expect_no_issue(purchase({}), IssueCode::kCurrencyMissing);
}

TEST_CASE("R-EVT-2 currency_invalid (purchase): not ISO 4217 is critical") {
  for (const char* bad : {"\"kr\"", "\"sek\"", "\"EURO\"", "\"\"", "\"DEM\"", "752"}) {
    expect_issue(purchase({{"currency", bad}}, {{"currency", ""}}), IssueCode::kCurrencyInvalid, C,
                 "/purchase/currency");
  }
  expect_no_issue(purchase({}), IssueCode::kCurrencyInvalid);
}

TEST_CASE("R-EVT-2 subtotal_missing: purchase.subtotal missing is critical") {
  expect_issue(purchase({{"subtotal", ""}}), IssueCode::kSubtotalMissing, C, "/purchase");
  expect_no_issue(purchase({}), IssueCode::kSubtotalMissing);
}

TEST_CASE("EVT-CODE subtotal_not_number: subtotal as string is critical") {
  expect_issue(purchase({{"subtotal", "\"129.90\""}}), IssueCode::kSubtotalNotNumber, C,
               "/purchase/subtotal");
  expect_no_issue(purchase({}), IssueCode::kSubtotalNotNumber);
}

TEST_CASE("R-EVT-2 subtotal_zero: subtotal 0 is critical") {
  expect_issue(purchase({{"subtotal", "0"}}), IssueCode::kSubtotalZero, C, "/purchase/subtotal");
  expect_issue(purchase({{"subtotal", "0.0"}}), IssueCode::kSubtotalZero, C, "/purchase/subtotal");
  expect_no_issue(purchase({}), IssueCode::kSubtotalZero);
}

TEST_CASE("EVT-CODE subtotal_negative: subtotal below 0 is critical") {
  expect_issue(purchase({{"subtotal", "-129.9"}}), IssueCode::kSubtotalNegative, C,
               "/purchase/subtotal");
  expect_no_issue(purchase({}), IssueCode::kSubtotalNegative);
}

TEST_CASE("EVT-CODE amount_invalid: total, tax, shipping or discount non-number or negative") {
  for (const char* field : {"total", "tax", "shipping", "discount"}) {
    expect_issue(purchase({{field, "\"5\""}}), IssueCode::kAmountInvalid, W,
                 std::string("/purchase/") + field);
    expect_issue(purchase({{field, "-1"}}), IssueCode::kAmountInvalid, W,
                 std::string("/purchase/") + field);
  }
  expect_no_issue(purchase({}), IssueCode::kAmountInvalid);
}

TEST_CASE("R-EVT-2 tax_inconsistent: tax above total, or total not subtotal+tax+shipping") {
  expect_issue(purchase({{"tax", "200"}, {"total", "162.38"}}), IssueCode::kTaxInconsistent, W,
               "/purchase");
  expect_issue(purchase({{"total", "170"}}), IssueCode::kTaxInconsistent, W, "/purchase");
  // Within 0.01 is consistent; without all four only tax > total is checked.
  expect_no_issue(purchase({{"total", "162.385"}}), IssueCode::kTaxInconsistent);
  expect_no_issue(purchase({{"shipping", ""}, {"total", "170"}}), IssueCode::kTaxInconsistent);
}

TEST_CASE("R-EVT-2 coupon_missing: a discount without a coupon is a warning at /purchase") {
  expect_issue(purchase({{"discount", "10"}, {"subtotal", "119.9"}, {"total", "152.38"}}),
               IssueCode::kCouponMissing, W, "/purchase");
  expect_no_issue(purchase({{"discount", "10"},
                            {"subtotal", "119.9"},
                            {"total", "152.38"},
                            {"coupon", "\"SPRING10\""}}),
                  IssueCode::kCouponMissing);
}

TEST_CASE("EVT-AMOUNTS: lines above subtotal+discount without coupon give coupon_missing once") {
  // Lines 129.9, subtotal 100 and no discount, no coupon: one coupon_missing.
  const auto result = validate(purchase({{"subtotal", "100"}, {"total", ""}, {"tax", ""}}));
  int count = 0;
  for (const Issue& issue : result.issues) count += issue.code == IssueCode::kCouponMissing;
  CHECK(count == 1);
  // Discount 5 without coupon and lines still above: still once.
  const auto both = validate(purchase({{"subtotal", "100"}, {"discount", "5"}, {"total", ""}}));
  count = 0;
  for (const Issue& issue : both.issues) count += issue.code == IssueCode::kCouponMissing;
  CHECK(count == 1);
  // A coupon without a discount explains the reduction.
  expect_clean(purchase({{"subtotal", "100"}, {"coupon", "\"X\""}, {"total", ""}}));
}

TEST_CASE("EVT-CODE subtotal_mismatch: coupon and discount that do not explain, or over lines") {
  expect_issue(
      purchase({{"subtotal", "100"}, {"discount", "5"}, {"coupon", "\"X\""}, {"total", ""}}),
      IssueCode::kSubtotalMismatch, W, "/purchase");
  expect_issue(purchase({{"subtotal", "150"}, {"total", ""}}), IssueCode::kSubtotalMismatch, W,
               "/purchase");
  // Tolerance 0.01 + 0.5% of the lines: 129.9 -> 0.6595.
  expect_no_issue(purchase({{"subtotal", "130.5"}, {"total", ""}}), IssueCode::kSubtotalMismatch);
  expect_no_issue(
      purchase({{"subtotal", "119.9"}, {"discount", "10"}, {"coupon", "\"X\""}, {"total", ""}}),
      IssueCode::kSubtotalMismatch);
}
