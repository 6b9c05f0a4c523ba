// The hand-computed day shared by the R-METRIC-1 tests: three experts in two stores, five
// chats, ratings, orders in SEK, JPY (0 decimals) and KWD (3 decimals).
#pragma once

#include "test_support.hpp"

namespace vshop::analytics::testing {

namespace ids {
constexpr StoreId S0 = 0, S1 = 1;
constexpr ExpertId E0 = 0, E1 = 1, E2 = 2;
}  // namespace ids
using namespace ids;

// Expected values are derived by hand in the comments.
inline MetricsBook scenario() {
  MetricsBook b;
  VSHOP_OK(b.expert_available(at("2026-03-10T09:00:00Z"), E0, S0));
  VSHOP_OK(b.expert_available(at("2026-03-10T09:00:00Z"), E1, S0));
  VSHOP_OK(b.expert_available(at("2026-03-10T09:00:00Z"), E2, S1));
  // c1: offered E0 E1 E2, claimed by E0 after 12 s.
  VSHOP_OK(b.chat_requested(at("2026-03-10T10:00:00Z"), 1));
  for (auto [e, s] : {std::pair{E0, S0}, {E1, S0}, {E2, S1}}) {
    VSHOP_OK(b.chat_offered(at("2026-03-10T10:00:00Z"), 1, e, s));
  }
  VSHOP_OK(b.chat_claimed(at("2026-03-10T10:00:12Z"), 1, E0, S0));
  // c2: offered E0 E1, claimed by E1 after 30.5 s.
  VSHOP_OK(b.chat_requested(at("2026-03-10T10:05:00Z"), 2));
  VSHOP_OK(b.chat_offered(at("2026-03-10T10:05:00Z"), 2, E0, S0));
  VSHOP_OK(b.chat_offered(at("2026-03-10T10:05:00Z"), 2, E1, S0));
  VSHOP_OK(b.chat_claimed(at("2026-03-10T10:05:30.500Z"), 2, E1, S0));
  // c3: offered E2 only (twice: counted once), missed, then its left message taken by E0.
  VSHOP_OK(b.chat_requested(at("2026-03-10T10:10:00Z"), 3));
  VSHOP_OK(b.chat_offered(at("2026-03-10T10:10:00Z"), 3, E2, S1));
  VSHOP_OK(b.chat_offered(at("2026-03-10T10:10:30Z"), 3, E2, S1));
  VSHOP_OK(b.chat_missed(at("2026-03-10T10:11:30Z"), 3));
  VSHOP_OK(b.chat_taken(at("2026-03-10T11:00:00Z"), 3, E0, S0));
  // c4: offered E1 E2, claimed by E2 after 5 s.
  VSHOP_OK(b.chat_requested(at("2026-03-10T10:20:00Z"), 4));
  VSHOP_OK(b.chat_offered(at("2026-03-10T10:20:00Z"), 4, E1, S0));
  VSHOP_OK(b.chat_offered(at("2026-03-10T10:20:00Z"), 4, E2, S1));
  VSHOP_OK(b.chat_claimed(at("2026-03-10T10:20:05Z"), 4, E2, S1));
  // c5: nobody to offer it to, missed at once.
  VSHOP_OK(b.chat_requested(at("2026-03-10T10:30:00Z"), 5));
  VSHOP_OK(b.chat_missed(at("2026-03-10T10:30:00Z"), 5));
  VSHOP_OK(b.chat_rated(at("2026-03-10T12:00:00Z"), 1, E0, S0, 5));
  VSHOP_OK(b.chat_rated(at("2026-03-10T12:00:00Z"), 2, E1, S0, 4));
  VSHOP_OK(b.chat_rated(at("2026-03-10T12:00:00Z"), 4, E2, S1, 3));
  // Orders: c1 twice in SEK (one converted chat), c2 in JPY, c4 in KWD, one unattributed.
  VSHOP_OK(b.order_recorded(at("2026-03-10T13:00:00Z"), Attribution{E0, S0, 1}, "SEK", 123450));
  VSHOP_OK(b.order_recorded(at("2026-03-10T13:10:00Z"), Attribution{E0, S0, 1}, "SEK", 10000));
  VSHOP_OK(b.order_recorded(at("2026-03-10T14:00:00Z"), Attribution{E1, S0, 2}, "JPY", 5000));
  VSHOP_OK(b.order_recorded(at("2026-03-10T15:00:00Z"), Attribution{E2, S1, 4}, "KWD", 1234));
  VSHOP_OK(b.order_recorded(at("2026-03-10T16:00:00Z"), std::nullopt, "SEK", 99900));
  VSHOP_OK(b.expert_unavailable(at("2026-03-10T17:00:00Z"), E0));
  VSHOP_OK(b.expert_unavailable(at("2026-03-10T17:00:00Z"), E1));
  VSHOP_OK(b.expert_unavailable(at("2026-03-10T17:00:00Z"), E2));
  return b;
}

}  // namespace vshop::analytics::testing
