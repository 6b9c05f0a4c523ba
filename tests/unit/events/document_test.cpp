// R-EVT-3: documents that cannot be read give exactly one critical issue with the byte offset.
#include <string>

#include "event_builder.hpp"

using namespace vshop::events;
using namespace vshop::events::testing;

namespace {
// The single issue of a rejected document.
Issue only_issue(const std::string& json) {
  const ValidationResult result = validate(json);
  INFO("document: " << json.substr(0, 80));
  CHECK(result.event == EventType::kUnknown);
  REQUIRE(result.issues.size() == 1);
  CHECK(result.issues[0].severity == Severity::kCritical);
  CHECK(result.issues[0].path == "");
  return result.issues[0];
}
bool names_offset(const Issue& issue, std::size_t offset) {
  return issue.message.find("byte offset " + std::to_string(offset)) != std::string::npos;
}
std::string nested(int depth) {
  std::string inner = "1";
  for (int i = 1; i < depth; ++i) inner = "[" + inner + "]";
  return R"({"type":"event","action":"search","value":"x","location":"https://a.example/","deep":)" +
         inner + "}";
}
}  // namespace

TEST_CASE("R-EVT-3 json_invalid: a syntax error names its byte offset") {
  const Issue comma = only_issue(R"({"type":"event",})");
  CHECK(comma.code == IssueCode::kJsonInvalid);
  CHECK(names_offset(comma, 16));
  const Issue atom = only_issue(R"({"a": tru})");
  CHECK(atom.code == IssueCode::kJsonInvalid);
  CHECK(names_offset(atom, 6));
  const Issue trailing = only_issue(R"({"a":1} x)");
  CHECK(trailing.code == IssueCode::kJsonInvalid);
  CHECK(names_offset(trailing, 8));
  const Issue unclosed = only_issue(R"({"a":"abc)");
  CHECK(unclosed.code == IssueCode::kJsonInvalid);
  CHECK(names_offset(unclosed, 5));
  const Issue number = only_issue(R"({"a":01})");
  CHECK(number.code == IssueCode::kJsonInvalid);
  CHECK(names_offset(number, 5));
  CHECK(only_issue("").code == IssueCode::kJsonInvalid);
  CHECK(validate(page_event("search")).issues.empty());
}

TEST_CASE("R-EVT-3 utf8_invalid: invalid UTF-8 names the offset of the first bad byte") {
  const Issue bad = only_issue("{\"value\":\"caf\xC3\x28\"}");
  CHECK(bad.code == IssueCode::kUtf8Invalid);
  CHECK(names_offset(bad, 13));
  CHECK(only_issue("{\"a\":\"\xED\xA0\x80\"}").code == IssueCode::kUtf8Invalid);  // surrogate
  CHECK(validate(page_event("search", {{"value", "\"caf\xC3\xA9\""}})).issues.empty());
}

TEST_CASE("R-EVT-3 too_deep: depth 64 is accepted, 65 is too_deep at the opening bracket") {
  // nested(n) nests n - 1 arrays inside the top-level object: total depth n.
  const std::string ok = nested(64);
  const ValidationResult accepted = validate(ok);
  CHECK(accepted.event == EventType::kProductSearch);
  CHECK(find_issue(accepted, IssueCode::kTooDeep) == nullptr);
  const std::string deep = nested(65);
  const Issue issue = only_issue(deep);
  CHECK(issue.code == IssueCode::kTooDeep);
  const std::size_t bracket = deep.find("[") + 63;
  CHECK(names_offset(issue, bracket));
  // Very deep input neither crashes nor recurses without bound.
  CHECK(only_issue(std::string(100000, '[')).code == IssueCode::kTooDeep);
  CHECK(only_issue(std::string(100, '[') + "1,]").code == IssueCode::kTooDeep);
}

TEST_CASE("R-EVT-3 too_large: a document over 1 MiB is too_large, 1 MiB exactly is read") {
  const std::string base = page_event("search", {{"pad", "\"\""}});
  std::string exact = base;
  exact.insert(exact.size() - 2, std::string(kMaxDocumentBytes - base.size(), 'x'));
  REQUIRE(exact.size() == kMaxDocumentBytes);
  CHECK(validate(exact).event == EventType::kProductSearch);
  std::string over = exact;
  over.insert(over.size() - 2, 1, 'x');  // not (pos, "x"): a false GCC 12 -O3 -Wrestrict
  const Issue issue = only_issue(over);
  CHECK(issue.code == IssueCode::kTooLarge);
  CHECK(names_offset(issue, kMaxDocumentBytes));
}

TEST_CASE("EVT-CODE not_an_object: a valid JSON document that is not an object") {
  for (const char* doc : {"[1,2]", "\"ecommerce:detail\"", "42", "null", "  true"}) {
    CHECK(only_issue(doc).code == IssueCode::kNotAnObject);
  }
  CHECK(names_offset(only_issue("  true"), 2));
}

TEST_CASE("EVT-NUMBERS: 1e400 is not a number; big integers are numbers; 2.0 is an integer") {
  expect_issue(product_event("ecommerce:purchase", {}, {}, {{"subtotal", "1e400"}}),
               IssueCode::kSubtotalNotNumber, Severity::kCritical, "/purchase/subtotal");
  expect_issue(product_event("ecommerce:add", {{"price", "-1e400"}}), IssueCode::kPriceNotNumber,
               Severity::kCritical, "/products/0/price");
  const auto huge = validate(product_event("ecommerce:add", {{"price", "1e400"}}));
  REQUIRE(find_issue(huge, IssueCode::kPriceNotNumber) != nullptr);
  CHECK(find_issue(huge, IssueCode::kPriceNotNumber)->message.find("beyond double range") !=
        std::string::npos);
  expect_no_issue(product_event("ecommerce:detail", {{"price", "123456789012345678901234"}}),
                  IssueCode::kPriceNotNumber);
  expect_no_issue(product_event("ecommerce:add", {{"price", "1e-400"}}), IssueCode::kPriceNotNumber);
  expect_no_issue(product_event("ecommerce:add", {{"basketQuantity", "3.0"}}),
                  IssueCode::kBasketQuantityNotNumber);
}

TEST_CASE("EVT-ENVELOPE: an enveloped payload is validated with paths relative to the payload") {
  const std::string json = R"({"at":"2026-03-07T10:00:00Z","session":"s1","payload":)" +
                           product_event("ecommerce:add", {{"price", "\"5\""}}) + "}";
  expect_issue(json, IssueCode::kPriceNotNumber, Severity::kCritical, "/products/0/price");
  expect_no_issue(json, IssueCode::kUnknownField);
  CHECK(validate(R"({"at":"2026-03-07T10:00:00Z","session":"s1","payload":[1]})").issues.at(0).code ==
        IssueCode::kNotAnObject);
}
