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

TEST_CASE("R-EVT-3 too_deep: an empty container counts as a level (arrays, inside a product)") {
  // simdjson alone lets an empty `[]` one level past its limit through.
  const auto arrays = [](int depth) {
    return std::string(static_cast<std::size_t>(depth), '[') +
           std::string(static_cast<std::size_t>(depth), ']');
  };
  const Issue top = only_issue(arrays(65));
  CHECK(top.code == IssueCode::kTooDeep);
  CHECK(names_offset(top, 64));
  CHECK(only_issue(arrays(64)).code == IssueCode::kNotAnObject);  // 64 levels: readable
  // Top-level object, `products`, the product object: 3 levels, then `extra`'s arrays.
  const std::string deep = product_event("ecommerce:detail", {{"extra", arrays(62)}});
  const Issue inside = only_issue(deep);
  CHECK(inside.code == IssueCode::kTooDeep);
  CHECK(names_offset(inside, deep.find("[[") + 61));
  const ValidationResult ok = validate(product_event("ecommerce:detail", {{"extra", arrays(61)}}));
  CHECK(ok.event == EventType::kProductView);
  CHECK(find_issue(ok, IssueCode::kTooDeep) == nullptr);
  // Also with empty objects.
  std::string objects = "{}";
  for (int i = 1; i < 65; ++i) objects = "{\"a\":" + objects + "}";
  CHECK(only_issue(objects).code == IssueCode::kTooDeep);
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
  expect_no_issue(product_event("ecommerce:add", {{"price", "1e-400"}}),
                  IssueCode::kPriceNotNumber);
  expect_no_issue(product_event("ecommerce:add", {{"basketQuantity", "3.0"}}),
                  IssueCode::kBasketQuantityNotNumber);
}

TEST_CASE("EVT-NUMBERS: a 20-digit integer >= 2^64 is a number, not json_invalid") {
  // 2^64 and beyond: valid JSON that simdjson refuses as an integer.
  for (const char* big : {"18446744073709551616", "99999999999999999999", "-18446744073709551617",
                          "123456789012345678901"}) {
    INFO(big);
    const std::string price(big[0] == '-' ? "18446744073709551616" : big);
    // A price is any number >= 0: accepted.
    const auto view = validate(product_event("ecommerce:add", {{"price", price}}));
    CHECK(find_issue(view, IssueCode::kJsonInvalid) == nullptr);
    CHECK(view.event == EventType::kAddToBasket);
    CHECK(find_issue(view, IssueCode::kPriceNotNumber) == nullptr);
    // A quantity must be an integer that fits: out of range, reported on the field.
    const auto quantity = validate(product_event("ecommerce:add", {{"quantity", big}}));
    const Issue* issue = find_issue(quantity, IssueCode::kQuantityNotNumber);
    REQUIRE(issue != nullptr);
    CHECK(issue->path == "/products/0/quantity");
    CHECK(issue->message.find("beyond the 64-bit range") != std::string::npos);
  }
  // A negative one is a number below zero.
  expect_issue(product_event("ecommerce:add", {{"price", "-18446744073709551617"}}),
               IssueCode::kPriceNegative, Severity::kCritical, "/products/0/price");
  // Ids beyond 64 bits cannot be kept exactly: the id is refused, the event is still read.
  expect_issue(product_event("ecommerce:add", {{"id", "18446744073709551616"}}),
               IssueCode::kIdMissing, Severity::kCritical, "/products/0/id");
  // An integer that fits 64 bits keeps its digits even when another number needed repair.
  const auto both = validate(product_event("ecommerce:purchase", {{"price", "1e400"}}, {},
                                           {{"id", "18446744073709551615"}}));
  CHECK(find_issue(both, IssueCode::kOrderIdMissing) == nullptr);
  CHECK(find_issue(both, IssueCode::kPriceNotNumber) != nullptr);
}

TEST_CASE("EVT-ENVELOPE: an enveloped payload is validated with paths relative to the payload") {
  const std::string json = R"({"at":"2026-03-07T10:00:00Z","session":"s1","payload":)" +
                           product_event("ecommerce:add", {{"price", "\"5\""}}) + "}";
  expect_issue(json, IssueCode::kPriceNotNumber, Severity::kCritical, "/products/0/price");
  expect_no_issue(json, IssueCode::kUnknownField);
  CHECK(
      validate(R"({"at":"2026-03-07T10:00:00Z","session":"s1","payload":[1]})").issues.at(0).code ==
      IssueCode::kNotAnObject);
}

TEST_CASE(
    "R-EVT-3 json_invalid: a document cut inside a number has one offset, whatever follows it") {
  // On-Demand reads a number cut at the end of the text up to the next byte. The offset must
  // not depend on that byte: the CLI leaves `\0` there, the batch API a newline,
  // validate_document spaces.
  const std::string cut = R"({"type":"event","action":"search","total":29)";
  Validator validator;
  const DocumentResult alone = validator.validate_document(cut);
  REQUIRE(alone.result.issues.size() == 1);
  const std::string message = alone.result.issues[0].message;
  CHECK(message.find("byte offset " + std::to_string(cut.size())) != std::string::npos);
  for (const char after : {'\0', '\n', ' ', '}', '5'}) {
    std::string buffer = cut;
    buffer.push_back(after);
    buffer.append(Validator::kReadPadding, after);
    const DocumentResult padded = validator.validate_padded(buffer.data(), cut.size());
    INFO("byte after the document: " << static_cast<int>(after));
    REQUIRE(padded.result.issues.size() == 1);
    CHECK(padded.result.issues[0].message == message);
  }
}
