// R-WHY-1: explain_expert, explain_widget and explain_purchase, one case per reason code.
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace vshop;
using namespace vshop::test;

namespace {

using R = ExpertReason;

ExpertExplanation explain(Harness& h, std::string_view expert, std::int64_t s) {
  auto e = h.engine.explain_expert(expert, from_epoch_ms(1778745600000 + s * 1000));
  REQUIRE_MESSAGE(e.ok(), e.status().message());
  CHECK(e->eligible == e->reasons.empty());
  return *e;
}

std::vector<R> reasons(Harness& h, std::string_view expert, std::int64_t s) {
  return explain(h, expert, s).reasons;
}

std::string register_line(std::string_view id) {
  return fmt::format(R"({{"cmd":"register_expert","expert":"{}","email":"{}@x.example",)"
                     R"("invite_code":"ABC1234","name":"N"}})",
                     id, id);
}

}  // namespace

TEST_CASE("R-WHY-1: explain_expert: eligible, not_approved and no_store") {
  Harness h;
  standard_merchant(h);
  CHECK(explain(h, "a1", 10).eligible);
  h.ok(register_line("p1"));
  CHECK(reasons(h, "p1", 10) == std::vector<R>{R::kNotApproved, R::kNoStore, R::kUnavailable});
  h.ok(at(10) + R"("cmd":"deactivate_expert","expert":"a2"})");
  const auto x = explain(h, "a2", 10);
  CHECK(x.reasons == std::vector<R>{R::kNotApproved, R::kUnavailable});
  CHECK(x.unavailable_reason == UnavailableReason::kDeactivated);
  CHECK(error_code_of(h.engine.explain_expert("ghost", h.engine.now()).status()) ==
        ErrorCode::kNotFound);
}

TEST_CASE("R-WHY-1: explain_expert: store_deactivated, store_closed and unavailable's reason") {
  Harness h;
  standard_merchant(h);
  // 18:00 UTC: the stores close; asked before the engine got there, the hours already say so.
  CHECK(reasons(h, "a1", 10 * 3600 + 1) == std::vector<R>{R::kStoreClosed});
  h.advance(10 * 3600 + 1);
  auto x = explain(h, "a1", 10 * 3600 + 1);
  CHECK(x.reasons == std::vector<R>{R::kStoreClosed, R::kUnavailable});
  CHECK(x.unavailable_reason == UnavailableReason::kStoreClosed);
  CHECK(reasons(h, "a1", 24 * 3600) == std::vector<R>{R::kUnavailable});  // open again
  h.ok(at(24 * 3600) + R"("cmd":"go_available","expert":"r1"})");
  h.ok(at(24 * 3600 + 1) + R"("cmd":"go_unavailable","expert":"r1"})");
  CHECK(explain(h, "r1", 24 * 3600 + 1).unavailable_reason == UnavailableReason::kRequested);
  h.ok(at(24 * 3600 + 2) + R"("cmd":"deactivate_store","store":"rtm"})");
  CHECK(reasons(h, "r2", 24 * 3600 + 2) == std::vector<R>{R::kStoreDeactivated, R::kUnavailable});
  CHECK(explain(h, "r2", 24 * 3600 + 2).unavailable_reason == UnavailableReason::kStoreClosed);
}

TEST_CASE("R-WHY-1: explain_expert: at_capacity, holding_offer and holding_transfer") {
  Harness h;
  standard_merchant(h, R"(,"max_active_chats":1,"offer_fanout":1)");
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1","chat":"c1"})");
  CHECK(h.engine.expert("a1")->pending_offer == "c1");
  CHECK(reasons(h, "a1", 10) == std::vector<R>{R::kHoldingOffer});
  h.ok(at(11) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  CHECK(reasons(h, "a1", 11) == std::vector<R>{R::kAtCapacity});
  h.ok(at(12) + R"("cmd":"transfer","expert":"a1","chat":"c1","to":"r1","note":"n"})");
  CHECK(reasons(h, "r1", 12) == std::vector<R>{R::kHoldingTransfer});
  h.ok(at(13) + R"("cmd":"request_chat","shopper":"s2","chat":"c2"})");
  CHECK(reasons(h, "a2", 13) == std::vector<R>{R::kHoldingOffer});
  h.ok(at(14) + R"("cmd":"accept_transfer","expert":"r1","chat":"c1"})");
  CHECK(reasons(h, "r1", 14) == std::vector<R>{R::kAtCapacity});
  CHECK(explain(h, "a1", 14).eligible);
}

namespace {

using W = WidgetReason;

WidgetExplanation widget(Harness& h, const WidgetQuery& q, const WidgetRules& r, std::int64_t s) {
  const Instant t = from_epoch_ms(1778745600000 + s * 1000);
  auto e = h.engine.explain_widget(q, r, t);
  CHECK(e.state == h.engine.widget_state(q, r, t));  // one code path, one answer
  return e;
}

}  // namespace

TEST_CASE("R-WHY-1: explain_widget: each page and geo reason") {
  Harness h;
  standard_merchant(h);
  WidgetQuery q{"https://shop.example/checkout", "other", "", "NL", "Amsterdam", "1012", ""};
  WidgetRules r;
  auto e = widget(h, q, r, 10);
  CHECK(e.state == WidgetState::kHidden);
  CHECK(e.reasons == std::vector<W>{W::kPageTypeNotShown});
  r.allow_urls = {"https://shop.example/lookbook"};
  CHECK(widget(h, q, r, 10).reasons == std::vector<W>{W::kUrlNotAllowed, W::kPageTypeNotShown});
  q.page_type = "product";
  r.deny_urls = {"https://shop.example/checkout"};
  CHECK(widget(h, q, r, 10).reasons == std::vector<W>{W::kUrlDenied});
  r.deny_urls.clear();
  CHECK(widget(h, q, r, 10).reasons == std::vector<W>{W::kShown});
  r.geo = {{"country", "nl", WidgetState::kOngoingOnly}};
  e = widget(h, q, r, 10);
  CHECK(e.state == WidgetState::kOngoingOnly);
  CHECK(e.reasons == std::vector<W>{W::kGeoOngoingOnly});
  r.geo.push_back({"city", "Amsterdam", WidgetState::kHidden});
  e = widget(h, q, r, 10);
  CHECK(e.state == WidgetState::kHidden);
  CHECK(e.reasons == std::vector<W>{W::kGeoHidden});
}

TEST_CASE("R-WHY-1: explain_widget: no_expert_available, all_experts_busy, outside_opening_hours") {
  Harness h;
  standard_merchant(h, R"(,"max_active_chats":1)");
  const WidgetQuery q{"https://shop.example/", "home", "", "", "", "", ""};
  const WidgetRules r;
  // Outside the hours (03:00 UTC next day): nobody open.
  auto e = widget(h, q, r, 19 * 3600);
  CHECK(e.state == WidgetState::kOngoingOnly);
  CHECK(e.reasons == std::vector<W>{W::kOutsideOpeningHours});
  for (const char* x : {"a2", "r1", "r2"}) {
    h.ok(at(5) + fmt::format(R"("cmd":"go_unavailable","expert":"{}"}})", x));
  }
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1","chat":"c1"})");
  h.ok(at(11) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  e = widget(h, q, r, 12);
  CHECK(e.reasons == std::vector<W>{W::kAllExpertsBusy});
  // The shopper with the open chat still sees it.
  WidgetQuery mine = q;
  mine.shopper = "s1";
  CHECK(widget(h, mine, r, 12).reasons == std::vector<W>{W::kShown});
  h.ok(at(13) + R"("cmd":"go_unavailable","expert":"a1"})");
  e = widget(h, q, r, 13);
  CHECK(e.state == WidgetState::kOngoingOnly);
  CHECK(e.reasons == std::vector<W>{W::kNoExpertAvailable});
  h.ok(at(14) + R"("cmd":"configure","show_outside_opening_hours":true})");
  CHECK(widget(h, q, r, 19 * 3600).reasons == std::vector<W>{W::kShown});
}

TEST_CASE("R-WHY-1: explain_purchase: attributed, no_contact (unknown / never chatted), window") {
  Harness h;
  standard_merchant(h);
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1","chat":"c1"})");
  h.ok(at(11) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
  h.ok(at(12) + R"("cmd":"request_chat","shopper":"s2","chat":"c2"})");
  h.ok(at(100) + purchase("o1", "s1"));
  h.ok(at(101) + purchase("o2", "s2"));
  h.ok(at(102) + purchase("o3", "ghost"));
  h.ok(at(11 + 86400 + 3600) + purchase("o4", "s1"));  // window 1 day: missed by 1 h
  auto p = h.engine.explain_purchase("o1");
  REQUIRE(p.ok());
  CHECK(p->attributed);
  CHECK(p->expert == "a1");
  CHECK(p->chat == "c1");
  CHECK(p->contact_at == from_epoch_ms(1778745600000 + 11'000));
  CHECK(p->window_days == 1);
  CHECK(!p->reason);
  p = h.engine.explain_purchase("o2");
  REQUIRE(p.ok());
  CHECK(p->reason == UnattributedReason::kNoContact);
  CHECK(p->shopper_known);
  p = h.engine.explain_purchase("o3");
  REQUIRE(p.ok());
  CHECK(p->reason == UnattributedReason::kNoContact);
  CHECK(!p->shopper_known);
  CHECK(!p->contact_at);
  p = h.engine.explain_purchase("o4");
  REQUIRE(p.ok());
  CHECK(p->reason == UnattributedReason::kOutsideWindow);
  CHECK(p->contact_at == from_epoch_ms(1778745600000 + 11'000));
  CHECK(p->missed_by == std::chrono::hours(1));
  CHECK(error_code_of(h.engine.explain_purchase("o9").status()) == ErrorCode::kNotFound);
  // The records survive a snapshot.
  auto restored = Engine::restore(h.engine.snapshot());
  REQUIRE_MESSAGE(restored.ok(), restored.status().message());
  CHECK(restored->snapshot() == h.engine.snapshot());
  CHECK(restored->explain_purchase("o4")->missed_by == std::chrono::hours(1));
}
