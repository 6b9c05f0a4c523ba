// R-WHY-1 property: over random command streams, each explanation agrees with what the engine
// then does. An expert explained as eligible receives the next offer of a chat requested at
// their store (and one explained as not eligible does not); a widget explained as shown is
// visible, and explain_widget's state is widget_state's.
#include <doctest/doctest.h>

#include <random>

#include "harness.hpp"

using namespace vshop;
using namespace vshop::test;

namespace {

const char* const kExperts[] = {"a1", "a2", "r1", "r2"};

struct Stream {
  std::mt19937 rng;
  std::int64_t t = 1;
  int chats = 0;

  std::string pick_expert() { return kExperts[rng() % 4]; }
  std::string pick_chat() { return "c" + std::to_string(chats == 0 ? 0 : rng() % chats); }

  // One random command (it may be rejected: a rejected command changes nothing).
  std::string next() {
    t += static_cast<std::int64_t>(rng() % 40);
    const std::string e = pick_expert();
    switch (rng() % 9) {
      case 0:
        return at(t) + fmt::format(R"("cmd":"go_available","expert":"{}"}})", e);
      case 1:
        return at(t) + fmt::format(R"("cmd":"go_unavailable","expert":"{}"}})", e);
      case 2:
      case 3: {
        const std::string c = "c" + std::to_string(chats++);
        return at(t) +
               fmt::format(R"("cmd":"request_chat","shopper":"s{}","chat":"{}"}})", rng() % 5, c);
      }
      case 4:
      case 5:
        return at(t) + fmt::format(R"("cmd":"claim","expert":"{}","chat":"{}"}})", e, pick_chat());
      case 6:
        return at(t) +
               fmt::format(R"("cmd":"decline","expert":"{}","chat":"{}"}})", e, pick_chat());
      case 7:
        return at(t) +
               fmt::format(R"("cmd":"finish_chat","expert":"{}","chat":"{}"}})", e, pick_chat());
      default:
        return at(t) + fmt::format(R"("cmd":"transfer","expert":"{}","chat":"{}","to":"{}",)"
                                   R"("note":"n"}})",
                                   e, pick_chat(), pick_expert());
    }
  }
};

// The experts of the first offer of a chat requested now at the expert's store, on a copy.
std::vector<std::string> offered_at_store_of(const Engine& engine, std::string_view expert) {
  auto copy = Engine::restore(engine.snapshot());
  REQUIRE(copy.ok());
  const bool ams = expert[0] == 'a';
  const std::string line =
      fmt::format(R"({{"cmd":"request_chat","shopper":"probe","chat":"probe","lat":{},"lon":{}}})",
                  ams ? "52.37" : "51.92", ams ? "4.89" : "4.48");
  REQUIRE(copy->apply_json(line).ok());
  for (const Effect& e : copy->drain_effects()) {
    if (e.kind == EffectKind::kChatOffered && e.chat == "probe") return e.experts;
  }
  return {};
}

}  // namespace

TEST_CASE("R-WHY-1 property: explanations agree with the engine's next decision") {
  int eligible_seen = 0, blocked_seen = 0, attributed_seen = 0, unattributed_seen = 0;
  for (unsigned seed = 1; seed <= 20; ++seed) {
    Harness h;
    // Every eligible expert fits in one wave; long windows keep offers pending.
    standard_merchant(h, R"(,"offer_fanout":50,"max_active_chats":2,"missed_streak_limit":10,)"
                         R"("decline_streak_limit":10)");
    Stream s{std::mt19937(seed)};
    for (int step = 0; step < 60; ++step) {
      (void)h.engine.apply_json(s.next());
      (void)h.engine.drain_effects();
      REQUIRE(h.engine.check_invariants().ok());
      if (step % 3 != 0) continue;
      for (const char* x : kExperts) {
        auto why = h.engine.explain_expert(x, h.engine.now());
        REQUIRE(why.ok());
        const auto offered = offered_at_store_of(h.engine, x);
        const bool got = std::find(offered.begin(), offered.end(), x) != offered.end();
        INFO("seed ", seed, " step ", step, " expert ", x);
        CHECK(why->eligible == got);
        (why->eligible ? eligible_seen : blocked_seen)++;
      }
      const WidgetQuery q{"https://shop.example/", "home", "", "", "", "", ""};
      const WidgetRules rules;
      const auto w = h.engine.explain_widget(q, rules, h.engine.now());
      CHECK(w.state == h.engine.widget_state(q, rules, h.engine.now()));
      const bool shown =
          std::find(w.reasons.begin(), w.reasons.end(), WidgetReason::kShown) != w.reasons.end();
      CHECK(shown == (w.state == WidgetState::kVisible));
      CHECK(!w.reasons.empty());
    }
    // explain_purchase tells what record_purchase emitted (shopper s5 was never seen).
    for (int shopper = 0; shopper <= 5; ++shopper) {
      const std::string order = fmt::format("o{}", shopper);
      const auto effects = h.ok(at(s.t) + purchase(order, fmt::format("s{}", shopper)));
      REQUIRE(effects.size() == 1);
      const auto why = h.engine.explain_purchase(order);
      REQUIRE(why.ok());
      const bool attributed = effects[0].find("sale_attributed") != std::string::npos;
      CHECK(why->attributed == attributed);
      (attributed ? attributed_seen : unattributed_seen)++;
      if (attributed) {
        CHECK(effects[0].find(fmt::format(R"("expert":"{}","chat":"{}")", why->expert,
                                          why->chat)) != std::string::npos);
      } else {
        const std::string reason = why->reason ? std::string(reason_name(*why->reason)) : "";
        CHECK(effects[0].find(R"("reason":")" + reason + '"') != std::string::npos);
        if (shopper == 5) CHECK(!why->shopper_known);
      }
    }
  }
  // The streams reach both outcomes often (the property is not vacuous).
  CHECK(attributed_seen > 5);
  CHECK(unattributed_seen > 5);
  CHECK(eligible_seen > 50);
  CHECK(blocked_seen > 50);
}
