// issue 15 (purchase): the compact chat log and the converted-chat table against plain reference
// models (a std::map of full records, std::set of packed keys): random operations, including
// ids far outside the dense run, answers far from the request, transfers, orders in several
// currencies, re-requests and pruning; every answer must be the same.
#include <doctest/doctest.h>

#include <map>
#include <random>
#include <set>

#include "analytics/chat_log.hpp"
#include "analytics/converted_chats.hpp"

using namespace vshop;
using namespace vshop::analytics;

namespace {

// The chat log as it was before issue 15: one full record per chat in an ordered map.
struct ReferenceLog {
  std::map<std::uint32_t, ChatRecord> records;
  ChatRecord* find(std::uint32_t chat) {
    auto it = records.find(chat);
    return it == records.end() ? nullptr : &it->second;
  }
  void requested(std::uint32_t chat, std::int64_t at_ms, DayKey day) {
    ChatRecord r;
    r.requested_ms = at_ms;
    r.day = day;
    records[chat] = r;
  }
};

bool same(const ChatRecord& a, const ChatRecord& b) {
  if (a.orders.size() != b.orders.size()) return false;
  for (std::size_t i = 0; i < a.orders.size(); ++i) {
    if (a.orders[i].currency != b.orders[i].currency || a.orders[i].orders != b.orders[i].orders ||
        a.orders[i].gross_minor != b.orders[i].gross_minor) {
      return false;
    }
  }
  return a.requested_ms == b.requested_ms && a.answered_ms == b.answered_ms && a.day == b.day &&
         a.outcome == b.outcome && a.rating == b.rating &&
         a.first_offer_store == b.first_offer_store && a.experts == b.experts &&
         a.stores == b.stores;
}

void check_same(const ChatLog& log, const ReferenceLog& ref) {
  REQUIRE(log.size() == ref.records.size());
  const auto all = log.all();
  REQUIRE(all.size() == ref.records.size());
  auto it = ref.records.begin();
  for (const auto& [chat, record] : all) {
    REQUIRE(chat == it->first);
    REQUIRE(same(record, it->second));
    CHECK(log.contains(chat));
    ++it;
  }
  // A range: the reference's chats of days 3..6 by (request instant, chat).
  std::vector<std::pair<std::int64_t, std::uint32_t>> want;
  for (const auto& [chat, r] : ref.records) {
    if (r.day >= 3 && r.day <= 6) want.emplace_back(r.requested_ms, chat);
  }
  std::sort(want.begin(), want.end());
  const auto got = log.range(3, 6);
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    REQUIRE(got[i].first == want[i].second);
    REQUIRE(same(got[i].second, ref.records.at(want[i].second)));
  }
}

}  // namespace

TEST_CASE("purchase: R-METRIC-1 the compact chat log answers as a map of full records") {
  std::mt19937_64 rng(15);
  for (int round = 0; round < 20; ++round) {
    ChatLog log;
    ReferenceLog ref;
    DayKey cutoff = -1;
    const auto pick_chat = [&]() -> std::uint32_t {
      const auto r = rng() % 100;
      if (r < 80) return static_cast<std::uint32_t>(rng() % 300);          // the dense run
      if (r < 90) return static_cast<std::uint32_t>(100000 + rng() % 50);  // far: sparse
      return static_cast<std::uint32_t>(0xFFFFFFF0u + rng() % 16);  // near the top of the range
    };
    for (int step = 0; step < 3000; ++step) {
      const std::uint32_t chat = pick_chat();
      const std::uint32_t expert = static_cast<std::uint32_t>(rng() % 5);
      const std::uint32_t store = static_cast<std::uint32_t>(rng() % 3);
      const std::int64_t at = static_cast<std::int64_t>(rng() % 100000);
      switch (rng() % 9) {
        case 0:
        case 1: {
          const DayKey day = static_cast<DayKey>(std::max<int>(cutoff, 0) + rng() % 8);
          log.requested(chat, at, day);
          ref.requested(chat, at, day);
          break;
        }
        case 2:
          log.offered(chat, store);
          if (auto* r = ref.find(chat); r && r->first_offer_store == 0xFFFFFFFFu) {
            r->first_offer_store = store;
          }
          break;
        case 3: {
          // Answers: usually soon, sometimes 60 days later or before the request (a snapshot).
          const auto kind = rng() % 4;
          const std::int64_t answered = kind == 0   ? at + 60LL * 86'400'000
                                        : kind == 1 ? at - 5
                                                    : at + 1000;
          const auto outcome = rng() % 2 ? ChatOutcome::kClaimed : ChatOutcome::kTaken;
          log.handled(chat, answered, outcome, expert, store);
          if (auto* r = ref.find(chat)) {
            r->answered_ms = answered;
            r->outcome = outcome;
            r->experts.push_back(expert);
            r->stores.push_back(store);
          }
          break;
        }
        case 4:
          log.missed(chat);
          if (auto* r = ref.find(chat)) r->outcome = ChatOutcome::kMissed;
          break;
        case 5:
          log.transferred(chat, expert, store);
          if (auto* r = ref.find(chat)) {
            r->experts.push_back(expert);
            r->stores.push_back(store);
          }
          break;
        case 6: {
          const int stars = 1 + static_cast<int>(rng() % 5);
          log.rated(chat, stars);
          if (auto* r = ref.find(chat)) r->rating = static_cast<std::uint8_t>(stars);
          break;
        }
        case 7: {
          const auto currency = static_cast<std::uint16_t>(rng() % 2);
          const std::int64_t minor = static_cast<std::int64_t>(rng() % 5000);
          log.ordered(chat, currency, minor);
          if (auto* r = ref.find(chat)) {
            bool found = false;
            for (OrderTotal& o : r->orders) {
              if (o.currency == currency) {
                ++o.orders;
                o.gross_minor += minor;
                found = true;
              }
            }
            if (!found) r->orders.push_back(OrderTotal{currency, 1, minor});
          }
          break;
        }
        default:
          if (rng() % 20 == 0) {
            ++cutoff;
            log.prune(cutoff);
            std::erase_if(ref.records, [&](const auto& e) { return e.second.day < cutoff; });
          }
          break;
      }
      if (step % 500 == 0) check_same(log, ref);
    }
    check_same(log, ref);
    // What a snapshot restores is what was written.
    ChatLog copy;
    for (const auto& [chat, record] : log.all()) CHECK(copy.insert(chat, record));
    check_same(copy, ref);
    if (!ref.records.empty()) {
      CHECK_FALSE(copy.insert(ref.records.begin()->first, ChatRecord{}));
    }
  }
}

TEST_CASE("purchase: R-METRIC-1 converted chats count each (scope, chat) pair once") {
  std::mt19937_64 rng(16);
  const ScopeKind kinds[] = {ScopeKind::kMerchant, ScopeKind::kStore, ScopeKind::kExpert};
  for (int round = 0; round < 20; ++round) {
    ConvertedChats table;
    std::set<std::uint64_t> ref[3];
    for (int step = 0; step < 4000; ++step) {
      const int k = static_cast<int>(rng() % 3);
      const std::uint32_t chat = static_cast<std::uint32_t>(rng() % 200);
      // Ids: mostly small, sometimes the top id (the table's own "none" value) or, for the
      // merchant, not 0 (a key only a hand-made snapshot holds).
      const auto r = rng() % 20;
      const std::uint32_t id = r == 0   ? 0xFFFFFFFFu
                               : r == 1 ? 7u
                               : k == 0 ? 0u
                                        : static_cast<std::uint32_t>(rng() % 4);
      if (rng() % 400 == 0) {
        const std::uint32_t below = static_cast<std::uint32_t>(rng() % 200);
        table.erase_chats([&](std::uint32_t c) { return c < below; });
        for (auto& set : ref) {
          std::erase_if(set,
                        [&](std::uint64_t key) { return static_cast<std::uint32_t>(key) < below; });
        }
        continue;
      }
      const std::uint64_t key = (std::uint64_t{id} << 32) | chat;
      REQUIRE(table.mark(kinds[k], id, chat) == ref[k].insert(key).second);
    }
    for (int k = 0; k < 3; ++k) {
      const std::vector<std::uint64_t> want(ref[k].begin(), ref[k].end());
      CHECK(table.sorted_keys(kinds[k]) == want);
    }
    // Restoring the packed keys gives the same table.
    ConvertedChats copy;
    for (int k = 0; k < 3; ++k) {
      for (std::uint64_t key : table.sorted_keys(kinds[k])) CHECK(copy.mark_key(kinds[k], key));
    }
    for (int k = 0; k < 3; ++k) CHECK(copy.sorted_keys(kinds[k]) == table.sorted_keys(kinds[k]));
  }
}

TEST_CASE("purchase: R-METRIC-1 the chat log bridges small gaps of ids and not large ones") {
  ChatLog log;
  ReferenceLog ref;
  const auto request = [&](std::uint32_t chat) {
    log.requested(chat, 1000 + chat, 4);
    ref.requested(chat, 1000 + chat, 4);
  };
  for (std::uint32_t chat = 0; chat < 10000; ++chat) request(chat);
  request(12000);  // 2,000 unrecorded ids (e.g. blocked shoppers' chats): the run extends
  request(12001);
  const std::size_t dense = log.bytes();
  CHECK(dense >= 12002 * 32);
  request(40000);  // far ahead: kept aside, the run does not grow to it
  request(40001);
  CHECK(log.bytes() < 20000 * 32);
  log.transferred(40000, 3, 1);
  ref.records.at(40000).experts.push_back(3);
  ref.records.at(40000).stores.push_back(1);
  check_same(log, ref);
  CHECK(log.contains(12000));
  CHECK_FALSE(log.contains(11000));
  CHECK_FALSE(log.contains(39999));
}
