// docs/events.md §1 classification and the top-level rules.
#include "event_builder.hpp"

using namespace vshop::events;
using namespace vshop::events::testing;

namespace {
constexpr auto C = Severity::kCritical;
constexpr auto W = Severity::kWarning;
}  // namespace

TEST_CASE("R-EVT-1: a complete event of each of the six types has no issue and is classified") {
  const std::pair<std::string, EventType> cases[] = {
      {product_event("ecommerce:detail"), EventType::kProductView},
      {product_event("ecommerce:purchase"), EventType::kPurchase},
      {product_event("ecommerce:add"), EventType::kAddToBasket},
      {product_event("ecommerce:remove"), EventType::kRemoveFromBasket},
      {page_event("category-view"), EventType::kCategoryView},
      {page_event("search"), EventType::kProductSearch},
  };
  for (const auto& [json, type] : cases) {
    expect_clean(json);
    CHECK(validate(json).event == type);
  }
}

TEST_CASE("EVT-CLASSIFY: matching is exact and case-sensitive; unknown types are unknown") {
  CHECK(validate(product_event("Ecommerce:Detail")).event == EventType::kUnknown);
  CHECK(validate(page_event("Search")).event == EventType::kUnknown);
}

TEST_CASE("EVT-CODE type_missing: no type is critical at \"\", and action still classifies") {
  const std::string json = page_event("search", {{"type", ""}});
  expect_issue(json, IssueCode::kTypeMissing, C, "");
  CHECK(validate(json).event == EventType::kProductSearch);
  expect_issue(product_event("ecommerce:add", {}, {{"type", ""}}), IssueCode::kTypeMissing, C, "");
  expect_issue(product_event("ecommerce:add", {}, {{"type", "null"}}), IssueCode::kTypeMissing, C,
               "");
  expect_no_issue(page_event("search"), IssueCode::kTypeMissing);
}

TEST_CASE("EVT-CODE type_unknown: an unknown string or a non-string type is critical at /type") {
  expect_issue(product_event("ecommerce:view"), IssueCode::kTypeUnknown, C, "/type");
  expect_issue(product_event("x", {}, {{"type", "42"}}), IssueCode::kTypeUnknown, C, "/type");
  const std::string by_action = page_event("category-view", {{"type", "\"ecommerce:event\""}});
  expect_issue(by_action, IssueCode::kTypeUnknown, C, "/type");
  CHECK(validate(by_action).event == EventType::kCategoryView);
  expect_no_issue(product_event("ecommerce:detail"), IssueCode::kTypeUnknown);
}

TEST_CASE("EVT-CODE action_unknown: type event without a known action is critical") {
  expect_issue(page_event("search", {{"action", ""}}), IssueCode::kActionUnknown, C, "");
  expect_issue(page_event("search", {{"action", "\"filter\""}}), IssueCode::kActionUnknown, C,
               "/action");
  CHECK(validate(page_event("search", {{"action", "\"filter\""}})).event == EventType::kUnknown);
  expect_no_issue(page_event("search"), IssueCode::kActionUnknown);
}

TEST_CASE("EVT-CODE unknown_field: an unknown top-level field is a warning naming it") {
  expect_issue(product_event("ecommerce:detail", {}, {{"prodcuts", "[]"}}),
               IssueCode::kUnknownField, W, "/prodcuts");
  expect_issue(page_event("search", {{"a/b~c", "1"}}), IssueCode::kUnknownField, W, "/a~1b~0c");
  // Unknown fields inside products and purchase are the merchant's own: allowed.
  expect_no_issue(
      product_event("ecommerce:purchase", {{"color", "\"red\""}}, {}, {{"affiliation", "\"web\""}}),
      IssueCode::kUnknownField);
  expect_no_issue(product_event("ecommerce:detail", {}, {{"location", "\"https://a.example/\""}}),
                  IssueCode::kUnknownField);
}

TEST_CASE("EVT-CODE value_missing: category/search value missing, empty or blank is critical") {
  expect_issue(page_event("category-view", {{"value", ""}}), IssueCode::kValueMissing, C, "");
  expect_issue(page_event("search", {{"value", "\"\""}}), IssueCode::kValueMissing, C, "/value");
  expect_issue(page_event("search", {{"value", "\" \\t \""}}), IssueCode::kValueMissing, C,
               "/value");
  expect_issue(page_event("search", {{"value", "null"}}), IssueCode::kValueMissing, C, "");
  expect_no_issue(page_event("search"), IssueCode::kValueMissing);
}

TEST_CASE("EVT-CODE value_not_string: a non-string value is critical at /value") {
  expect_issue(page_event("search", {{"value", "42"}}), IssueCode::kValueNotString, C, "/value");
  expect_issue(page_event("category-view", {{"value", "[\"Women\",\"Shoes\"]"}}),
               IssueCode::kValueNotString, C, "/value");
  expect_no_issue(page_event("search"), IssueCode::kValueNotString);
}

TEST_CASE("EVT-CODE value_suspicious: template leaks and over-long values are warnings") {
  for (const char* leak : {"\"undefined\"", "\" NULL \"", "\"NaN\"", "\"[object Object]\"",
                           "\"{{ search.terms }}\"", "\"shoes ${q}\""}) {
    expect_issue(page_event("search", {{"value", leak}}), IssueCode::kValueSuspicious, W, "/value");
  }
  // 500 code points are fine, 501 are not; "é" is one code point in two bytes.
  std::string ok = "\"";
  for (int i = 0; i < 500; ++i) ok += "\xC3\xA9";
  expect_no_issue(page_event("search", {{"value", ok + "\""}}), IssueCode::kValueSuspicious);
  expect_issue(page_event("search", {{"value", ok + "e\""}}), IssueCode::kValueSuspicious, W,
               "/value");
  expect_no_issue(page_event("search", {{"value", "\"nullable jacket\""}}),
                  IssueCode::kValueSuspicious);
}

TEST_CASE("EVT-CODE location_missing / location_not_https on category and search events") {
  expect_issue(page_event("search", {{"location", ""}}), IssueCode::kLocationMissing, W, "");
  for (const char* bad : {"\"http://shop.example/\"", "\"//shop.example/x\"", "\"/women/shoes\"",
                          "\"\"", "17", "\"https://\""}) {
    expect_issue(page_event("category-view", {{"location", bad}}), IssueCode::kLocationNotHttps, W,
                 "/location");
  }
  expect_no_issue(page_event("search", {{"location", "\"HTTPS://Shop.example/s?q=a\""}}),
                  IssueCode::kLocationNotHttps);
}
