// issue 15 (purchase): the engine keeps each order id once, with its decision, in one table. A
// snapshot written before the decision records existed (only `orders`) still restores: its
// orders stay recorded (R-ATTR-2) and have no explanation (R-WHY-1); a purchase the metrics
// book refuses leaves no order behind (R-ERR-1).
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace vshop;
using namespace vshop::test;

namespace {

// The snapshot without its "purchases" field: what an engine before issue 14 wrote.
std::string without_purchases(const std::string& snapshot) {
  const std::size_t key = snapshot.find(",\"purchases\":[");
  REQUIRE(key != std::string::npos);
  std::size_t end = snapshot.find('[', key);
  for (int depth = 0;; ++end) {
    if (snapshot[end] == '[') ++depth;
    if (snapshot[end] == ']' && --depth == 0) break;
  }
  return snapshot.substr(0, key) + snapshot.substr(end + 1);
}

void chat_with_a1(Harness& h, const char* shopper, const char* chat, std::int64_t t) {
  h.ok(at(t) + R"("cmd":"request_chat","shopper":")" + shopper + R"("})");
  h.ok(at(t + 5) + R"("cmd":"claim","expert":"a1","chat":")" + chat + R"("})");
  h.ok(at(t + 60) + R"("cmd":"finish_chat","expert":"a1","chat":")" + chat + R"("})");
}

}  // namespace

TEST_CASE("purchase: R-ATTR-2 R-WHY-1 orders of a snapshot without decision records") {
  Harness h;
  standard_merchant(h);
  chat_with_a1(h, "s1", "c1", 10);
  h.ok(at(100) + purchase("o1", "s1"));
  h.ok(at(110) + purchase("o2", "nobody"));
  const std::string old = without_purchases(h.engine.snapshot());
  REQUIRE(old.find("\"orders\":[\"o1\",\"o2\"]") != std::string::npos);

  auto restored = Engine::restore(old);
  REQUIRE_MESSAGE(restored.ok(), restored.status().message());
  Harness r;
  r.engine = std::move(*restored);
  // Written back byte for byte: orders without a decision write no purchase record.
  CHECK(r.engine.snapshot() == old);
  CHECK(error_code_of(r.engine.explain_purchase("o1").status()) == ErrorCode::kNotFound);
  r.fails(at(200) + purchase("o1", "s1"), ErrorCode::kDuplicateOrder);
  r.fails(at(200) + purchase("o2", "s1"), ErrorCode::kDuplicateOrder);
  // A new order is recorded and explained as before.
  r.ok(at(210) + purchase("o3", "s1"));
  const auto why = r.engine.explain_purchase("o3");
  REQUIRE(why.ok());
  CHECK(why->attributed);
  CHECK(why->expert == "a1");
  // And the full snapshot (both kinds of orders) round-trips.
  const std::string full = r.engine.snapshot();
  CHECK(full.find("\"orders\":[\"o1\",\"o2\",\"o3\"]") != std::string::npos);
  auto again = Engine::restore(full);
  REQUIRE(again.ok());
  CHECK(again->snapshot() == full);
  CHECK(error_code_of(again->explain_purchase("o2").status()) == ErrorCode::kNotFound);
  CHECK(again->explain_purchase("o3").ok());
}

TEST_CASE("purchase: R-ERR-1 a purchase the metrics book refuses leaves no order behind") {
  Harness h;
  standard_merchant(h);
  chat_with_a1(h, "s1", "c1", 10);
  const auto big = [](const char* order, const char* shopper) {
    return fmt::format(
        R"("cmd":"record_purchase","order":"{}","shopper":"{}","subtotal":9000000000000000000,)"
        R"("currency":"EUR"}})",
        order, shopper);
  };
  h.ok(at(100) + big("o1", "s1"));
  // The attributed total of EUR would overflow: refused, nothing changed (the harness compares
  // the snapshots), so the order id is still free.
  h.fails(at(110) + big("o2", "s1"), ErrorCode::kInvalidArgument);
  CHECK(error_code_of(h.engine.explain_purchase("o2").status()) == ErrorCode::kNotFound);
  CHECK(
      h.ok(at(120) + purchase("o2", "nobody")) ==
      Lines{
          R"({"at":")" + T(120) +
          R"(","effect":"sale_unattributed","order":"o2","shopper":"nobody","reason":"no_contact"})"});
  h.fails(at(130) + purchase("o2", "nobody"), ErrorCode::kDuplicateOrder);
}
