// docs/events.md PRODUCT rules: one TEST_CASE per code, a passing and a failing payload each.
#include "event_builder.hpp"

using namespace vshop::events;
using namespace vshop::events::testing;

namespace {
constexpr auto C = Severity::kCritical;
constexpr auto W = Severity::kWarning;
const char* const kProductTypes[] = {"ecommerce:detail", "ecommerce:purchase", "ecommerce:add",
                                     "ecommerce:remove"};
}  // namespace

TEST_CASE("EVT-CODE products_missing: missing, not an array or empty is critical") {
  for (const char* type : kProductTypes) {
    expect_issue(product_event(type, {}, {{"products", ""}}), IssueCode::kProductsMissing, C, "");
    expect_issue(product_event(type, {}, {{"products", "[]"}}), IssueCode::kProductsMissing, C,
                 "/products");
    expect_issue(product_event(type, {}, {{"products", "{\"id\":\"A\"}"}}),
                 IssueCode::kProductsMissing, C, "/products");
    expect_no_issue(product_event(type), IssueCode::kProductsMissing);
  }
}

TEST_CASE("EVT-CODE product_not_object: a product that is not an object is critical") {
  const std::string json = R"({"type":"ecommerce:add","products":["JKT-100"]})";
  expect_issue(json, IssueCode::kProductNotObject, C, "/products/0");
  expect_no_issue(product_event("ecommerce:add"), IssueCode::kProductNotObject);
}

TEST_CASE("EVT-CODE id_missing: id missing, empty or not a string/integer is critical") {
  for (const char* type : kProductTypes) {
    expect_issue(product_event(type, {{"id", ""}}), IssueCode::kIdMissing, C, "/products/0");
    expect_issue(product_event(type, {{"id", "\"\""}}), IssueCode::kIdMissing, C, "/products/0/id");
    expect_issue(product_event(type, {{"id", "12.5"}}), IssueCode::kIdMissing, C, "/products/0/id");
    expect_issue(product_event(type, {{"id", "true"}}), IssueCode::kIdMissing, C, "/products/0/id");
    expect_no_issue(product_event(type, {{"id", "100234"}}), IssueCode::kIdMissing);
    expect_no_issue(product_event(type, {{"id", "100234.0"}}), IssueCode::kIdMissing);
  }
}

TEST_CASE("R-EVT-2 price_missing: critical for purchase/add/remove, warning for product_view") {
  expect_issue(product_event("ecommerce:detail", {{"price", ""}}), IssueCode::kPriceMissing, W,
               "/products/0");
  for (const char* type : {"ecommerce:purchase", "ecommerce:add", "ecommerce:remove"}) {
    expect_issue(product_event(type, {{"price", ""}}), IssueCode::kPriceMissing, C, "/products/0");
    expect_issue(product_event(type, {{"price", "null"}}), IssueCode::kPriceMissing, C,
                 "/products/0");
    expect_no_issue(product_event(type), IssueCode::kPriceMissing);
  }
}

TEST_CASE("R-EVT-2 price_not_number: price as a string or other non-number, as the field") {
  expect_issue(product_event("ecommerce:detail", {{"price", "\"129.90\""}}),
               IssueCode::kPriceNotNumber, W, "/products/0/price");
  expect_issue(product_event("ecommerce:add", {{"price", "\"129.90\""}}),
               IssueCode::kPriceNotNumber, C, "/products/0/price");
  expect_issue(product_event("ecommerce:purchase", {{"price", "{\"amount\":129.9}"}}),
               IssueCode::kPriceNotNumber, C, "/products/0/price");
  // Beyond double range is not a number (docs/events.md "Numbers").
  expect_issue(product_event("ecommerce:remove", {{"price", "1e400"}}), IssueCode::kPriceNotNumber,
               C, "/products/0/price");
  expect_no_issue(product_event("ecommerce:add", {{"price", "0"}}), IssueCode::kPriceNotNumber);
}

TEST_CASE("EVT-CODE price_negative: price below zero, as the field") {
  expect_issue(product_event("ecommerce:detail", {{"price", "-1"}}), IssueCode::kPriceNegative, W,
               "/products/0/price");
  expect_issue(product_event("ecommerce:purchase", {{"price", "-0.5"}}), IssueCode::kPriceNegative,
               C, "/products/0/price");
  expect_no_issue(product_event("ecommerce:purchase", {{"price", "0.0"}}),
                  IssueCode::kPriceNegative);
}

TEST_CASE("EVT-CODE quantity_missing: purchase/add/remove without quantity is critical") {
  for (const char* type : {"ecommerce:purchase", "ecommerce:add", "ecommerce:remove"}) {
    expect_issue(product_event(type, {{"quantity", ""}}), IssueCode::kQuantityMissing, C,
                 "/products/0");
  }
  expect_no_issue(product_event("ecommerce:detail", {{"quantity", ""}}),
                  IssueCode::kQuantityMissing);
}

TEST_CASE("R-EVT-2 quantity_not_number: string, fraction or below 1 is critical") {
  for (const char* bad : {"\"1\"", "1.5", "0", "-2", "1e400"}) {
    expect_issue(product_event("ecommerce:add", {{"quantity", bad}}), IssueCode::kQuantityNotNumber,
                 C, "/products/0/quantity");
  }
  expect_no_issue(product_event("ecommerce:purchase", {{"quantity", "2.0"}}),
                  IssueCode::kQuantityNotNumber);
}

TEST_CASE("EVT-CODE basket_quantity_missing: remove critical, add warning, others unchecked") {
  expect_issue(product_event("ecommerce:remove", {{"basketQuantity", ""}}),
               IssueCode::kBasketQuantityMissing, C, "/products/0");
  expect_issue(product_event("ecommerce:add", {{"basketQuantity", ""}}),
               IssueCode::kBasketQuantityMissing, W, "/products/0");
  expect_no_issue(product_event("ecommerce:purchase", {{"basketQuantity", ""}}),
                  IssueCode::kBasketQuantityMissing);
  expect_no_issue(product_event("ecommerce:remove", {{"basketQuantity", "0"}}),
                  IssueCode::kBasketQuantityMissing);
}

TEST_CASE("R-EVT-2 basket_quantity_not_number: string, fraction or below 0, as the field") {
  expect_issue(product_event("ecommerce:remove", {{"basketQuantity", "\"2\""}}),
               IssueCode::kBasketQuantityNotNumber, C, "/products/0/basketQuantity");
  expect_issue(product_event("ecommerce:add", {{"basketQuantity", "1.5"}}),
               IssueCode::kBasketQuantityNotNumber, W, "/products/0/basketQuantity");
  expect_issue(product_event("ecommerce:add", {{"basketQuantity", "-1"}}),
               IssueCode::kBasketQuantityNotNumber, W, "/products/0/basketQuantity");
  expect_no_issue(product_event("ecommerce:remove", {{"basketQuantity", "0"}}),
                  IssueCode::kBasketQuantityNotNumber);
}

TEST_CASE("R-EVT-2 currency_missing (product): a warning at the product") {
  for (const char* type : kProductTypes) {
    expect_issue(product_event(type, {{"currency", ""}}), IssueCode::kCurrencyMissing, W,
                 "/products/0");
  }
  expect_no_issue(product_event("ecommerce:detail"), IssueCode::kCurrencyMissing);
}

TEST_CASE("R-EVT-2 currency_invalid (product): not an ISO 4217 code is a warning") {
  for (const char* bad : {"\"kr\"", "\"sek\"", "\"EURO\"", "\"\"", "\"DEM\"", "978"}) {
    expect_issue(product_event("ecommerce:add", {{"currency", bad}}), IssueCode::kCurrencyInvalid,
                 W, "/products/0/currency");
  }
  for (const char* good : {"\"XCG\"", "\"ZWG\"", "\"SLE\"", "\"EUR\""}) {
    expect_no_issue(product_event("ecommerce:add", {{"currency", good}}),
                    IssueCode::kCurrencyInvalid);
  }
}

TEST_CASE("EVT-CODE currency_mismatch: product currency differs from purchase.currency") {
  expect_issue(product_event("ecommerce:purchase", {{"currency", "\"EUR\""}}),
               IssueCode::kCurrencyMismatch, W, "/products/0/currency");
  expect_no_issue(product_event("ecommerce:purchase"), IssueCode::kCurrencyMismatch);
  expect_no_issue(product_event("ecommerce:add", {{"currency", "\"EUR\""}}),
                  IssueCode::kCurrencyMismatch);
}

TEST_CASE("EVT-CODE name_missing: a product without name is a warning") {
  for (const char* type : kProductTypes) {
    expect_issue(product_event(type, {{"name", ""}}), IssueCode::kNameMissing, W, "/products/0");
  }
  expect_no_issue(product_event("ecommerce:detail"), IssueCode::kNameMissing);
}

TEST_CASE("EVT-CODE image_missing: a product without image is a warning") {
  expect_issue(product_event("ecommerce:detail", {{"image", ""}}), IssueCode::kImageMissing, W,
               "/products/0");
  expect_no_issue(product_event("ecommerce:detail"), IssueCode::kImageMissing);
}

TEST_CASE("R-EVT-2 image_not_https: image URL not an absolute https: URL is a warning") {
  for (const char* bad : {"\"http://cdn.example/a.jpg\"", "\"//cdn.example/a.jpg\"",
                          "\"img/a.jpg\"", "\"\"", "{\"src\":\"https://cdn.example/a.jpg\"}"}) {
    expect_issue(product_event("ecommerce:detail", {{"image", bad}}), IssueCode::kImageNotHttps, W,
                 "/products/0/image");
  }
  expect_no_issue(product_event("ecommerce:detail"), IssueCode::kImageNotHttps);
}

TEST_CASE("EVT-CODE location_missing / location_not_https on products") {
  expect_issue(product_event("ecommerce:add", {{"location", ""}}), IssueCode::kLocationMissing, W,
               "/products/0");
  expect_issue(product_event("ecommerce:add", {{"location", "\"http://shop.example/p\""}}),
               IssueCode::kLocationNotHttps, W, "/products/0/location");
  expect_no_issue(product_event("ecommerce:add"), IssueCode::kLocationNotHttps);
}

TEST_CASE("EVT-CODE field_type: name, brand, category, variant present but not a string") {
  for (const char* field : {"name", "brand", "category", "variant"}) {
    expect_issue(product_event("ecommerce:detail", {{field, "42"}}), IssueCode::kFieldType, W,
                 std::string("/products/0/") + field);
  }
  expect_issue(product_event("ecommerce:purchase", {}, {}, {{"coupon", "10"}}),
               IssueCode::kFieldType, W, "/purchase/coupon");
  expect_no_issue(product_event("ecommerce:detail"), IssueCode::kFieldType);
}

TEST_CASE("EVT-NULL: a field whose value is null counts as missing") {
  expect_issue(product_event("ecommerce:detail", {{"name", "null"}}), IssueCode::kNameMissing, W,
               "/products/0");
  expect_no_issue(product_event("ecommerce:detail", {{"name", "null"}}), IssueCode::kFieldType);
}

TEST_CASE("EVT-PATHS: issues in later products point at their own index") {
  const std::string json = R"({"type":"ecommerce:add","products":[)" + object(good_product()) +
                           "," + object(good_product(), {{"price", "\"9\""}}) + "]}";
  expect_issue(json, IssueCode::kPriceNotNumber, C, "/products/1/price");
}
