// A host of the vshop engine in one file: a store, an expert, a shopper's chat from request to
// claim, a purchase attributed to the expert who helped, and the day's metrics. The host owns the
// clock (every call takes the time) and carries out the effects the engine returns.
#include <cstdlib>
#include <iostream>
#include <string_view>

#include "vshop/vshop.hpp"

namespace {

// The example stops at the first rejected command; a real host would answer its caller.
void check(const absl::Status& status) {
  if (!status.ok()) {
    std::cerr << "rejected: " << status << '\n';
    std::exit(1);
  }
}

vshop::Instant at(std::string_view rfc3339) { return vshop::parse_instant(rfc3339).value(); }

// Effects are plain values; here each is printed in its canonical JSON Lines form.
void print_effects(vshop::Engine& engine) {
  for (const vshop::Effect& effect : engine.drain_effects()) {
    std::cout << vshop::effect_to_json(effect) << '\n';
  }
}

}  // namespace

int main() {
  vshop::Engine engine;

  // Settings, stores and experts arrive as JSON Lines commands, the form a host journals.
  check(engine.apply_json(R"({"cmd":"configure","invite_code":"TULIP26"})"));
  check(engine.apply_json(
      R"({"cmd":"add_store","store":"ams","name":"Amsterdam Centrum","timezone":"Europe/Amsterdam",)"
      R"("lat":52.3702,"lon":4.891,"osm_hours":"Mo-Sa 10:00-18:00"})"));
  check(engine.apply_json(
      R"({"at":"2026-05-14T07:30:00Z","cmd":"register_expert","expert":"omar",)"
      R"("email":"omar@shop.example","invite_code":"TULIP26","name":"Omar Haddad"})"));
  check(engine.apply_json(
      R"({"at":"2026-05-14T07:40:00Z","cmd":"approve_expert","expert":"omar","store":"ams"})"));

  // The common commands have typed calls. A chat: request, offer, claim, messages, finish.
  check(engine.go_available(at("2026-05-14T08:00:00Z"), "omar"));
  absl::StatusOr<std::string> chat = engine.request_chat(at("2026-05-14T08:10:00Z"), "anouk");
  check(chat.status());
  check(engine.claim(at("2026-05-14T08:10:06Z"), "omar", *chat));
  check(engine.send_message(at("2026-05-14T08:10:20Z"), *chat, vshop::MessageSender::kShopper));
  check(engine.send_message(at("2026-05-14T08:11:00Z"), *chat, vshop::MessageSender::kExpert));
  check(engine.finish_chat(at("2026-05-14T08:25:00Z"), "omar", *chat));

  // The shop reports the order; within the attribution window it is credited to the expert.
  check(engine.apply_json(
      R"({"at":"2026-05-14T11:40:00Z","cmd":"record_purchase","order":"NL-10001",)"
      R"("shopper":"anouk","subtotal":"89.95","currency":"EUR"})"));
  print_effects(engine);

  // A rejected command changes nothing and says why, with a stable code.
  absl::Status rejected = engine.claim(at("2026-05-14T11:41:00Z"), "omar", "c9");
  std::cout << "error " << vshop::error_code_name(vshop::error_code_of(rejected)) << ": "
            << rejected.message() << '\n';

  // The expert's figures for the day.
  absl::StatusOr<vshop::analytics::Metrics> day = engine.metrics(
      vshop::MetricsScope::expert("omar"), at("2026-05-14T00:00:00Z"), at("2026-05-15T00:00:00Z"));
  check(day.status());
  std::cout << "omar: " << day->claimed << " of " << day->initiated << " chats claimed, "
            << day->orders << " order(s)";
  for (const vshop::analytics::CurrencyMetrics& currency : day->currencies) {
    std::cout << ", " << currency.gross() << ' ' << currency.code;
  }
  std::cout << '\n';
  return 0;
}
