// The answers of docs/reference.md §12 (R-CTX-1, R-WHY-1, R-QUEUE-1, R-OPEN-1): what the expert
// sees of the shopper, why the widget / an expert / a sale is as it is, where a chat stands in
// the queue and when the merchant opens next. Engine's queries return these; their canonical
// JSON forms are written by vshop/engine/query_table.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vshop/engine/reason.hpp"
#include "vshop/export.hpp"
#include "vshop/time.hpp"

namespace vshop {

// R-CTX-1: product views kept per shopper (newest first).
inline constexpr std::size_t kMaxProductViews = 20;
// Bytes kept of a product id or name, a location or an order id from a tracking payload
// (longer values are cut at a UTF-8 character boundary): the record's memory stays bounded.
inline constexpr std::size_t kMaxContextTextBytes = 512;

struct ProductViewRecord {
  std::string id;
  std::optional<std::string> name;  // absent when the payload had none
  friend bool operator==(const ProductViewRecord&, const ProductViewRecord&) = default;
};

// shopper_context(chat, expert): what the shopper of `chat` did, for `expert`.
struct ShopperContext {
  std::string shopper;
  std::vector<ProductViewRecord> product_views;  // at most kMaxProductViews, newest first
  std::optional<std::string> location;           // the page of the last event, if it named one
  std::optional<std::string> last_order;         // order id of the last purchase event
  std::optional<Instant> last_activity;          // the last shopper_event's instant
  bool spoken_before = false;  // the expert claimed or took an earlier chat of this shopper
};

// explain_widget: why the widget is in its state (R-WHY-1), in the order the rules apply.
enum class WidgetReason : std::uint8_t {
  kUrlDenied,
  kUrlNotAllowed,
  kPageTypeNotShown,
  kGeoHidden,
  kGeoOngoingOnly,
  kNoExpertAvailable,
  kAllExpertsBusy,
  kOutsideOpeningHours,
  kShown,
};
VSHOP_API std::string_view widget_reason_name(WidgetReason reason);

// explain_expert: what keeps an expert from a new offer, in this order (R-WHY-1).
enum class ExpertReason : std::uint8_t {
  kNotApproved,
  kNoStore,
  kStoreDeactivated,
  kStoreClosed,
  kUnavailable,
  kAtCapacity,
  kHoldingOffer,
  kHoldingTransfer,
};
VSHOP_API std::string_view expert_reason_name(ExpertReason reason);

struct ExpertExplanation {
  std::string expert;
  bool eligible = false;  // would receive an offer now (reasons empty)
  std::vector<ExpertReason> reasons;
  // With kUnavailable: the reason of the expert's last expert_unavailable (none when the expert
  // never was available).
  std::optional<UnavailableReason> unavailable_reason;
};

// explain_purchase: the decision record_purchase made (R-ATTR-1), kept per order.
struct PurchaseExplanation {
  std::string order;
  std::string shopper;
  Instant at{};         // the purchase's instant
  int window_days = 0;  // attribution_window_days in force at the purchase
  bool attributed = false;
  // The contact the decision read (attributed, or outside_window): expert, chat and instant.
  std::string expert, chat;
  std::optional<Instant> contact_at;
  // Unattributed: why; for no_contact whether the engine knew the shopper id at the purchase;
  // for outside_window by how much the window was missed.
  std::optional<UnattributedReason> reason;
  bool shopper_known = false;
  Duration missed_by{};
};

// queue_status(chat, now) (R-QUEUE-1).
struct QueueStatus {
  std::string chat;
  std::string state;                      // the chat's state name
  int waves = 0;                          // requested: waves started so far
  std::vector<std::string> offered;       // requested: experts with a pending offer, offer order
  std::optional<Duration> time_left;      // requested: until the claim window ends (>= 0)
  std::optional<int> position;            // left_message: 1-based, request order
  std::optional<Duration> expected_wait;  // median request-to-claim of the last 50 claims
};

// next_opening(now, tz) (R-OPEN-1).
struct NextOpening {
  bool open_now = false;
  std::optional<Instant> at;  // the instant (now when open_now); absent: no store ever opens
  std::string local;          // `at` as YYYY-MM-DDTHH:MM in the asked zone; "" when absent
  std::string weekday;        // its local weekday in English (`Monday`); "" when absent
  std::string timezone;
};

// Request-to-claim waits kept for the expected wait (R-QUEUE-1).
inline constexpr std::size_t kQueueWaitSamples = 50;

}  // namespace vshop
