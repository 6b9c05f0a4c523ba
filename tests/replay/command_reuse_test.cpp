// Engine::apply_json reads every line into one reused Command (command_parse.hpp): whatever
// the command read before, the result is the one a fresh Command gets (R-DET-1).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/command_parse.hpp"
#include "vshop/engine/command.hpp"
#include "vshop/engine/engine.hpp"

namespace {

// Every command kind, most with every optional field, and lines the reader refuses.
const std::vector<std::string> kLines = {
    R"({"cmd":"configure","invite_code":"STRIDE7","offer_fanout":3,"offer_timeout_s":20,"claim_window_s":60,"max_active_chats":3,"reporting_timezone":"Europe/Amsterdam"})",
    R"({"cmd":"add_store","store":"ams-centrum","name":"AMS Centrum","public_name":"Amsterdam","address":"Kalverstraat 92","timezone":"Europe/Amsterdam","lat":52.3702,"lon":4.891,"departments":["shoes","bags"],"hours":{"mon":["10:00-18:00"],"sun":["12:00-17:00"]},"exceptions":{"2026-05-25":["12:00-17:00"]}})",
    R"({"at":"2026-06-01T07:00:00Z","cmd":"update_store","store":"ams-centrum","name":"AMS Centrum 2"})",
    R"({"at":"2026-06-01T07:00:00Z","cmd":"deactivate_store","store":"ams-centrum"})",
    R"({"at":"2026-06-01T07:00:00Z","cmd":"register_expert","expert":"pat","email":"Pat@Shop.example","invite_code":"TULIP26","name":"Pat Jansen","employee_id":"NL-7"})",
    R"({"at":"2026-06-12T05:00:00Z","cmd":"approve_expert","expert":"anna","store":"ams-kalverstraat","team":"seniors","departments":["shoes","kids"]})",
    R"({"at":"2026-06-02T08:17:00Z","cmd":"deactivate_expert","expert":"lisa"})",
    R"({"at":"2026-06-02T08:17:00Z","cmd":"reactivate_expert","expert":"lisa"})",
    R"({"at":"2026-06-02T08:18:00Z","cmd":"anonymize_expert","expert":"lisa"})",
    R"({"at":"2026-06-12T08:02:00Z","cmd":"go_available","expert":"bram"})",
    R"({"at":"2026-06-12T11:07:00Z","cmd":"go_unavailable","expert":"daan"})",
    R"({"at":"2026-06-12T08:54:57Z","cmd":"request_chat","shopper":"shopper-020-with-a-long-id","chat":"chat-shopper-020-with-a-long-id","lat":52.1094,"lon":-0.0,"country":"NL","city":"Utrecht","postal_code":"3511","ip":"192.0.2.1","department":"kids","page_url":"https://shop.example/p/1"})",
    R"({"at":1781254497000,"cmd":"request_chat","shopper":"s2"})",
    R"({"at":"2026-06-12T08:47:51Z","cmd":"claim","expert":"bram","chat":"chat-shopper-327"})",
    R"({"at":"2026-06-12T08:22:12Z","cmd":"decline","expert":"bram","chat":"chat-shopper-095"})",
    R"({"at":"2026-06-12T08:22:12Z","cmd":"decline_and_go_unavailable","expert":"bram","chat":"c9"})",
    R"({"at":"2026-06-12T08:01:33Z","cmd":"leave_message","chat":"chat-shopper-241","text":"Do you have this in size 39?","channel":"sms","address":"+31614871188"})",
    R"({"at":"2026-06-12T08:47:33Z","cmd":"take_left_message","expert":"finn","chat":"chat-shopper-241"})",
    R"({"at":"2026-05-14T08:11:00Z","cmd":"send_message","chat":"c1","from":"expert","kind":"product_card"})",
    R"({"at":"2026-05-14T08:11:00Z","cmd":"send_message","chat":"c1","from":"shopper"})",
    R"({"at":"2026-05-14T08:50:00Z","cmd":"shopper_online","shopper":"chloé"})",
    R"({"at":"2026-06-01T08:10:06Z","cmd":"shopper_offline","shopper":"zoe"})",
    R"({"at":"2026-06-12T08:52:10Z","cmd":"finish_chat","expert":"jonas","chat":"chat-shopper-300"})",
    R"({"at":"2026-06-12T08:52:45Z","cmd":"rate_chat","shopper":"shopper-241","chat":"chat-shopper-241","stars":5})",
    R"({"at":"2026-06-12T09:46:11Z","cmd":"transfer","expert":"hanna","chat":"chat-shopper-234","to":"gijs","note":"customer asks about stock in another store"})",
    R"({"at":"2026-06-12T09:46:19Z","cmd":"accept_transfer","expert":"gijs","chat":"chat-shopper-234"})",
    R"({"at":"2026-06-12T09:48:36Z","cmd":"decline_transfer","expert":"bram","chat":"chat-shopper-102"})",
    R"({"at":"2026-06-12T10:18:08Z","cmd":"block_shopper","expert":"jonas","chat":"chat-troll-1"})",
    R"({"at":"2026-10-02T17:50:00Z","cmd":"unblock_shopper","shopper":"troll-42"})",
    R"({"at":"2026-10-02T17:06:00Z","cmd":"start_video","expert":"kai","chat":"c1"})",
    R"({"at":"2026-10-02T17:06:50Z","cmd":"end_video","expert":"kai","chat":"c1"})",
    R"({"at":"2026-05-14T11:40:00Z","cmd":"record_purchase","order":"NL-10001","shopper":"anouk","subtotal":"89.95","currency":"EUR","items":[ {"id":"SNK-204-42", "quantity":1} ]})",
    R"({"at":"2026-05-14T11:40:00Z","cmd":"record_purchase","order":"NL-10002","shopper":"anouk","subtotal":8995,"currency":"EUR"})",
    R"({"at":"2026-06-12T05:00:00Z","cmd":"subscribe_digest","manager":"hq","email":"hq@stride.example"})",
    R"({"at":"2026-06-12T05:00:00Z","cmd":"unsubscribe_digest","manager":"hq"})",
    R"({"at":"2026-06-01T08:11:15Z","cmd":"deactivate_merchant"})",
    R"({"at":"2026-05-14T08:12:00Z","cmd":"send_appointment","expert":"lisa","chat":"c1","title":"Fit","start":"2026-05-20T14:30","duration_min":30,"location":"Hall 2"})",
    R"({"at":"2026-06-01T08:11:16Z","cmd":"invite_contact","expert":"lisa","chat":"c1","channel":"sms","address":"+31612345678"})",
    R"({"at":"2026-06-01T08:14:00Z","cmd":"accept_contact","shopper":"zoe","chat":"c1"})",
    R"({"at":"2026-06-01T08:02:00Z","cmd":"shopper_event","shopper":"s1","event":{"type":"ecommerce:detail", "products":[]}})",
    R"({"at":"2026-06-18T18:00:00Z","cmd":"advance"})",
    // refused: each names its field
    R"({"at":"2026-06-18T18:00:00Z","cmd":"advance","why":"x"})",
    R"({"at":"2026-06-18T09:50:00Z","cmd":"fly"})",
    R"({"at":"2026-06-12T08:47:51Z","cmd":"claim","expert":"bram"})",
    R"({"at":"2026-06-12T08:47:51Z","cmd":"claim","expert":"","chat":"c1"})",
    R"({"at":"2026-06-12T08:54:57Z","cmd":"request_chat","shopper":"s","city":7})",
    R"({"at":"2026-06-12T08:54:57Z","cmd":"request_chat","shopper":"s","department":"kids","lat":"north"})",
    R"({"at":"2026-05-14T11:40:00Z","cmd":"record_purchase","order":"o","shopper":"s","subtotal":true,"currency":"EUR"})",
    R"({"at":"2026-06-12T08:47:51Z","at":"2026-06-12T08:47:52Z","cmd":"claim","expert":"b","chat":"c"})",
    R"([1,2])",
    R"({"cmd":)",
};

// What a read gives: the canonical line, or the error.
std::string outcome(const absl::Status& status, const vshop::Command& command) {
  if (!status.ok()) return "error: " + std::string(status.message());
  vshop::Command written = command;
  if (!written.at) written.at = vshop::Instant{};
  return vshop::command_to_json(written);
}

}  // namespace

TEST_CASE("replay: a reused Command reads each line as a fresh one, whatever came before") {
  std::vector<std::string> fresh;
  for (const std::string& line : kLines) {
    vshop::Command c;
    fresh.push_back(outcome(vshop::parse_command_into(line, c), c));
  }
  // Every ordered pair (a line after another) into the same reused Command.
  vshop::Command reused;
  for (std::size_t before = 0; before < kLines.size(); ++before) {
    for (std::size_t i = 0; i < kLines.size(); ++i) {
      (void)vshop::parse_command_into(kLines[before], reused);
      const absl::Status status = vshop::parse_command_into(kLines[i], reused);
      CAPTURE(kLines[before]);
      CAPTURE(kLines[i]);
      CHECK(outcome(status, reused) == fresh[i]);
    }
  }
  // The public reader agrees too.
  for (std::size_t i = 0; i < kLines.size(); ++i) {
    const auto parsed = vshop::parse_command(kLines[i]);
    CHECK(outcome(parsed.status(), parsed.ok() ? *parsed : vshop::Command{}) == fresh[i]);
  }
}

TEST_CASE("replay: reset_command gives the default command, the strings keep their capacity") {
  vshop::Command c;
  REQUIRE(vshop::parse_command_into(kLines[11], c).ok());  // request_chat with every field
  const std::size_t capacity = c.chat.capacity();
  vshop::reset_command(c);
  CHECK(c.chat.empty());
  CHECK(c.chat.capacity() == capacity);
  CHECK_FALSE(c.at.has_value());
  CHECK_FALSE(c.city.has_value());
  CHECK_FALSE(c.lat.has_value());
  CHECK(c.kind == vshop::CommandKind::kAdvance);
  CHECK(vshop::command_to_json(c) == vshop::command_to_json(vshop::Command{}));
}

TEST_CASE("replay: apply_json after a refused line applies the next line unchanged (R-ERR-1)") {
  vshop::Engine a;
  vshop::Engine b;
  const std::string setup = kLines[0];
  REQUIRE(a.apply_json(setup).ok());
  REQUIRE(b.apply_json(setup).ok());
  // `a` reads a long, refused request first; `b` does not: both then accept the same line.
  CHECK_FALSE(a.apply_json(kLines[46]).ok());
  const std::string advance = R"({"at":"2026-06-18T18:00:00Z","cmd":"advance"})";
  REQUIRE(a.apply_json(advance).ok());
  REQUIRE(b.apply_json(advance).ok());
  CHECK(a.drain_journal().back() == b.drain_journal().back());
  CHECK(a.snapshot() == b.snapshot());
}

TEST_CASE("replay: drain_journal into a reused vector gives the lines drain_journal returns") {
  vshop::Engine a;
  vshop::Engine b;
  std::vector<std::string> reused = {"stale line"};
  for (std::size_t i = 0; i < 2; ++i) {  // configure, add_store
    REQUIRE(a.apply_json(kLines[i]).ok());
    REQUIRE(b.apply_json(kLines[i]).ok());
    a.drain_journal(reused);
    const std::vector<std::string> fresh = b.drain_journal();
    CHECK(reused == fresh);
    CHECK(reused.size() == 1);
  }
  a.drain_journal(reused);
  CHECK(reused.empty());
}

TEST_CASE("replay: append_effect_json appends effect_to_json's text") {
  vshop::Engine engine;
  REQUIRE(engine.apply_json(kLines[0]).ok());
  // No expert: the request is missed at once (an effect with a chat, a reason and an instant).
  REQUIRE(engine.apply_json(kLines[11]).ok());
  const std::vector<vshop::Effect> effects = engine.drain_effects();
  REQUIRE_FALSE(effects.empty());
  std::string appended = "prefix\n";
  std::string joined = "prefix\n";
  for (const vshop::Effect& e : effects) {
    vshop::append_effect_json(appended, e);
    joined += vshop::effect_to_json(e);
  }
  CHECK(appended == joined);
}
