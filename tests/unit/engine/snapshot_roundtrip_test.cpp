// R-DET-1 and docs/design.md §6 for every command kind: a snapshot restores to the same bytes, and
// restore + the rest of a scenario equals the uninterrupted run (effects, journal, snapshot),
// at every point of scenarios that together make every kind of command succeed.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/settings_table.hpp"
#include "harness.hpp"

using namespace vshop;
using namespace vshop::test;

namespace {

constexpr std::int64_t kDay = 86400;

// Two stores open 08:00-20:00 Amsterdam time (06:00-18:00 UTC in May); experts a1, a2 at ams
// and r1 at rtm registered and approved; a1 and r1 available from T(0). `settings` is spliced
// into the configure command.
Lines base(std::string_view settings = "") {
  const std::string hours =
      R"("hours":{"mon":["08:00-20:00"],"tue":["08:00-20:00"],"wed":["08:00-20:00"],)"
      R"("thu":["08:00-20:00"],"fri":["08:00-20:00"],"sat":["08:00-20:00"],"sun":["08:00-20:00"]})";
  Lines out = {
      at(-900) +
          R"("cmd":"configure","invite_code":"ABC1234","offer_fanout":1,)"
          R"("offer_timeout_s":20,"claim_window_s":60,"contact_channels":["email","sms"])" +
          std::string(settings) + "}",
      at(-900) +
          R"("cmd":"add_store","store":"ams","timezone":"Europe/Amsterdam","lat":52.37,)"
          R"("lon":4.89,"departments":["shoes","bags"],)" +
          hours + "}",
      at(-900) +
          R"("cmd":"add_store","store":"rtm","timezone":"Europe/Amsterdam","lat":51.92,)"
          R"("lon":4.48,"departments":["kids"],)" +
          hours + "}",
  };
  for (const char* e : {"a1", "a2", "r1"}) {
    out.push_back(at(-600) + R"("cmd":"register_expert","expert":")" + e + R"(","email":")" + e +
                  R"(@x.example","invite_code":"abc1234","name":"Expert )" + e + R"("})");
  }
  for (const char* e : {"a1", "a2", "r1"}) {
    out.push_back(at(-300) + R"("cmd":"approve_expert","expert":")" + e + R"(","store":")" +
                  (e[0] == 'a' ? "ams" : "rtm") + R"(","team":"floor"})");
  }
  out.push_back(at(0) + R"("cmd":"go_available","expert":"a1"})");
  out.push_back(at(0) + R"("cmd":"go_available","expert":"r1"})");
  return out;
}

Lines operator+(Lines a, const Lines& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// A chat from request to rating and sale: messages, presence, video, transfers (declined and
// accepted), a purchase.
Lines chat_scenario() {
  return base() +
         Lines{
             at(10) +
                 R"("cmd":"request_chat","shopper":"s1","chat":"c1","lat":52.37,"lon":4.89,)"
                 R"("department":"shoes","page_url":"https://shop.example/p/1","country":"NL"})",
             at(20) + R"("cmd":"claim","expert":"a1","chat":"c1"})",
             at(30) + R"("cmd":"send_message","chat":"c1","from":"shopper"})",
             at(35) + R"("cmd":"send_message","chat":"c1","from":"expert"})",
             at(36) + R"("cmd":"shopper_event","shopper":"s1","event":{"type":"ecommerce:detail",)"
                      R"("products":[{"id":"SKU-1","name":"Shoe","price":10}]}})",
             at(40) + R"("cmd":"shopper_offline","shopper":"s1"})",
             at(50) + R"("cmd":"shopper_online","shopper":"s1"})",
             at(60) + R"("cmd":"start_video","expert":"a1","chat":"c1"})",
             at(90) + R"("cmd":"end_video","expert":"a1","chat":"c1"})",
             at(100) + R"("cmd":"transfer","expert":"a1","chat":"c1","to":"r1","note":"size 42"})",
             at(110) + R"("cmd":"decline_transfer","expert":"r1","chat":"c1"})",
             at(120) + R"("cmd":"transfer","expert":"a1","chat":"c1","to":"r1","note":"again"})",
             at(130) + R"("cmd":"accept_transfer","expert":"r1","chat":"c1"})",
             at(132) + R"("cmd":"send_appointment","expert":"r1","chat":"c1","title":"Fitting",)"
                       R"("start":"2026-05-20T10:00","duration_min":30})",
             at(133) + R"("cmd":"invite_contact","expert":"r1","chat":"c1","channel":"sms",)"
                       R"("address":"+31612345678"})",
             at(134) + R"("cmd":"accept_contact","shopper":"s1","chat":"c1"})",
             at(135) + R"("cmd":"invite_contact","expert":"r1","chat":"c1","channel":"email",)"
                       R"("address":"s1@mail.example"})",
             at(140) + R"("cmd":"start_video","expert":"r1","chat":"c1"})",
             at(200) + R"("cmd":"finish_chat","expert":"r1","chat":"c1"})",
             at(210) + R"("cmd":"rate_chat","shopper":"s1","chat":"c1","stars":4})",
             at(300) + R"("cmd":"record_purchase","order":"o1","shopper":"s1","subtotal":"12.50",)"
                       R"("currency":"EUR"})",
             at(301) + R"("cmd":"record_purchase","order":"o2","shopper":"s9","subtotal":1500,)"
                       R"("currency":"JPY"})",
             at(400) + R"("cmd":"request_chat","shopper":"s2","chat":"c2","lat":52.37,"lon":4.89})",
             at(405) + R"("cmd":"claim","expert":"a1","chat":"c2"})",
             at(500) + R"("cmd":"transfer","expert":"a1","chat":"c2","to":"r1","note":"pending"})",
             at(2 * kDay) + R"("cmd":"advance"})",
         };
}

// Declines, a missed chat, a left message taken later, a blocked shopper's silent chat.
Lines decline_scenario() {
  return base() +
         Lines{
             at(5) + R"("cmd":"go_available","expert":"a2"})",
             at(6) + R"("cmd":"go_unavailable","expert":"r1"})",
             at(10) + R"("cmd":"request_chat","shopper":"s1","chat":"c1"})",
             at(12) + R"("cmd":"decline","expert":"a1","chat":"c1"})",
             at(14) + R"("cmd":"decline_and_go_unavailable","expert":"a2","chat":"c1"})",
             at(80) + R"("cmd":"advance"})",
             at(90) + R"("cmd":"leave_message","chat":"c1","text":"call me","channel":"sms",)"
                      R"("address":"+31600000000"})",
             at(91) + R"("cmd":"request_chat","shopper":"s2","chat":"c2"})",
             at(92) + R"("cmd":"go_available","expert":"a2"})",
             at(100) + R"("cmd":"take_left_message","expert":"a2","chat":"c1"})",
             at(110) + R"("cmd":"block_shopper","expert":"a2","chat":"c1"})",
             at(120) + R"("cmd":"request_chat","shopper":"s1","chat":"c3"})",
             at(130) + R"("cmd":"unblock_shopper","shopper":"s1"})",
             at(140) + R"("cmd":"request_chat","shopper":"s1","chat":"c4"})",
             at(kDay) + R"("cmd":"advance"})",
         };
}

// Stores, experts and the merchant: update_store, deactivations, anonymization, the digest and
// the deactivation of the merchant with its anonymization 60 days later.
Lines admin_scenario() {
  return base() +
         Lines{
             at(10) +
                 R"("cmd":"update_store","store":"ams","timezone":"Europe/Amsterdam",)"
                 R"("name":"Amsterdam Centraal","address":"Damrak 1","exceptions":{"2026-05-16":[]}})",
             at(20) + R"("cmd":"deactivate_store","store":"rtm"})",
             at(30) + R"("cmd":"register_expert","expert":"e9","email":"E9@x.example",)"
                      R"("invite_code":"ABC1234","name":"Nine","employee_id":"N-9"})",
             at(31) +
                 R"("cmd":"approve_expert","expert":"e9","store":"ams","departments":["bags"]})",
             at(32) + R"("cmd":"deactivate_expert","expert":"e9"})",
             at(33) + R"("cmd":"reactivate_expert","expert":"e9"})",
             at(34) + R"("cmd":"deactivate_expert","expert":"e9"})",
             at(35) + R"("cmd":"anonymize_expert","expert":"e9"})",
             at(40) + R"("cmd":"register_expert","expert":"p1","email":"p1@x.example",)"
                      R"("invite_code":"ABC1234","name":"Pending"})",
             at(50) + R"("cmd":"subscribe_digest","manager":"m1","email":"amy@x.example"})",
             at(51) + R"("cmd":"subscribe_digest","manager":"m2","email":"zed@x.example"})",
             at(52) + R"("cmd":"unsubscribe_digest","manager":"m2"})",
             at(60) + R"("cmd":"request_chat","shopper":"s1","chat":"c1","department":"toys"})",
             at(61) + R"("cmd":"leave_message","chat":"c1","text":"secret","channel":"email",)"
                      R"("address":"s1@mail.example"})",
             at(3 * kDay) + R"("cmd":"advance"})",
             at(3 * kDay + 1) + R"("cmd":"configure","reporting_timezone":"America/New_York"})",
             at(3 * kDay + 2) + R"("cmd":"deactivate_merchant"})",
             at(64 * kDay) + R"("cmd":"advance"})",
         };
}

// A non-default value of every setting (configure form); the test fails when a setting of the
// table has none here.
const std::map<std::string, std::string, std::less<>>& non_default_values() {
  static const std::map<std::string, std::string, std::less<>> values = {
      {"max_active_chats", "7"},
      {"claim_window_s", "120"},
      {"offer_timeout_s", "40"},
      {"offer_fanout", "9"},
      {"missed_streak_limit", "4"},
      {"decline_streak_limit", "6"},
      {"transfer_timeout_s", "75"},
      {"attribution_window_days", "12"},
      {"metrics_retention_days", "45"},
      {"reporting_timezone", R"("Asia/Tokyo")"},
      {"show_when_busy", "true"},
      {"show_outside_opening_hours", "true"},
      {"invite_code", R"("zz99ab1")"},
      {"contact_channels", R"(["whatsapp","email"])"},
      {"region", R"("US")"},
  };
  return values;
}

// Every setting changed by one configure, then a chat that runs under them.
Lines settings_scenario() {
  std::string fields;
  for (const auto& [key, value] : non_default_values()) fields += ",\"" + key + "\":" + value;
  return base() + Lines{
                      at(5) + R"("cmd":"configure")" + fields + "}",
                      at(10) + R"("cmd":"request_chat","shopper":"s1","chat":"c1"})",
                      at(kDay) + R"("cmd":"advance"})",
                  };
}

struct Step {
  Lines effects;
  Lines journal;
  std::string snapshot;  // after the step
};

// Applies `lines[from..]` to `engine`, each of which must succeed; one Step per line.
std::vector<Step> run(Engine& engine, const Lines& lines, std::size_t from) {
  std::vector<Step> steps;
  for (std::size_t i = from; i < lines.size(); ++i) {
    INFO(lines[i]);
    const absl::Status s = engine.apply_json(lines[i]);
    REQUIRE_MESSAGE(s.ok(), s.message());
    const absl::Status inv = engine.check_invariants();
    REQUIRE_MESSAGE(inv.ok(), inv.message());
    Step& step = steps.emplace_back();
    for (const Effect& e : engine.drain_effects()) step.effects.push_back(effect_to_json(e));
    step.journal = engine.drain_journal();
    step.snapshot = engine.snapshot();
  }
  return steps;
}

// (a) snapshot -> restore -> snapshot is the identity at every step, and (b) restore at every
// step + the rest of the scenario gives the same effects, journal and snapshots as the
// uninterrupted run.
void check_round_trips(const Lines& lines, const std::vector<std::string>& expected_effects) {
  Engine whole;
  const std::vector<Step> steps = run(whole, lines, 0);
  std::string all_effects;
  for (const Step& step : steps) {
    for (const auto& e : step.effects) all_effects += e;
  }
  for (const auto& kind : expected_effects) {
    CHECK_MESSAGE(all_effects.find("\"effect\":\"" + kind + "\"") != std::string::npos, kind);
  }
  for (std::size_t cut = 0; cut < lines.size(); ++cut) {
    INFO("restored after line ", cut, ": ", lines[cut]);
    auto restored = Engine::restore(steps[cut].snapshot);
    REQUIRE_MESSAGE(restored.ok(), restored.status().message());
    REQUIRE(restored->snapshot() == steps[cut].snapshot);
    const std::vector<Step> rest = run(*restored, lines, cut + 1);
    for (std::size_t i = 0; i < rest.size(); ++i) {
      const Step& want = steps[cut + 1 + i];
      CHECK(rest[i].effects == want.effects);
      CHECK(rest[i].journal == want.journal);
      CHECK(rest[i].snapshot == want.snapshot);
    }
    CHECK(restored->next_deadline() == whole.next_deadline());
  }
}

struct Scenario {
  std::string name;
  Lines lines;
  std::vector<std::string> effects;  // effect kinds the uninterrupted run must emit
};

const std::vector<Scenario>& scenarios() {
  static const std::vector<Scenario> all = {
      {"chat",
       chat_scenario(),
       {"chat_claimed", "video_started", "video_ended", "transfer_offered", "transfer_failed",
        "transfer_completed", "chat_finished", "sale_attributed", "sale_unattributed"}},
      {"decline",
       decline_scenario(),
       {"chat_missed", "left_message_queued", "chat_taken", "shopper_blocked",
        "expert_unavailable"}},
      {"admin", admin_scenario(), {"team_digest", "pii_anonymized", "expert_unavailable"}},
      {"settings", settings_scenario(), {"chat_offered", "chat_missed"}},
  };
  return all;
}

TEST_CASE("R-DET-1: every command kind is covered by a round-trip scenario") {
  std::set<CommandKind> covered;
  for (const Scenario& scenario : scenarios()) {
    for (const auto& line : scenario.lines) {
      auto parsed = parse_command(line);
      REQUIRE_MESSAGE(parsed.ok(), line);
      covered.insert(parsed->kind);
    }
  }
  for (int k = 0; k < kCommandKindCount; ++k) {
    const auto kind = static_cast<CommandKind>(k);
    CHECK_MESSAGE(covered.contains(kind), "no round-trip scenario issues ",
                  std::string(command_name(kind)));
  }
}

TEST_CASE(
    "R-DET-1: snapshot -> restore -> snapshot is the identity, and restore + the rest "
    "equals the uninterrupted run, at every step of every scenario") {
  for (const Scenario& scenario : scenarios()) {
    SUBCASE(scenario.name.c_str()) { check_round_trips(scenario.lines, scenario.effects); }
  }
}

TEST_CASE("R-SET-1: every setting written to a snapshot is read back") {
  REQUIRE(non_default_values().size() == settings_table::size());
  for (std::size_t i = 0; i < settings_table::size(); ++i) {
    const std::string_view key = settings_table::key(i);
    INFO(key);
    const auto value = non_default_values().find(key);
    REQUIRE_MESSAGE(value != non_default_values().end(), "no non-default value for a setting");
    Harness h;
    // claim_window_s first so that any offer_timeout_s fits.
    h.ok(R"({"cmd":"configure","claim_window_s":600})");
    const Settings before = h.engine.settings();
    h.ok(R"({"cmd":"configure",")" + std::string(key) + "\":" + value->second + "}");
    CHECK(h.engine.settings() != before);  // the value is not the default
    auto restored = Engine::restore(h.engine.snapshot());
    REQUIRE(restored.ok());
    CHECK(restored->settings() == h.engine.settings());
    CHECK(restored->snapshot() == h.engine.snapshot());
  }
}

}  // namespace
