// Product-feed checks and stream checks (docs/events.md "With a product feed", "Stream checks").
#include "event_builder.hpp"
#include "vshop/events/batch.hpp"

using namespace vshop::events;
using namespace vshop::events::testing;

namespace {
constexpr auto C = Severity::kCritical;
constexpr auto W = Severity::kWarning;

ProductFeed jacket_feed() {
  auto feed = ProductFeed::from_json_lines(
      R"({"id":"JKT-100","group":"JKT-100","name":"Rain jacket","image":"https://cdn.example/jkt.jpg","price":129.9,"currency":"SEK"}
{"id":"JKT-100-M-BLK","group":"JKT-100","name":"Rain jacket M black","image":"https://cdn.example/jkt-m.jpg","price":129.9,"currency":"SEK"}
{"id":"CAP-1","group":"CAP-1","name":"Cap","price":19.0}
)");
  REQUIRE(feed.ok());
  return std::move(*feed);
}
}  // namespace

TEST_CASE("R-EVT-2 group_sku_expected: product_view sends a variant's unique SKU") {
  const ProductFeed feed = jacket_feed();
  expect_issue(product_event("ecommerce:detail"), IssueCode::kGroupSkuExpected, W, "/products/0/id",
               &feed);
  expect_no_issue(product_event("ecommerce:detail", {{"id", "\"JKT-100\""}}),
                  IssueCode::kGroupSkuExpected, &feed);
}

TEST_CASE("R-EVT-2 unique_sku_expected: purchase/add/remove send a group SKU with variants") {
  const ProductFeed feed = jacket_feed();
  for (const char* type : {"ecommerce:purchase", "ecommerce:add", "ecommerce:remove"}) {
    expect_issue(product_event(type, {{"id", "\"JKT-100\""}}), IssueCode::kUniqueSkuExpected, C,
                 "/products/0/id", &feed);
    expect_no_issue(product_event(type), IssueCode::kUniqueSkuExpected, &feed);
    // A product without variants: its id is its group, and that is fine.
    expect_no_issue(product_event(type, {{"id", "\"CAP-1\""}, {"price", "19"}}),
                    IssueCode::kUniqueSkuExpected, &feed);
  }
}

TEST_CASE("EVT-CODE id_not_in_feed: an id that is neither a feed id nor a group") {
  const ProductFeed feed = jacket_feed();
  expect_issue(product_event("ecommerce:add", {{"id", "\"NOPE\""}}), IssueCode::kIdNotInFeed, W,
               "/products/0/id", &feed);
  expect_no_issue(product_event("ecommerce:detail", {{"id", "\"JKT-100\""}}),
                  IssueCode::kIdNotInFeed, &feed);
  expect_no_issue(product_event("ecommerce:add"), IssueCode::kIdNotInFeed);  // no feed
}

TEST_CASE("EVT-CODE price_differs_from_feed: more than 0.5% off the feed's price") {
  const ProductFeed feed = jacket_feed();
  expect_issue(product_event("ecommerce:add", {{"price", "99"}}), IssueCode::kPriceDiffersFromFeed,
               W, "/products/0/price", &feed);
  expect_no_issue(product_event("ecommerce:add", {{"price", "130.5"}}),
                  IssueCode::kPriceDiffersFromFeed, &feed);
}

TEST_CASE("EVT-FEED-FILL: a missing recommended field the feed can fill says so") {
  const ProductFeed feed = jacket_feed();
  const auto result = validate(
      product_event(
          "ecommerce:detail",
          {{"id", "\"JKT-100\""}, {"name", ""}, {"image", ""}, {"price", ""}, {"currency", ""}}),
      &feed);
  for (IssueCode code : {IssueCode::kNameMissing, IssueCode::kImageMissing,
                         IssueCode::kPriceMissing, IssueCode::kCurrencyMissing}) {
    const Issue* issue = find_issue(result, code);
    REQUIRE(issue != nullptr);
    CHECK(issue->message.find("filled from feed") != std::string::npos);
  }
  // No feed line with an image: no promise.
  const auto cap =
      validate(product_event("ecommerce:detail", {{"id", "\"CAP-1\""}, {"image", ""}}), &feed);
  REQUIRE(find_issue(cap, IssueCode::kImageMissing) != nullptr);
  CHECK(find_issue(cap, IssueCode::kImageMissing)->message.find("filled from feed") ==
        std::string::npos);
}

namespace {
std::string envelope(const std::string& at, const std::string& session,
                     const std::string& payload) {
  return R"({"at":")" + at + R"(","session":")" + session + R"(","payload":)" + payload + "}";
}
const Issue* issue_on(const BatchResult& batch, std::size_t index, IssueCode code) {
  return find_issue(batch.documents.at(index).result, code);
}
}  // namespace

TEST_CASE("EVT-CODE duplicate_event: same add/remove/purchase payload within 2 s, same order id") {
  const std::string add = product_event("ecommerce:add");
  const auto batch = validate_lines(envelope("2026-03-07T10:00:00Z", "s1", add) + "\n" +
                                    envelope("2026-03-07T10:00:01.500Z", "s1", add) + "\n" +
                                    envelope("2026-03-07T10:00:09Z", "s1", add) + "\n" +
                                    envelope("2026-03-07T10:00:09.5Z", "s2", add) + "\n");
  CHECK(issue_on(batch, 0, IssueCode::kDuplicateEvent) == nullptr);
  REQUIRE(issue_on(batch, 1, IssueCode::kDuplicateEvent) != nullptr);
  CHECK(issue_on(batch, 1, IssueCode::kDuplicateEvent)->path == "");
  CHECK(issue_on(batch, 1, IssueCode::kDuplicateEvent)->severity == W);
  CHECK(issue_on(batch, 2, IssueCode::kDuplicateEvent) == nullptr);  // 7.5 s later
  CHECK(issue_on(batch, 3, IssueCode::kDuplicateEvent) == nullptr);  // another session
  const std::string order = product_event("ecommerce:purchase");
  const std::string same_id = product_event("ecommerce:purchase", {{"quantity", "1.0"}});
  const auto orders = validate_lines(envelope("2026-03-07T10:00:00Z", "s1", order) + "\n" +
                                     envelope("2026-03-07T12:00:00Z", "s1", same_id));
  CHECK(issue_on(orders, 0, IssueCode::kDuplicateEvent) == nullptr);
  CHECK(issue_on(orders, 1, IssueCode::kDuplicateEvent) != nullptr);
  // Bare payloads are never stream-checked.
  const auto bare = validate_lines(add + "\n" + add + "\n");
  CHECK(issue_on(bare, 1, IssueCode::kDuplicateEvent) == nullptr);
}

TEST_CASE("EVT-CODE duplicate_event: payloads are compared byte for byte, not after minifying") {
  const std::string add = product_event("ecommerce:add");
  std::string spaced = add;
  spaced.insert(spaced.find(':') + 1, " ");  // the same JSON value, other bytes
  std::string decimals = add;
  decimals.replace(decimals.find("129.9"), 5, "129.90");  // the same number, other bytes
  const auto batch = validate_lines(envelope("2026-03-07T10:00:00Z", "s1", add) + "\n" +
                                    envelope("2026-03-07T10:00:00.5Z", "s1", spaced) + "\n" +
                                    envelope("2026-03-07T10:00:01Z", "s1", decimals) + "\n" +
                                    envelope("2026-03-07T10:00:01.5Z", "s1", add) + "\n");
  CHECK(issue_on(batch, 1, IssueCode::kDuplicateEvent) == nullptr);
  CHECK(issue_on(batch, 2, IssueCode::kDuplicateEvent) == nullptr);
  CHECK(issue_on(batch, 3, IssueCode::kDuplicateEvent) != nullptr);  // the same bytes again
  // Whitespace around the payload is not part of it; members after it do not matter.
  const auto around = validate_lines(envelope("2026-03-07T10:00:00Z", "s1", add) + "\n" +
                                     R"({"at":"2026-03-07T10:00:01Z", "payload":  )" + add +
                                     R"( ,"session":"s1","x":[1]})");
  CHECK(issue_on(around, 1, IssueCode::kDuplicateEvent) != nullptr);
}

TEST_CASE("EVT-CODE category_with_product_view: both for one page within 1 s") {
  const std::string view =
      product_event("ecommerce:detail", {{"location", "\"https://shop.example/women/shoes\""}});
  const std::string category = page_event("category-view");
  const auto batch = validate_lines(envelope("2026-03-07T10:00:00Z", "s1", category) + "\n" +
                                    envelope("2026-03-07T10:00:00.400Z", "s1", view) + "\n" +
                                    envelope("2026-03-07T10:00:05Z", "s1", view) + "\n" +
                                    envelope("2026-03-07T10:00:05.2Z", "s1", category) + "\n");
  CHECK(issue_on(batch, 0, IssueCode::kCategoryWithProductView) == nullptr);
  REQUIRE(issue_on(batch, 1, IssueCode::kCategoryWithProductView) != nullptr);
  CHECK(issue_on(batch, 1, IssueCode::kCategoryWithProductView)->path == "/products/0/location");
  CHECK(issue_on(batch, 2, IssueCode::kCategoryWithProductView) == nullptr);  // 4.6 s later
  REQUIRE(issue_on(batch, 3, IssueCode::kCategoryWithProductView) != nullptr);
  CHECK(issue_on(batch, 3, IssueCode::kCategoryWithProductView)->path == "/location");
  CHECK(issue_on(batch, 3, IssueCode::kCategoryWithProductView)->severity == W);
}
