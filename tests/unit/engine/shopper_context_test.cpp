// R-CTX-1: shopper_event (validated by the Inspector) and shopper_context with spoken_before.
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace vshop;
using namespace vshop::test;

namespace {

std::string view_event(std::string_view id, std::string_view name) {
  return fmt::format(
      R"({{"type":"ecommerce:detail","products":[{{"id":"{}","name":"{}","price":10,)"
      R"("currency":"EUR","location":"https://shop.example/p/{}"}}]}})",
      id, name, id);
}

std::string event_cmd(std::int64_t s, std::string_view shopper, std::string_view event) {
  return at(s) +
         fmt::format(R"("cmd":"shopper_event","shopper":"{}","event":{}}})", shopper, event);
}

ShopperContext context(Harness& h, std::string_view chat, std::string_view expert) {
  auto c = h.engine.shopper_context(chat, expert);
  REQUIRE_MESSAGE(c.ok(), c.status().message());
  return *c;
}

}  // namespace

TEST_CASE("R-CTX-1: product views newest first, the page, the last order and the last activity") {
  Harness h;
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1","chat":"c1"})");
  auto c = context(h, "c1", "a1");
  CHECK(c.shopper == "s1");
  CHECK(c.product_views.empty());
  CHECK(!c.location);
  CHECK(!c.last_activity);
  h.ok(event_cmd(11, "s1", view_event("SKU-1", "Red shoe")));
  h.ok(event_cmd(12, "s1", view_event("SKU-2", "Blue bag")));
  // A product without a name (a warning) is accepted and kept without one.
  h.ok(event_cmd(13, "s1", R"({"type":"ecommerce:detail","products":[{"id":77,"price":5}]})"));
  c = context(h, "c1", "a1");
  REQUIRE(c.product_views.size() == 3);
  CHECK(c.product_views[0] == ProductViewRecord{"77", std::nullopt});
  CHECK(c.product_views[1] == ProductViewRecord{"SKU-2", "Blue bag"});
  CHECK(c.product_views[2] == ProductViewRecord{"SKU-1", "Red shoe"});
  CHECK(!c.location);  // the last event named no page
  CHECK(c.last_activity == from_epoch_ms(1778745600000 + 13'000));
  h.ok(event_cmd(14, "s1",
                 R"({"type":"event","action":"search","value":"black jacket",)"
                 R"("location":"https://shop.example/search?q=jacket"})"));
  h.ok(event_cmd(15, "s1",
                 R"({"type":"ecommerce:purchase","products":[{"id":"SKU-2-M","price":10,)"
                 R"("quantity":1,"currency":"EUR"}],"purchase":{"id":"ORD-9","currency":"EUR",)"
                 R"("subtotal":10}})"));
  c = context(h, "c1", "a1");
  CHECK(c.product_views.size() == 3);  // a purchase is not a view
  CHECK(c.last_order == "ORD-9");
  CHECK(!c.location);
  h.ok(event_cmd(16, "s1",
                 R"({"type":"event","action":"category-view","value":"Shoes",)"
                 R"("location":"https://shop.example/c/shoes"})"));
  CHECK(context(h, "c1", "a1").location == "https://shop.example/c/shoes");
  CHECK(context(h, "c1", "a1").last_order == "ORD-9");
  // A payload sent inside the Inspector's envelope is read from the envelope.
  h.ok(event_cmd(17, "s1",
                 R"({"at":"2026-05-14T08:00:17Z","session":"x","payload":)" +
                     view_event("SKU-E", "Enveloped") + "}"));
  CHECK(context(h, "c1", "a1").product_views[0] == ProductViewRecord{"SKU-E", "Enveloped"});
}

TEST_CASE("R-CTX-1: memory is bounded: the last 20 views, long texts cut at a character") {
  Harness h;
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1","chat":"c1"})");
  for (int i = 0; i < 30; ++i) {
    h.ok(event_cmd(11 + i, "s1", view_event("P" + std::to_string(i), "n")));
  }
  auto c = context(h, "c1", "a2");
  REQUIRE(c.product_views.size() == kMaxProductViews);
  CHECK(c.product_views.front().id == "P29");
  CHECK(c.product_views.back().id == "P10");
  std::string long_name;
  for (int i = 0; i < 400; ++i) long_name += "é";  // 800 bytes
  h.ok(event_cmd(50, "s1", view_event("L", long_name)));
  c = context(h, "c1", "a2");
  REQUIRE(c.product_views.front().name);
  CHECK(c.product_views.front().name->size() == kMaxContextTextBytes);
  CHECK(*c.product_views.front().name == long_name.substr(0, kMaxContextTextBytes));
}

TEST_CASE("R-CTX-1: a critical issue rejects the event naming its code and path; nothing changes") {
  Harness h;
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1","chat":"c1"})");
  h.fails(event_cmd(11, "s1", R"({"type":"ecommerce:detail"})"), ErrorCode::kInvalidArgument);
  const auto st = h.engine.apply_json(
      event_cmd(12, "s1", R"({"type":"ecommerce:detail","products":[{"name":"x"}]})"));
  CHECK(error_code_of(st) == ErrorCode::kInvalidArgument);
  CHECK(st.message().find("id_missing") != std::string_view::npos);
  CHECK(st.message().find("/products/0") != std::string_view::npos);
  // `event` must be an object; the shopper must be known (after the fields' checks).
  h.fails(event_cmd(13, "s1", R"([1])"), ErrorCode::kInvalidArgument);
  h.fails(event_cmd(13, "s1", R"("text")"), ErrorCode::kInvalidArgument);
  h.fails(event_cmd(13, "ghost", view_event("A", "a")), ErrorCode::kNotFound);
  h.fails(event_cmd(13, "ghost", R"({"type":"nope"})"), ErrorCode::kInvalidArgument);
  h.fails(at(13) + R"("cmd":"shopper_event","shopper":"s1"})", ErrorCode::kInvalidArgument);
  CHECK(context(h, "c1", "a1").product_views.empty());
  // shopper_context names what it cannot find.
  CHECK(error_code_of(h.engine.shopper_context("c9", "a1").status()) == ErrorCode::kNotFound);
  CHECK(error_code_of(h.engine.shopper_context("c1", "zz").status()) == ErrorCode::kNotFound);
}

TEST_CASE("R-CTX-1: spoken_before: an earlier chat this expert claimed, took or held") {
  Harness h;
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1","chat":"c1"})");
  CHECK(!context(h, "c1", "a1").spoken_before);  // this chat does not count
  h.ok(at(11) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  CHECK(!context(h, "c1", "a1").spoken_before);
  h.ok(at(12) + R"("cmd":"transfer","expert":"a1","chat":"c1","to":"r1","note":"n"})");
  h.ok(at(13) + R"("cmd":"accept_transfer","expert":"r1","chat":"c1"})");
  h.ok(at(14) + R"("cmd":"finish_chat","expert":"r1","chat":"c1"})");
  h.ok(at(20) + R"("cmd":"request_chat","shopper":"s1","chat":"c2"})");
  CHECK(context(h, "c2", "a1").spoken_before);  // claimed c1, then transferred it away
  CHECK(context(h, "c2", "r1").spoken_before);  // held c1 after the transfer
  CHECK(!context(h, "c2", "a2").spoken_before);
  // Another shopper's chats do not count; a missed chat has nobody who spoke.
  h.ok(at(21) + R"("cmd":"request_chat","shopper":"s2","chat":"c3"})");
  CHECK(!context(h, "c3", "a1").spoken_before);
}

TEST_CASE("R-CTX-1: the typed C++ command equals the JSON line") {
  Harness h;
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1","chat":"c1"})");
  (void)h.engine.drain_journal();
  const Instant t = from_epoch_ms(1778745600000 + 11'000);
  REQUIRE(h.engine
              .shopper_event(t, "s1",
                             "{ \"type\": \"ecommerce:detail\", \"products\": "
                             "[{\"id\": \"A\", \"price\": 1}] }")
              .ok());
  CHECK(h.engine.drain_journal() ==
        Lines{at(11) + R"("cmd":"shopper_event","shopper":"s1","event":{"type":"ecommerce:detail",)"
                       R"("products":[{"id":"A","price":1}]}})"});
  CHECK(context(h, "c1", "a1").product_views == std::vector<ProductViewRecord>{{"A", {}}});
  CHECK(error_code_of(h.engine.shopper_event(t, "s1", "[]")) == ErrorCode::kInvalidArgument);
  CHECK(error_code_of(h.engine.shopper_event(t, "s1", "{")) == ErrorCode::kInvalidArgument);
}

TEST_CASE("R-CTX-1: the record travels through the journal and the snapshot") {
  Harness h;
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1","chat":"c1"})");
  h.ok(at(11) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  h.ok(at(12) + R"("cmd":"finish_chat","expert":"a1","chat":"c1"})");
  h.ok(at(13) + R"("cmd":"request_chat","shopper":"s1","chat":"c2"})");
  (void)h.engine.drain_journal();
  h.ok(event_cmd(14, "s1", view_event("SKU-1", "Red shoe")));
  const auto journal = h.engine.drain_journal();
  REQUIRE(journal.size() == 1);
  CHECK(journal[0].find(R"("cmd":"shopper_event","shopper":"s1","event":{"type")") !=
        std::string::npos);
  auto restored = Engine::restore(h.engine.snapshot());
  REQUIRE_MESSAGE(restored.ok(), restored.status().message());
  CHECK(restored->snapshot() == h.engine.snapshot());
  auto a = restored->shopper_context("c2", "a1");
  REQUIRE(a.ok());
  CHECK(a->product_views == context(h, "c2", "a1").product_views);
  CHECK(a->spoken_before);  // the chat links are rebuilt on restore
  // Replaying the journal line gives the same record.
  Harness replay;
  standard_merchant(replay);
  replay.ok(at(10) + R"("cmd":"request_chat","shopper":"s1","chat":"c1"})");
  replay.ok(journal[0]);
  CHECK(context(replay, "c1", "a1").product_views == context(h, "c2", "a1").product_views);
}
