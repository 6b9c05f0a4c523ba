// Sales attribution through the engine (R-ATTR-1, R-ATTR-2) beyond schedule_attribution_test:
// the latest of several experts on one day, millisecond window edges and exact money in
// currencies with 0 and 3 decimals (as the dashboard sums them).
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace vshop;
using namespace vshop::test;

namespace {

// An instant `ms` milliseconds after T(0).
std::string at_ms(std::int64_t ms) {
  return R"({"at":")" + format_instant(from_epoch_ms(1778745600000 + ms)) + R"(",)";
}

}  // namespace

TEST_CASE("R-ATTR-1: the last contact wins across two experts on one day") {
  Harness h;
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  h.ok(at(20) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  h.ok(at(100) + R"("cmd":"finish_chat","expert":"a1","chat":"c1"})");
  h.ok(at(110) + purchase("o1", "s1"));
  h.ok(at(150) + R"("cmd":"go_unavailable","expert":"a1"})");  // no reconnect wave to a1
  h.ok(at(200) + R"("cmd":"request_chat","shopper":"s1"})");
  h.ok(at(210) + R"("cmd":"claim","expert":"r1","chat":"c2"})");
  h.ok(at(250) + R"("cmd":"send_message","chat":"c2","from":"shopper"})");
  h.effects();
  CHECK(
      h.ok(at(260) + purchase("o2", "s1")) ==
      Lines{
          R"({"at":")" + T(260) +
          R"(","effect":"sale_attributed","order":"o2","shopper":"s1","expert":"r1","chat":"c2","subtotal":"10.00","currency":"EUR"})"});
  h.ok(at(300) + R"("cmd":"finish_chat","expert":"r1","chat":"c2"})");
  // A third chat the same day: r1 (the previous expert) is offered it alone, declines; the
  // replacement claims it and becomes the contact.
  h.ok(at(600) + R"("cmd":"request_chat","shopper":"s1"})");
  CHECK(h.engine.chat("c3")->pending_offers == std::vector<std::string>{"r1"});
  h.ok(at(605) + R"("cmd":"decline","expert":"r1","chat":"c3"})");
  const std::string third = h.engine.chat("c3")->pending_offers.at(0);
  CHECK(third != "r1");
  h.ok(at(610) + R"("cmd":"claim","expert":")" + third + R"(","chat":"c3"})");
  h.effects();
  CHECK(h.ok(at(700) + purchase("o3", "s1")) ==
        Lines{R"({"at":")" + T(700) +
              R"(","effect":"sale_attributed","order":"o3","shopper":"s1","expert":")" + third +
              R"(","chat":"c3","subtotal":"10.00","currency":"EUR"})"});
  // The dashboard credits each expert with their own sale.
  const auto a1 = h.engine.metrics(MetricsScope::expert("a1"), from_epoch_ms(1778745600000),
                                   from_epoch_ms(1778745600000 + 3'600'000));
  REQUIRE(a1.ok());
  CHECK(a1->orders == (third == "a1" ? 2u : 1u));
  const auto r1 = h.engine.metrics(MetricsScope::expert("r1"), from_epoch_ms(1778745600000),
                                   from_epoch_ms(1778745600000 + 3'600'000));
  CHECK(r1->orders == 1);
}

TEST_CASE("R-ATTR-1: window edges to the millisecond, from the last message") {
  Harness h;
  standard_merchant(h, R"(,"attribution_window_days":1)");
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  h.ok(at(20) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  h.ok(at_ms(50'250) + R"("cmd":"send_message","chat":"c1","from":"shopper"})");
  h.advance(86400);
  h.effects();
  const std::int64_t end = 50'250 + 86'400'000;  // contact + exactly 24 h
  CHECK(h.ok(at_ms(end) + purchase("o1", "s1"))[0].find(R"("effect":"sale_attributed")") !=
        std::string::npos);
  CHECK(
      h.ok(at_ms(end + 1) + purchase("o2", "s1")) ==
      Lines{
          R"({"at":")" + format_instant(from_epoch_ms(1778745600000 + end + 1)) +
          R"(","effect":"sale_unattributed","order":"o2","shopper":"s1","reason":"outside_window"})"});
}

TEST_CASE("R-ATTR-2: exact money in JPY (0 decimals) and KWD (3), summed exactly") {
  Harness h;
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  h.ok(at(20) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  h.effects();
  // The effect echoes the subtotal as given: a decimal string, or integer minor units.
  CHECK(
      h.ok(
          at(30) +
          R"("cmd":"record_purchase","order":"j1","shopper":"s1","subtotal":"1500","currency":"JPY"})") ==
      Lines{
          R"({"at":")" + T(30) +
          R"(","effect":"sale_attributed","order":"j1","shopper":"s1","expert":"a1","chat":"c1","subtotal":"1500","currency":"JPY"})"});
  CHECK(
      h.ok(
          at(31) +
          R"("cmd":"record_purchase","order":"j2","shopper":"s1","subtotal":501,"currency":"JPY"})") ==
      Lines{
          R"({"at":")" + T(31) +
          R"(","effect":"sale_attributed","order":"j2","shopper":"s1","expert":"a1","chat":"c1","subtotal":501,"currency":"JPY"})"});
  h.ok(
      at(32) +
      R"("cmd":"record_purchase","order":"k1","shopper":"s1","subtotal":"1.234","currency":"KWD"})");
  h.ok(at(33) +
       R"("cmd":"record_purchase","order":"k2","shopper":"s1","subtotal":1000,"currency":"KWD"})");
  h.ok(
      at(34) +
      R"("cmd":"record_purchase","order":"e1","shopper":"s1","subtotal":"0.10","currency":"EUR"})");
  h.ok(
      at(35) +
      R"("cmd":"record_purchase","order":"e2","shopper":"s1","subtotal":"0.20","currency":"EUR"})");
  h.fails(
      at(36) +
          R"("cmd":"record_purchase","order":"k3","shopper":"s1","subtotal":"1.2345","currency":"KWD"})",
      ErrorCode::kInvalidArgument);
  h.fails(
      at(36) +
          R"("cmd":"record_purchase","order":"j3","shopper":"s1","subtotal":"1.5","currency":"JPY"})",
      ErrorCode::kInvalidArgument);
  h.fails(
      at(36) +
          R"("cmd":"record_purchase","order":"n1","shopper":"s1","subtotal":"-1.00","currency":"EUR"})",
      ErrorCode::kInvalidArgument);
  h.fails(
      at(36) +
          R"("cmd":"record_purchase","order":"n2","shopper":"s1","subtotal":"1.00","currency":"ABC"})",
      ErrorCode::kInvalidArgument);
  const auto m = h.engine.metrics(MetricsScope::merchant(), from_epoch_ms(1778745600000),
                                  from_epoch_ms(1778745600000 + 60'000));
  REQUIRE(m.ok());
  REQUIRE(m->currencies.size() == 3);  // sorted by code
  CHECK(m->currencies[0].code == "EUR");
  CHECK(m->currencies[0].gross() == "0.30");  // 0.1 + 0.2, exactly
  CHECK(m->currencies[0].average() == "0.15");
  CHECK(m->currencies[1].code == "JPY");
  CHECK(m->currencies[1].gross() == "2001");
  CHECK(m->currencies[1].average() == "1001");  // 1000.5 rounded half up to the yen
  CHECK(m->currencies[2].code == "KWD");
  CHECK(m->currencies[2].gross() == "2.234");
  CHECK(m->currencies[2].average() == "1.117");
  CHECK(m->orders == 6);
}
