// Team digest and retention (R-SCHED-*), attribution through the engine (R-ATTR-*) and the
// widget display rule (R-DISPLAY-1).
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace vshop;
using namespace vshop::test;

TEST_CASE("R-SCHED-1: a digest every 48 h at 10:00 UTC on even days, while someone is pending") {
  Harness h;
  h.ok(R"({"cmd":"configure","invite_code":"ABC1234"})");
  h.ok(at(0) + R"("cmd":"subscribe_digest","manager":"m2","email":"zed@x.example"})");
  h.fails(at(1) + R"("cmd":"subscribe_digest","manager":"m2","email":"zed@x.example"})",
          ErrorCode::kAlreadyExists);
  h.fails(at(1) + R"("cmd":"unsubscribe_digest","manager":"m9"})", ErrorCode::kNotFound);
  h.ok(at(2) + R"("cmd":"subscribe_digest","manager":"m1","email":"amy@x.example"})");
  // Nobody pending: 2026-05-15 (day 20588, even) passes without a digest.
  CHECK(h.advance(86400 * 2).empty());
  h.ok(
      at(86400 * 2) +
      R"("cmd":"register_expert","expert":"e1","email":"e1@x.example","invite_code":"ABC1234","name":"E"})");
  h.ok(
      at(86400 * 2) +
      R"("cmd":"register_expert","expert":"e2","email":"e2@x.example","invite_code":"ABC1234","name":"E"})");
  // 2026-05-16 is odd: nothing; 2026-05-17T10:00Z: the digest, managers' emails sorted.
  CHECK(
      h.advance(86400 * 3 + 7200) ==
      Lines{
          R"({"at":"2026-05-17T10:00:00Z","effect":"team_digest","pending":2,"managers":["amy@x.example","zed@x.example"]})"});
  h.ok(R"({"cmd":"unsubscribe_digest","manager":"m2"})");
  CHECK(
      h.advance(86400 * 5 + 7200) ==
      Lines{
          R"({"at":"2026-05-19T10:00:00Z","effect":"team_digest","pending":2,"managers":["amy@x.example"]})"});
  h.ok(R"({"cmd":"unsubscribe_digest","manager":"m1"})");
  CHECK(!h.engine.next_deadline());  // nobody subscribed: no timer
  CHECK(h.advance(86400 * 9).empty());
}

TEST_CASE("R-SCHED-2: personal data is anonymized 60 days after the merchant is deactivated") {
  Harness h;
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1","department":"toys"})");
  h.ok(
      at(11) +
      R"("cmd":"leave_message","chat":"c1","text":"secret question","channel":"email","address":"s1@mail.example"})");
  h.ok(at(12) + R"("cmd":"deactivate_merchant"})");
  h.fails(at(13) + R"("cmd":"deactivate_merchant"})", ErrorCode::kInvalidState);
  h.advance(40000);  // the stores' closing
  CHECK(h.advance(60 * 86400 + 11).empty());
  CHECK(h.engine.snapshot().find("secret question") != std::string::npos);  // exportable before
  CHECK(h.advance(60 * 86400 + 12) ==
        Lines{R"({"at":")" + T(60 * 86400 + 12) + R"(","effect":"pii_anonymized"})"});
  const auto snap = h.engine.snapshot();
  CHECK(snap.find("secret question") == std::string::npos);
  CHECK(snap.find("s1@mail.example") == std::string::npos);
  CHECK(snap.find("a1@x.example") == std::string::npos);
  CHECK(snap.find("Expert a1") == std::string::npos);
  CHECK(h.engine.expert("a1"));  // ids survive
}

TEST_CASE("R-ATTR-1: the last point of contact within the window (inclusive) gets the sale") {
  Harness h;
  standard_merchant(h, R"(,"offer_fanout":1,"attribution_window_days":2)");
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  h.ok(at(11) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  h.ok(at(20) + R"("cmd":"transfer","expert":"a1","chat":"c1","to":"r1","note":"n"})");
  h.ok(at(25) + R"("cmd":"accept_transfer","expert":"r1","chat":"c1"})");
  h.ok(at(30) + R"("cmd":"send_message","chat":"c1","from":"shopper"})");
  h.ok(at(40) + R"("cmd":"finish_chat","expert":"r1","chat":"c1"})");
  h.advance(40 + 2 * 86400);  // the stores' closings in between

  // Exactly 2 x 24 h after the finish: attributed to the transfer's target.
  CHECK(
      h.ok(
          at(40 + 2 * 86400) +
          R"("cmd":"record_purchase","order":"o1","shopper":"s1","subtotal":"19.90","currency":"EUR"})") ==
      Lines{
          R"({"at":")" + T(40 + 2 * 86400) +
          R"(","effect":"sale_attributed","order":"o1","shopper":"s1","expert":"r1","chat":"c1","subtotal":"19.90","currency":"EUR"})"});
  CHECK(
      h.ok(
          at(41 + 2 * 86400) +
          R"("cmd":"record_purchase","order":"o2","shopper":"s1","subtotal":1990,"currency":"EUR"})") ==
      Lines{
          R"({"at":")" + T(41 + 2 * 86400) +
          R"(","effect":"sale_unattributed","order":"o2","shopper":"s1","reason":"outside_window"})"});
  // Another shopper id (other device) is not attributed.
  CHECK(
      h.ok(
          at(50 + 2 * 86400) +
          R"("cmd":"record_purchase","order":"o3","shopper":"s1-phone","subtotal":"5","currency":"EUR"})") ==
      Lines{
          R"({"at":")" + T(50 + 2 * 86400) +
          R"(","effect":"sale_unattributed","order":"o3","shopper":"s1-phone","reason":"no_contact"})"});
  // The window in force at the purchase applies; a blocked chat counts until it was blocked.
  h.ok(at(3 * 86400) + R"("cmd":"configure","attribution_window_days":3})");
  CHECK(
      h.ok(at(3 * 86400 + 30) +
           R"("cmd":"record_purchase","order":"o4","shopper":"s1","subtotal":"1.00","currency":"EUR"})")
          [0]
              .find("sale_attributed") != std::string::npos);
  h.ok(at(3 * 86400 + 90) + R"("cmd":"go_available","expert":"a1"})");
  h.ok(at(3 * 86400 + 100) + R"("cmd":"request_chat","shopper":"s2"})");
  const std::string expert = h.engine.chat("c2")->pending_offers.at(0);
  h.ok(at(3 * 86400 + 101) + R"("cmd":"claim","expert":")" + expert + R"(","chat":"c2"})");
  h.ok(at(3 * 86400 + 102) + R"("cmd":"block_shopper","expert":")" + expert + R"(","chat":"c2"})");
  h.ok(at(3 * 86400 + 103) + R"("cmd":"request_chat","shopper":"s2"})");
  h.ok(at(3 * 86400 + 104) + R"("cmd":"send_message","chat":"c3","from":"shopper"})");
  h.effects();
  CHECK(
      h.ok(
          at(3 * 86400 + 105) +
          R"("cmd":"record_purchase","order":"o5","shopper":"s2","subtotal":"1.00","currency":"EUR"})") ==
      Lines{R"({"at":")" + T(3 * 86400 + 105) +
            R"(","effect":"sale_attributed","order":"o5","shopper":"s2","expert":")" + expert +
            R"(","chat":"c2","subtotal":"1.00","currency":"EUR"})"});
}

TEST_CASE("R-ATTR-2: an order id counts once; amounts are exact, malformed ones rejected") {
  Harness h;
  standard_merchant(h);
  h.ok(at(1) +
       R"("cmd":"record_purchase","order":"o1","shopper":"s","subtotal":"0.00","currency":"EUR"})");
  h.fails(
      at(2) +
          R"("cmd":"record_purchase","order":"o1","shopper":"s","subtotal":"1.00","currency":"EUR"})",
      ErrorCode::kDuplicateOrder);
  h.fails(
      at(2) +
          R"("cmd":"record_purchase","order":"o2","shopper":"s","subtotal":"1.001","currency":"EUR"})",
      ErrorCode::kInvalidArgument);
  h.fails(
      at(2) +
          R"("cmd":"record_purchase","order":"o2","shopper":"s","subtotal":"1.5","currency":"JPY"})",
      ErrorCode::kInvalidArgument);
  h.fails(
      at(2) +
          R"("cmd":"record_purchase","order":"o2","shopper":"s","subtotal":"12,50","currency":"EUR"})",
      ErrorCode::kInvalidArgument);
  h.fails(
      at(2) +
          R"("cmd":"record_purchase","order":"o2","shopper":"s","subtotal":"1.00","currency":"eur"})",
      ErrorCode::kInvalidArgument);
  h.fails(
      at(2) +
          R"("cmd":"record_purchase","order":"o2","shopper":"s","subtotal":"1.00","currency":"XYZ"})",
      ErrorCode::kInvalidArgument);
  h.fails(
      at(2) +
          R"("cmd":"record_purchase","order":"o2","shopper":"s","subtotal":12.5,"currency":"EUR"})",
      ErrorCode::kInvalidArgument);
  // invalid_argument is checked before duplicate_order.
  h.fails(
      at(2) +
          R"("cmd":"record_purchase","order":"o1","shopper":"s","subtotal":"x","currency":"EUR"})",
      ErrorCode::kInvalidArgument);
  CHECK(
      h.ok(at(3) +
           R"("cmd":"record_purchase","order":"o2","shopper":"s","subtotal":"1500","currency":"JPY"})")
          .size() == 1);
}

TEST_CASE("R-DISPLAY-1: the widget shows while someone is available, on allowed pages and places") {
  Harness h;
  standard_merchant(h, R"(,"max_active_chats":1)");
  WidgetRules rules;
  rules.deny_urls = {"*/checkout"};  // R-DISPLAY-2: globs over the whole URL
  rules.allow_urls = {"https://shop.example/lookbook/*"};
  rules.geo = {{"country", "RU", WidgetState::kHidden},
               {"ip", "10.0.0.0/8", WidgetState::kOngoingOnly}};
  const Instant now = from_epoch_ms(1778745600000 + 60'000);
  WidgetQuery q;
  q.page_url = "https://shop.example/p/1";
  q.page_type = "product";
  CHECK(h.engine.widget_state(q, rules, now) == WidgetState::kVisible);
  q.page_type = "cart";
  CHECK(h.engine.widget_state(q, rules, now) == WidgetState::kHidden);
  q.page_url = "https://shop.example/lookbook/summer";
  CHECK(h.engine.widget_state(q, rules, now) == WidgetState::kVisible);  // allow list
  q.page_url = "https://shop.example/lookbook/checkout";
  CHECK(h.engine.widget_state(q, rules, now) == WidgetState::kHidden);  // deny wins
  q.page_url = "https://shop.example/";
  q.page_type = "home";
  q.country = "ru";
  CHECK(h.engine.widget_state(q, rules, now) == WidgetState::kHidden);
  q.country = "NL";
  q.ip = "10.1.2.3";
  CHECK(h.engine.widget_state(q, rules, now) == WidgetState::kOngoingOnly);
  q.ip = "11.1.2.3";
  // Everybody busy: ongoing only, unless show_when_busy.
  for (int i = 0; i < 4; ++i) {
    h.ok(at(10 + i) + R"("cmd":"request_chat","shopper":"s)" + std::to_string(i) + R"("})");
    const std::string e = h.engine.chat("c" + std::to_string(i + 1))->pending_offers.at(0);
    h.ok(at(10 + i) + R"("cmd":"claim","expert":")" + e + R"(","chat":"c)" + std::to_string(i + 1) +
         R"("})");
  }
  CHECK(h.engine.widget_state(q, rules, now) == WidgetState::kOngoingOnly);
  q.shopper = "s0";  // a shopper with an open chat sees it
  CHECK(h.engine.widget_state(q, rules, now) == WidgetState::kVisible);
  q.shopper.clear();
  h.ok(R"({"cmd":"configure","show_when_busy":true})");
  CHECK(h.engine.widget_state(q, rules, now) == WidgetState::kVisible);
  // Outside opening hours (20:00 UTC): ongoing only, unless show_outside_opening_hours.
  const Instant night = from_epoch_ms(1778745600000 + 12 * 3'600'000);
  CHECK(h.engine.widget_state(q, rules, night) == WidgetState::kOngoingOnly);
  h.ok(R"({"cmd":"configure","show_outside_opening_hours":true})");
  CHECK(h.engine.widget_state(q, rules, night) == WidgetState::kVisible);
}
