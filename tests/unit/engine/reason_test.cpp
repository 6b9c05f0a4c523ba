// Effect kinds and reasons are typed enums with name tables (docs/reference.md §11 "Reasons").
#include "vshop/engine/reason.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "harness.hpp"

using namespace vshop;
using namespace vshop::test;

// Only values of the five reason enums can be stored: a string, misspelt or not, does not
// compile where a reason is expected.
static_assert(!std::is_constructible_v<EffectReason, const char*>);
static_assert(!std::is_constructible_v<EffectReason, std::string_view>);
static_assert(!std::is_constructible_v<EffectReason, int>);
static_assert(!std::is_assignable_v<EffectReason&, std::string_view>);
static_assert(std::is_convertible_v<MissReason, EffectReason>);
static_assert(sizeof(EffectReason) == 2);

TEST_CASE("reference §11 reasons: every name of each vocabulary maps to its enum and back") {
  const std::vector<std::pair<ReasonVocabulary, std::vector<std::string_view>>> spec = {
      {ReasonVocabulary::kUnavailable,
       {"requested", "store_closed", "decline_streak", "missed_streak", "deactivated",
        "store_deactivated"}},
      {ReasonVocabulary::kWithdraw, {"claimed_by_other", "declined", "expert_unavailable"}},
      {ReasonVocabulary::kMiss, {"no_expert_available", "claim_window"}},
      {ReasonVocabulary::kTransferFail,
       {"declined", "timeout", "target_unavailable", "chat_ended"}},
      {ReasonVocabulary::kUnattributed, {"no_contact", "outside_window"}},
  };
  for (const auto& [vocabulary, names] : spec) {
    for (const std::string_view name : names) {
      INFO(name);
      const std::optional<EffectReason> r = effect_reason_from_name(vocabulary, name);
      REQUIRE(r.has_value());
      CHECK(r->vocabulary() == vocabulary);
      CHECK(r->name() == name);
    }
    CHECK_FALSE(effect_reason_from_name(vocabulary, "Declined").has_value());
    CHECK_FALSE(effect_reason_from_name(vocabulary, "").has_value());
  }
  // Names do not leak across vocabularies, and each enum has its own table.
  CHECK_FALSE(miss_reason_from_name("declined").has_value());
  CHECK(withdraw_reason_from_name("declined") == WithdrawReason::kDeclined);
  CHECK(transfer_fail_reason_from_name("declined") == TransferFailReason::kDeclined);
  CHECK(unavailable_reason_from_name("store_deactivated") == UnavailableReason::kStoreDeactivated);
  CHECK(unattributed_reason_from_name("outside_window") == UnattributedReason::kOutsideWindow);
  CHECK(reason_name(MissReason::kClaimWindow) == "claim_window");
  CHECK(reason_name(static_cast<MissReason>(99)) == "unknown");
  // A withdraw "declined" and a transfer "declined" are different reasons.
  CHECK(EffectReason(WithdrawReason::kDeclined) != EffectReason(TransferFailReason::kDeclined));
  CHECK(EffectReason(WithdrawReason::kDeclined).as<TransferFailReason>() == std::nullopt);
  CHECK(EffectReason{}.empty());
  CHECK(EffectReason{}.name().empty());
}

TEST_CASE("reference §11 effects: each kind names its reason vocabulary; kinds parse back") {
  for (int i = 0; i < kEffectKindCount; ++i) {
    const auto kind = static_cast<EffectKind>(i);
    CHECK(effect_kind_from_name(effect_name(kind)) == kind);
  }
  CHECK_FALSE(effect_kind_from_name("chat_offer").has_value());
  CHECK(reason_vocabulary(EffectKind::kExpertUnavailable) == ReasonVocabulary::kUnavailable);
  CHECK(reason_vocabulary(EffectKind::kOfferWithdrawn) == ReasonVocabulary::kWithdraw);
  CHECK(reason_vocabulary(EffectKind::kChatMissed) == ReasonVocabulary::kMiss);
  CHECK(reason_vocabulary(EffectKind::kTransferFailed) == ReasonVocabulary::kTransferFail);
  CHECK(reason_vocabulary(EffectKind::kSaleUnattributed) == ReasonVocabulary::kUnattributed);
  CHECK(reason_vocabulary(EffectKind::kChatClaimed) == ReasonVocabulary::kNone);
  CHECK(notify_channel_from_name("sms") == NotifyChannel::kSms);
  CHECK_FALSE(notify_channel_from_name("whatsapp").has_value());
  CHECK(message_sender_name(MessageSender::kShopper) == "shopper");
}

TEST_CASE("reference §11 effects: drained effects carry typed reasons and channels") {
  Harness h;
  standard_merchant(h, R"(,"offer_fanout":1)");
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1"})");
  REQUIRE(h.engine.decline(from_epoch_ms(1778745600000 + 11'000), "a1", "c1").ok());
  std::vector<Effect> fx = h.engine.drain_effects();
  REQUIRE(fx.size() >= 1);
  CHECK(fx[0].kind == EffectKind::kOfferWithdrawn);
  CHECK(fx[0].reason == WithdrawReason::kDeclined);
  CHECK(fx[0].reason.as<WithdrawReason>() == WithdrawReason::kDeclined);
  CHECK(effect_to_json(fx[0]).find(R"("reason":"declined")") != std::string::npos);

  // A missed chat, a left message by sms, then the shopper goes offline: notify_shopper.
  h.advance(200);
  h.ok(
      at(201) +
      R"("cmd":"leave_message","chat":"c1","text":"hi","channel":"sms","address":"+31600000000"})");
  REQUIRE(h.engine.expert("a2")->available);
  h.ok(at(202) + R"("cmd":"take_left_message","expert":"a2","chat":"c1"})");
  REQUIRE(
      h.engine.send_message(from_epoch_ms(1778745600000 + 203'000), "c1", MessageSender::kExpert)
          .ok());
  fx = h.engine.drain_effects();
  bool notified = false;
  for (const Effect& e : fx) {
    if (e.kind != EffectKind::kNotifyShopper) continue;
    notified = true;
    CHECK(e.channel == NotifyChannel::kSms);
    CHECK(effect_to_json(e).find(R"("channel":"sms","address":"+31600000000")") !=
          std::string::npos);
  }
  CHECK(notified);
}
