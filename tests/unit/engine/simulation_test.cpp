// Seeded simulation (in the spirit of TigerBeetle's VOPR): random valid and invalid commands
// against a small chain, time jumping to next_deadline(), with the invariants of the issue
// checked after every step. Streams x steps default to 1000 x 500 (100 x 500 under
// AddressSanitizer, which is ~10x slower); VSHOP_SIM_STREAMS / VSHOP_SIM_STEPS override them and
// VSHOP_SIM_SEED replays one stream: a failure prints its seed.
#include <doctest/doctest.h>

#include <cstdlib>
#include <map>
#include <random>
#include <set>

#include "harness.hpp"

using namespace vshop;

namespace {

long env_or(const char* name, long fallback) {
  const char* v = std::getenv(name);
  return v ? std::strtol(v, nullptr, 10) : fallback;
}

constexpr std::int64_t kStart = 1778745600000;  // 2026-05-14T08:00:00Z
const char* const kExperts[] = {"e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7"};
constexpr int kShoppers = 12;
constexpr int kMaxActive = 2;
constexpr int kMissedLimit = 2;
constexpr int kDeclineLimit = 3;

struct ChatModel {
  std::string shopper;
  std::int64_t requested_ms = 0;
  std::int64_t window_ms = 0;
  bool silent = false;
  bool claimed = false;
  std::set<std::string> expired;  // experts whose offer of this chat timed out
};

struct Sim {
  explicit Sim(std::uint64_t seed) : rng(seed), seed(seed) {}

  std::mt19937_64 rng;
  std::uint64_t seed;
  Engine engine;
  std::int64_t now = kStart;
  std::int64_t claim_window_ms = 90'000;
  std::map<std::string, ChatModel> chats;                              // every chat ever opened
  std::map<std::pair<std::string, std::string>, std::int64_t> offers;  // (chat, expert) -> deadline
  std::set<std::string> blocked;
  std::map<std::string, int> missed, declined;
  std::vector<std::string> lines;  // every command fed, for the replay checks
  int next_chat = 1;
  std::string failure;
  std::map<std::string, long>* stats = nullptr;  // effect and error counts, for coverage
  // R-ATTR-1 model: each shopper's latest contact (expert, chat, instant), from the effects
  // (claim, take, accepted transfer, finish; not a block, R-PIN-5) and the accepted messages.
  struct Contact {
    std::string expert, chat;
    std::int64_t at_ms = 0;
  };
  std::map<std::string, Contact> contacts;
  std::int64_t attribution_window_ms = 86'400'000;
  // R-METRIC-1 cross-check: what the merchant-wide metrics must count.
  long claimed_count = 0, missed_count = 0, attributed_count = 0, unattributed_count = 0;

  int pick(int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); }
  bool chance(int percent) { return pick(100) < percent; }
  std::string at() { return R"({"at":)" + std::to_string(now) + ","; }
  std::string expert() { return kExperts[pick(8)]; }
  std::string shopper() { return "s" + std::to_string(pick(kShoppers)); }

  std::vector<std::string> order;  // chat ids in creation order

  // Mostly one of the latest chats (likely still open), sometimes any, rarely an unknown id.
  std::string some_chat() {
    if (order.empty() || chance(4)) return "nochat";
    const int n = static_cast<int>(order.size());
    if (chance(85)) return order[static_cast<std::size_t>(n - 1 - pick(std::min(n, 10)))];
    return order[static_cast<std::size_t>(pick(n))];
  }
  // A chat with a pending offer and one of its experts, most of the time.
  std::pair<std::string, std::string> offered() {
    if (offers.empty() || chance(15)) return {some_chat(), expert()};
    auto it = offers.begin();
    std::advance(it, pick(static_cast<int>(offers.size())));
    return it->first;
  }
  std::string active_expert_of(const std::string& chat) {
    auto v = engine.chat(chat);
    return v && !v->expert.empty() && !chance(10) ? v->expert : expert();
  }

  void fail(const std::string& what) {
    if (failure.empty()) failure = what;
  }

  std::string setup_line(int i) {
    static const char* kHours =
        R"("hours":{"mon":["07:00-19:00"],"tue":["07:00-19:00"],"wed":["07:00-19:00"],)"
        R"("thu":["07:00-19:00"],"fri":["07:00-19:00"],"sat":["07:00-19:00"],"sun":["10:00-16:00"]})";
    switch (i) {
      case 0:
        return fmt::format(
            R"({{"cmd":"configure","invite_code":"SIM0001","max_active_chats":{},)"
            R"("missed_streak_limit":{},"decline_streak_limit":{},"offer_fanout":2}})",
            kMaxActive, kMissedLimit, kDeclineLimit);
      case 1:
        return fmt::format(
            R"({{"cmd":"add_store","store":"ams","timezone":"Europe/Amsterdam","lat":52.37,"lon":4.89,"departments":["shoes"],{}}})",
            kHours);
      case 2:
        return fmt::format(
            R"({{"cmd":"add_store","store":"lis","timezone":"Europe/Lisbon","lat":38.72,"lon":-9.14,"departments":["bags"],{}}})",
            kHours);
      case 3:
        return R"({"cmd":"add_store","store":"web","timezone":"UTC","hours":{"mon":["00:00-24:00"],"tue":["00:00-24:00"],"wed":["00:00-24:00"],"thu":["00:00-24:00"],"fri":["00:00-24:00"],"sat":["00:00-24:00"],"sun":["00:00-24:00"]}})";
      default:
        break;
    }
    return "";
  }

  std::string random_line() {
    int r = pick(100);
    for (const char* e : kExperts) {
      if (!engine.expert(e)->pending_transfer.empty() && chance(20)) r = 80;  // answer it
    }
    if (r < 12) {
      std::string id = "k" + std::to_string(next_chat);
      std::string extra;
      if (chance(60)) extra += fmt::format(R"(,"lat":{},"lon":{})", 35 + pick(25), -10 + pick(20));
      if (chance(15)) extra += chance(50) ? R"(,"department":"shoes")" : R"(,"department":"toys")";
      if (chance(3)) extra = R"(,"lat":95,"lon":0)";
      return at() + R"("cmd":"request_chat","shopper":")" + shopper() + R"(","chat":")" + id +
             "\"" + extra + "}";
    }
    if (r < 30) {
      auto [c, e] = offered();
      return at() + R"("cmd":"claim","expert":")" + e + R"(","chat":")" + c + R"("})";
    }
    if (r < 36) {
      auto [c, e] = offered();
      return at() + (chance(70) ? R"("cmd":"decline")" : R"("cmd":"decline_and_go_unavailable")") +
             R"(,"expert":")" + e + R"(","chat":")" + c + R"("})";
    }
    if (r < 44) return at() + R"("cmd":"go_available","expert":")" + expert() + R"("})";
    if (r < 47) return at() + R"("cmd":"go_unavailable","expert":")" + expert() + R"("})";
    if (r < 51) {
      return at() + R"("cmd":"leave_message","chat":")" + some_chat() +
             R"(","text":"hello","channel":")" + (chance(90) ? "email" : "fax") +
             R"(","address":"x@y.example"})";
    }
    if (r < 55)
      return at() + R"("cmd":"take_left_message","expert":")" + expert() + R"(","chat":")" +
             some_chat() + R"("})";
    if (r < 64) {
      return at() + R"("cmd":"send_message","chat":")" + some_chat() + R"(","from":")" +
             (chance(50) ? "expert" : "shopper") + R"("})";
    }
    if (r < 67)
      return at() + (chance(50) ? R"("cmd":"shopper_online")" : R"("cmd":"shopper_offline")") +
             R"(,"shopper":")" + shopper() + R"("})";
    if (r < 74) {
      const std::string c = some_chat();
      return at() + R"("cmd":"finish_chat","expert":")" + active_expert_of(c) + R"(","chat":")" +
             c + R"("})";
    }
    if (r < 76) {
      const std::string c = some_chat();
      const auto it = chats.find(c);
      return at() + R"("cmd":"rate_chat","shopper":")" +
             (it != chats.end() ? it->second.shopper : shopper()) + R"(","chat":")" + c +
             R"(","stars":)" + std::to_string(pick(7)) + "}";
    }
    if (r < 80) {
      const std::string c = some_chat();
      return at() + R"("cmd":"transfer","expert":")" + active_expert_of(c) + R"(","chat":")" + c +
             R"(","to":")" + expert() + R"(","note":")" + (chance(90) ? "n" : "") + R"("})";
    }
    if (r < 84) {
      // Mostly the target of a pending transfer answers it.
      std::string c = some_chat(), target = expert();
      for (const char* e : kExperts) {
        if (const auto v = engine.expert(e); !v->pending_transfer.empty() && chance(85)) {
          c = v->pending_transfer;
          target = e;
        }
      }
      return at() + (chance(60) ? R"("cmd":"accept_transfer")" : R"("cmd":"decline_transfer")") +
             R"(,"expert":")" + target + R"(","chat":")" + c + R"("})";
    }
    if (r < 86) {
      const std::string c = some_chat();
      return at() + R"("cmd":"block_shopper","expert":")" + active_expert_of(c) + R"(","chat":")" +
             c + R"("})";
    }
    if (r < 88) return at() + R"("cmd":"unblock_shopper","shopper":")" + shopper() + R"("})";
    if (r < 91) {
      const std::string c = some_chat();
      return at() + (chance(50) ? R"("cmd":"start_video")" : R"("cmd":"end_video")") +
             R"(,"expert":")" + active_expert_of(c) + R"(","chat":")" + c + R"("})";
    }
    if (r < 94) {
      return at() + R"("cmd":"record_purchase","order":"o)" + std::to_string(pick(40)) +
             R"(","shopper":")" + shopper() + R"(","subtotal":)" +
             (chance(70)   ? R"("12.50","currency":"EUR"})"
              : chance(50) ? R"(1500,"currency":"JPY"})"
              : chance(70) ? R"("1.234","currency":"KWD"})"
                           : R"("1.234","currency":"EUR"})");  // too many decimals: rejected
    }
    if (r < 96) {
      return at() +
             fmt::format(
                 R"("cmd":"configure","offer_fanout":{},"offer_timeout_s":{},"claim_window_s":{},"attribution_window_days":{}}})",
                 1 + pick(3), 5 + pick(40), 10 + pick(120), 1 + pick(2));
    }
    if (r < 97)
      return at() + (chance(50) ? R"("cmd":"deactivate_expert")" : R"("cmd":"reactivate_expert")") +
             R"(,"expert":")" + expert() + R"("})";
    if (r < 98) return R"({"cmd":"claim","expert":)" + std::to_string(pick(3)) + "}";  // malformed
    return std::to_string(now - 1 - pick(1000)).insert(0, R"({"cmd":"advance","at":)") +
           "}";  // earlier
  }

  // Moves time: mostly small steps, often straight to the next deadline, sometimes hours.
  void move_time() {
    const int r = pick(100);
    if (r < 20) {
      if (auto d = engine.next_deadline(); d && to_epoch_ms(*d) - now < 6 * 3'600'000) {
        now = to_epoch_ms(*d);
      }
    } else if (r < 99) {
      now += pick(6'000);
    } else {
      now += 3'600'000 * (1 + pick(14));
    }
  }

  void contact(const std::string& chat, const std::string& expert, std::int64_t at_ms) {
    contacts[chats[chat].shopper] = Contact{expert, chat, at_ms};
  }

  // R-ATTR-1: the sale goes to the latest contact of that shopper id, if within the window.
  void check_sale(const Effect& e, std::int64_t at_ms) {
    const auto it = contacts.find(e.shopper);
    const bool in_window =
        it != contacts.end() && at_ms - it->second.at_ms <= attribution_window_ms;
    if (e.kind == EffectKind::kSaleAttributed) {
      ++attributed_count;
      if (!in_window) return fail("sale attributed without a contact in the window: " + e.order);
      if (e.expert != it->second.expert || e.chat != it->second.chat) {
        return fail("sale " + e.order + " attributed to " + e.expert + "/" + e.chat +
                    ", latest contact " + it->second.expert + "/" + it->second.chat);
      }
    } else {
      ++unattributed_count;
      if (in_window) return fail("sale unattributed despite a contact in the window: " + e.order);
      const UnattributedReason want = it == contacts.end() ? UnattributedReason::kNoContact
                                                           : UnattributedReason::kOutsideWindow;
      if (e.reason != want)
        return fail("sale " + e.order + " unattributed with reason " +
                    std::string(e.reason.name()));
    }
  }

  void observe(const Effect& e) {
    if (stats) {
      ++(*stats)[std::string(effect_name(e.kind))];
      if (!e.reason.empty())
        ++(*stats)[std::string(effect_name(e.kind)) + ":" + std::string(e.reason.name())];
    }
    const std::int64_t at_ms = to_epoch_ms(e.at);
    switch (e.kind) {
      case EffectKind::kChatOffered: {
        const auto it = chats.find(e.chat);
        if (it == chats.end()) return fail("offer of an unknown chat " + e.chat);
        if (blocked.count(it->second.shopper))
          return fail("blocked shopper's chat offered: " + e.chat);
        for (const auto& x : e.experts) {
          for (const auto& [key, deadline] : offers) {
            if (key.second == x) return fail("second pending offer for " + x);
          }
          offers[{e.chat, x}] = to_epoch_ms(*e.deadline);
        }
        break;
      }
      case EffectKind::kOfferWithdrawn:
      case EffectKind::kChatClaimed: {
        const auto key = std::make_pair(e.chat, e.expert);
        const auto it = offers.find(key);
        if (it == offers.end())
          return fail("resolution of an offer that is not pending: " + e.chat + "/" + e.expert);
        if (at_ms > it->second) return fail("offer resolved after its deadline: " + e.chat);
        offers.erase(it);
        if (e.kind == EffectKind::kChatClaimed) {
          ++claimed_count;
          contact(e.chat, e.expert, at_ms);
          if (chats[e.chat].claimed) return fail("chat claimed twice: " + e.chat);
          chats[e.chat].claimed = true;
          missed[e.expert] = declined[e.expert] = 0;
        } else if (e.reason == WithdrawReason::kDeclined) {
          ++declined[e.expert];
          missed[e.expert] = 0;
        }
        break;
      }
      case EffectKind::kChatTaken:
        contact(e.chat, e.expert, at_ms);
        if (chats[e.chat].claimed) return fail("chat taken after a claim: " + e.chat);
        chats[e.chat].claimed = true;
        break;
      case EffectKind::kOfferExpired:
        for (const auto& x : e.experts) {
          const auto it = offers.find({e.chat, x});
          if (it == offers.end()) return fail("expiry of an offer that is not pending");
          if (it->second != at_ms)
            return fail("offer expired at another instant than its deadline");
          offers.erase(it);
          chats[e.chat].expired.insert(x);
        }
        break;
      case EffectKind::kChatMissed:
        ++missed_count;
        for (const auto& [key, d] : offers) {
          if (key.first == e.chat) return fail("chat missed with an offer pending: " + e.chat);
        }
        for (const auto& x : chats[e.chat].expired) ++missed[x];
        if (e.reason == MissReason::kClaimWindow &&
            at_ms != chats[e.chat].requested_ms + chats[e.chat].window_ms) {
          return fail("claim_window miss at the wrong instant: " + e.chat);
        }
        break;
      case EffectKind::kExpertAvailable:
        missed[e.expert] = declined[e.expert] = 0;
        break;
      case EffectKind::kShopperBlocked:
        blocked.insert(e.shopper);  // not a contact for attribution (R-PIN-5)
        break;
      case EffectKind::kChatFinished:
        contact(e.chat, e.expert, at_ms);
        break;
      case EffectKind::kTransferCompleted:
        contact(e.chat, e.to, at_ms);
        break;
      case EffectKind::kSaleAttributed:
      case EffectKind::kSaleUnattributed:
        check_sale(e, at_ms);
        break;
      default:
        break;
    }
  }

  void check_invariants() {
    // The engine's own check of every cross-reference, index and count.
    if (const absl::Status s = engine.check_invariants(); !s.ok()) {
      return fail("check_invariants: " + std::string(s.message()));
    }
    // The engine's time: a malformed or out-of-order line does not move the clock.
    const std::int64_t now = to_epoch_ms(engine.now());
    std::map<std::string, int> open_per_shopper;
    for (const auto& [id, model] : chats) {
      const auto v = engine.chat(id);
      if (!v) return fail("chat vanished: " + id);
      const bool open = v->state == ChatState::kRequested || v->state == ChatState::kActive ||
                        v->state == ChatState::kLeftMessage;
      if (open && ++open_per_shopper[v->shopper] > 1)
        return fail("two open chats for " + v->shopper);
      if (v->state == ChatState::kRequested && !model.silent &&
          now >= model.requested_ms + model.window_ms) {
        return fail("chat still requested after its claim window: " + id);
      }
      if (v->state == ChatState::kRequested && model.silent && !v->pending_offers.empty()) {
        return fail("silent chat with offers: " + id);
      }
    }
    for (const auto& [key, deadline] : offers) {
      if (deadline < now)
        return fail("offer unresolved past its deadline: " + key.first + "/" + key.second);
    }
    for (const char* e : kExperts) {
      const auto v = engine.expert(e);
      if (v->active_chats > kMaxActive) return fail(std::string("over capacity: ") + e);
      if (static_cast<int>(engine.open_chats(e).size()) != v->active_chats)
        return fail("open chat count");
      if (v->missed_streak != missed[e]) {
        return fail(
            fmt::format("missed streak of {}: engine {} model {}", e, v->missed_streak, missed[e]));
      }
      if (v->decline_streak != declined[e]) {
        return fail(fmt::format("decline streak of {}: engine {} model {}", e, v->decline_streak,
                                declined[e]));
      }
      if (v->available &&
          (v->missed_streak >= kMissedLimit || v->decline_streak >= kDeclineLimit)) {
        return fail(std::string("available past a streak limit: ") + e);
      }
    }
  }

  // Feeds one line; a rejected command must leave the snapshot unchanged.
  void feed(const std::string& line) {
    auto parsed = parse_command(line);
    if (parsed.ok() && parsed->at && *parsed->at >= engine.now()) {
      // Time passes first (R-TIME-3), so compare from there.
      lines.push_back(fmt::format(R"({{"at":{},"cmd":"advance"}})", to_epoch_ms(*parsed->at)));
      (void)engine.advance(*parsed->at);
      for (const Effect& e : engine.drain_effects()) observe(e);
    }
    const std::string before = engine.snapshot();
    const auto open_before = parsed.ok() && parsed->kind == CommandKind::kRequestChat
                                 ? engine.chat(parsed->chat)
                                 : std::nullopt;
    const absl::Status s = engine.apply_json(line);
    lines.push_back(line);
    if (std::getenv("VSHOP_SIM_TRACE")) {
      MESSAGE(line << " -> " << error_code_name(error_code_of(s)));
    }
    if (stats && parsed.ok()) {
      ++(*stats)[fmt::format("cmd:{}:{}", command_name(parsed->kind),
                             error_code_name(error_code_of(s)))];
    }
    if (!s.ok()) {
      if (stats) ++(*stats)["error:" + std::string(error_code_name(error_code_of(s)))];
      if (engine.snapshot() != before) fail("rejected command changed the state: " + line);
      if (!engine.drain_effects().empty()) fail("rejected command emitted effects: " + line);
      return;
    }
    if (parsed->kind == CommandKind::kRequestChat && !open_before && engine.chat(parsed->chat)) {
      ChatModel m;
      m.shopper = parsed->shopper;
      m.requested_ms = now;
      m.window_ms = claim_window_ms;
      m.silent = blocked.count(parsed->shopper) > 0;
      chats.emplace(parsed->chat, m);
      order.push_back(parsed->chat);
      ++next_chat;
    }
    if (parsed->kind == CommandKind::kConfigure && parsed->settings.claim_window_s) {
      claim_window_ms = *parsed->settings.claim_window_s * 1000;
    }
    if (parsed->kind == CommandKind::kUnblockShopper) blocked.erase(parsed->shopper);
    if (parsed->kind == CommandKind::kConfigure && parsed->settings.attribution_window_days) {
      attribution_window_ms = *parsed->settings.attribution_window_days * 86'400'000;
    }
    if (parsed->kind == CommandKind::kSendMessage) {
      // An accepted message on an active chat is a contact (R-ATTR-1) at the command's time.
      if (const auto v = engine.chat(parsed->chat); v && v->state == ChatState::kActive) {
        contact(parsed->chat, v->expert, to_epoch_ms(engine.now()));
      }
    }
    for (const Effect& e : engine.drain_effects()) observe(e);
  }

  // R-METRIC-1: the merchant-wide metrics over the whole run count what the effects showed.
  void check_metrics() {
    const auto m = engine.metrics(MetricsScope::merchant(), from_epoch_ms(kStart - 86'400'000),
                                  from_epoch_ms(to_epoch_ms(engine.now()) + 86'400'000));
    if (!m.ok()) return fail("metrics query failed: " + std::string(m.status().message()));
    long initiated = 0;
    for (const auto& [id, model] : chats) initiated += model.silent ? 0 : 1;
    const auto same = [&](const char* what, std::uint64_t got, long want) {
      if (got != static_cast<std::uint64_t>(want)) {
        fail(fmt::format("metrics {}: {} but the effects show {}", what, got, want));
      }
    };
    same("initiated", m->initiated, initiated);
    same("claimed", m->claimed, claimed_count);
    same("missed", m->missed, missed_count);
    same("orders", m->orders, attributed_count);
    same("unattributed_orders", m->unattributed_orders, unattributed_count);
  }

  void setup() {
    for (int i = 0; i < 4; ++i) feed(setup_line(i));
    for (int i = 0; i < 8; ++i) {
      feed(fmt::format(
          R"({{"at":{},"cmd":"register_expert","expert":"{}","email":"{}@x.example","invite_code":"sim0001","name":"N"}})",
          kStart, kExperts[i], kExperts[i]));
    }
    for (int i = 0; i < 8; ++i) {
      const char* store = i < 3 ? "ams" : i < 6 ? "lis" : "web";
      const char* dept = i == 2 ? R"(,"departments":["toys"])" : "";
      feed(fmt::format(R"({{"at":{},"cmd":"approve_expert","expert":"{}","store":"{}"{}}})", kStart,
                       kExperts[i], store, dept));
      feed(fmt::format(R"({{"at":{},"cmd":"go_available","expert":"{}"}})", kStart, kExperts[i]));
    }
  }
};

}  // namespace

TEST_CASE("Seeded simulation: invariants hold after every step of random command streams") {
#if defined(__SANITIZE_ADDRESS__)
  constexpr long kDefaultStreams = 100;
#else
  constexpr long kDefaultStreams = 1000;
#endif
  const long streams = env_or("VSHOP_SIM_STREAMS", kDefaultStreams);
  const long steps = env_or("VSHOP_SIM_STEPS", 500);
  const long only = env_or("VSHOP_SIM_SEED", -1);
  long failures = 0;
  std::map<std::string, long> stats;
  for (long stream = 0; stream < streams && failures == 0; ++stream) {
    const std::uint64_t seed = only >= 0 ? static_cast<std::uint64_t>(only) : 0x5EED0000u + stream;
    Sim sim(seed);
    sim.stats = &stats;
    sim.setup();
    std::string mid_snapshot;
    std::size_t mid_line = 0;
    for (long step = 0; step < steps && sim.failure.empty(); ++step) {
      sim.move_time();
      const std::string line = sim.random_line();
      sim.feed(line);
      sim.check_invariants();
      if (!sim.failure.empty()) sim.failure += fmt::format(" (step {}, line {})", step, line);
      if (stream % 16 == 0 && step == steps / 2) {
        mid_snapshot = sim.engine.snapshot();
        mid_line = sim.lines.size();
      }
    }
    if (sim.failure.empty()) sim.check_metrics();
    if (sim.failure.empty()) {
      // Replay: the journal into a fresh engine gives the same snapshot; so does a snapshot
      // taken in the middle plus the rest of the commands.
      Engine replayed;
      for (const auto& j : sim.engine.drain_journal()) {
        if (!replayed.apply_json(j).ok()) sim.fail("journal line rejected on replay: " + j);
      }
      if (replayed.snapshot() != sim.engine.snapshot()) sim.fail("replayed snapshot differs");
      if (!mid_snapshot.empty()) {
        auto resumed = Engine::restore(mid_snapshot);
        if (!resumed.ok()) {
          sim.fail("restore failed: " + std::string(resumed.status().message()));
        } else {
          for (std::size_t i = mid_line; i < sim.lines.size(); ++i)
            (void)resumed->apply_json(sim.lines[i]);
          if (resumed->snapshot() != sim.engine.snapshot()) sim.fail("restore + rest differs");
        }
      }
    }
    if (!sim.failure.empty()) {
      ++failures;
      FAIL_CHECK("seed " << seed << " (VSHOP_SIM_SEED=" << seed << "): " << sim.failure);
    }
  }
  CHECK(failures == 0);
  // Every kind of outcome must have been exercised, or the stream generator has rotted.
  for (const char* kind : {"chat_offered",
                           "chat_claimed",
                           "chat_missed",
                           "offer_expired",
                           "offer_withdrawn",
                           "chat_taken",
                           "notify_shopper",
                           "transfer_completed",
                           "transfer_failed",
                           "shopper_blocked",
                           "video_started",
                           "video_ended",
                           "expert_unavailable",
                           "sale_attributed",
                           "sale_unattributed",
                           "error:offer_not_pending",
                           "error:invalid_state",
                           "error:not_found",
                           "error:out_of_order_time",
                           "error:invalid_argument"}) {
    CHECK_MESSAGE(stats[kind] > 0, std::string(kind));
  }
  if (std::getenv("VSHOP_SIM_STATS")) {
    for (const auto& [k, v] : stats) MESSAGE(k << ": " << v);
  }
}
