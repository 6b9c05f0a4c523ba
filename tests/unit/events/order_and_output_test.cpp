// docs/events.md "Order of issues", the §4 examples, and the §3 output and summary text.
#include <vector>

#include "event_builder.hpp"
#include "vshop/events/batch.hpp"

using namespace vshop::events;
using namespace vshop::events::testing;

namespace {
std::vector<std::string> listing(const ValidationResult& result) {
  std::vector<std::string> out;
  for (const Issue& issue : result.issues) {
    out.push_back(std::string(issue_code_name(issue.code)) + "@" + issue.path + ":" +
                  std::string(severity_name(issue.severity)));
  }
  return out;
}
}  // namespace

TEST_CASE("EVT-EXAMPLE-1: the product_view example of docs/events.md §4, in order") {
  const auto result = validate(
      R"({"type":"ecommerce:detail","products":[{"id":"JKT-100","name":"Rain jacket","price":"129.90","image":"http://cdn.example/jkt.jpg"}]})");
  CHECK(result.event == EventType::kProductView);
  CHECK(listing(result) == std::vector<std::string>{"price_not_number@/products/0/price:warning",
                                                    "image_not_https@/products/0/image:warning",
                                                    "currency_missing@/products/0:warning",
                                                    "location_missing@/products/0:warning"});
}

TEST_CASE("EVT-EXAMPLE-2: the purchase example of docs/events.md §4, in order") {
  const auto result = validate(
      R"({"type":"ecommerce:purchase","products":[{"id":"JKT-100-M-BLK","price":129.9,"quantity":"1"}],"purchase":{"id":"A-1001","currency":"sek","subtotal":0}})");
  CHECK(result.event == EventType::kPurchase);
  CHECK(listing(result) ==
        std::vector<std::string>{
            "quantity_not_number@/products/0/quantity:critical", "name_missing@/products/0:warning",
            "currency_missing@/products/0:warning", "location_missing@/products/0:warning",
            "image_missing@/products/0:warning", "currency_invalid@/purchase/currency:critical",
            "subtotal_zero@/purchase/subtotal:critical"});
}

TEST_CASE("EVT-ORDER: document order as written, object issues after their content") {
  // `purchase` before `products`, `type` last, an unknown field in between.
  const auto result = validate(
      R"({"purchase":{"subtotal":"9","currency":"EUR"},"x":1,"products":[{"price":"1","id":"A","quantity":1,"name":"n","currency":"EUR","location":"https://a.example/","image":"https://a.example/i"}],"type":"ecommerce:purchase"})");
  CHECK(listing(result) ==
        std::vector<std::string>{"subtotal_not_number@/purchase/subtotal:critical",
                                 "order_id_missing@/purchase:critical", "unknown_field@/x:warning",
                                 "price_not_number@/products/0/price:critical"});
  // At "" ties follow the field order: type, action, products, purchase, value, location.
  const auto top = validate(R"({"other":1})");
  CHECK(listing(top) ==
        std::vector<std::string>{"unknown_field@/other:warning", "type_missing@:critical"});
  const auto page = validate(R"({"action":"search"})");
  CHECK(listing(page) == std::vector<std::string>{"type_missing@:critical",
                                                  "value_missing@:critical",
                                                  "location_missing@:warning"});
}

TEST_CASE("EVT-OUTPUT: one compact line per document with keys in contract order") {
  std::string out;
  ValidationResult result;
  result.event = EventType::kProductView;
  result.issues.push_back({Severity::kWarning, IssueCode::kPriceNotNumber, "/products/0/price",
                           "\"price\" is a string"});
  append_result_json(out, 3, result);
  CHECK(
      out ==
      R"({"line":3,"event":"product_view","issues":[{"severity":"warning","code":"price_not_number","path":"/products/0/price","message":"\"price\" is a string"}]})");
  out.clear();
  append_result_json(out, 1, ValidationResult{});
  CHECK(out == R"({"line":1,"event":"unknown","issues":[]})");
}

TEST_CASE("EVT-BATCH: blank lines are counted, a final line without newline is read") {
  const std::string good = page_event("search");
  const auto batch = validate_lines(good + "\n\n   \n" + R"({"action":"search"})");
  REQUIRE(batch.documents.size() == 2);
  CHECK(batch.documents[0].line == 1);
  CHECK(batch.documents[1].line == 4);
  CHECK(batch.summary.events == 2);
  CHECK(batch.summary.critical == 2);
  CHECK(batch.summary.warning == 1);
}

TEST_CASE("EVT-SUMMARY: counts by code and severity, most frequent first, then code, critical") {
  const std::string lines = product_event("ecommerce:add", {{"price", "\"1\""}}) + "\n" +
                            product_event("ecommerce:detail", {{"price", "\"1\""}}) + "\n" +
                            product_event("ecommerce:detail", {{"price", "\"1\""}, {"name", ""}}) +
                            "\n" + "[1]\n";
  const auto batch = validate_lines(lines);
  std::string out;
  append_summary_json(out, batch.summary);
  CHECK(out ==
        "{\"code\":\"price_not_number\",\"severity\":\"warning\",\"count\":2}\n"
        "{\"code\":\"name_missing\",\"severity\":\"warning\",\"count\":1}\n"
        "{\"code\":\"not_an_object\",\"severity\":\"critical\",\"count\":1}\n"
        "{\"code\":\"price_not_number\",\"severity\":\"critical\",\"count\":1}\n"
        "{\"events\":4,\"critical\":2,\"warning\":3}\n");
  std::string text;
  append_summary_text(text, batch.summary);
  CHECK(text.find("price_not_number") != std::string::npos);
  CHECK(text.find("first seen on line 2") != std::string::npos);
}

TEST_CASE("EVT-CODES: every code has a stable snake_case name that reads back") {
  for (int i = 0; i < kIssueCodeCount; ++i) {
    const auto code = static_cast<IssueCode>(i);
    const std::string_view name = issue_code_name(code);
    CHECK(name != "unknown");
    CHECK(issue_code_from_name(name) == code);
  }
  CHECK(issue_code_name(IssueCode::kBasketQuantityNotNumber) == "basket_quantity_not_number");
  CHECK(issue_code_name(IssueCode::kCategoryWithProductView) == "category_with_product_view");
  CHECK_FALSE(issue_code_from_name("price_is_wrong").has_value());
}

TEST_CASE("EVT-BATCH-CRLF: CRLF line endings and envelopes with epoch milliseconds") {
  const std::string add = product_event("ecommerce:add");
  const std::string text = R"({"at":1772877600000,"session":"s","payload":)" + add + "}\r\n" +
                           R"({"at":1772877601000,"session":"s","payload":)" + add + "}\r\n";
  const auto batch = validate_lines(text);
  REQUIRE(batch.documents.size() == 2);
  CHECK(batch.documents[0].result.issues.empty());
  REQUIRE(batch.documents[1].result.issues.size() == 1);
  CHECK(batch.documents[1].result.issues[0].code == IssueCode::kDuplicateEvent);
}
