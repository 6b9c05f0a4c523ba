// The chat engine of one merchant (docs/reference.md §0, §1, §3, §4, §9): a deterministic state
// machine fed with commands that carry their own time. Four kinds of method (docs/design.md): const
// queries; commands taking `now`; `advance(now)` firing due timers; `drain_effects()` /
// `next_deadline()`.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "vshop/analytics/metrics.hpp"
#include "vshop/engine/answers.hpp"
#include "vshop/engine/command.hpp"
#include "vshop/engine/effect.hpp"
#include "vshop/engine/settings.hpp"
#include "vshop/export.hpp"
#include "vshop/time.hpp"

namespace vshop {

namespace engine_detail {
struct Core;
struct CoreAccess;  // lets tests and internal tools read the state (src/engine/core.hpp)
}  // namespace engine_detail

enum class ExpertAccount : std::uint8_t { kPending, kApproved, kDeactivated };
enum class ChatState : std::uint8_t {
  kRequested,
  kActive,
  kFinished,
  kMissed,
  kLeftMessage,
  kBlocked,
  kClosed,
};
VSHOP_API std::string_view expert_account_name(ExpertAccount state);
VSHOP_API std::string_view chat_state_name(ChatState state);

// Who sent a chat message (send_message `from`).
enum class MessageSender : std::uint8_t { kExpert, kShopper };
std::string_view message_sender_name(MessageSender sender);  // `expert` / `shopper`

// An expert as the queries report it.
struct ExpertView {
  std::string id;
  ExpertAccount account = ExpertAccount::kPending;
  bool anonymized = false;
  std::string store;  // "" when none assigned
  bool available = false;
  int active_chats = 0;
  int missed_streak = 0;
  int decline_streak = 0;
  std::string pending_offer;     // chat id, "" when none
  std::string pending_transfer;  // chat id offered to this expert, "" when none
  std::string video_chat;        // chat id of the running video, "" when none
};

struct ChatView {
  std::string id;
  std::string shopper;
  ChatState state = ChatState::kRequested;
  std::string expert;  // the active (or last) expert, "" when never claimed
  bool transfer_pending = false;
  bool video = false;
  std::vector<std::string> pending_offers;  // in offer order
  int rating = 0;                           // 0 = not rated
  bool shopper_online = false;              // R-CHAT-7 presence of the chat's shopper
  bool left_message = false;                // the chat started as a left message
};

// contacts(expert) (R-CONTACT-2): a shopper who accepted the expert's invitation.
struct ContactEntry {
  std::string shopper;
  std::string channel;  // email, sms or whatsapp
  std::string address;
};

// The canonical JSON list of contacts(expert): [{"shopper","channel","address"}, ...].
VSHOP_API std::string contacts_to_json(const std::vector<ContactEntry>& contacts);

// transfer_candidates(chat): eligible experts grouped by store (stores and experts by id).
struct StoreCandidates {
  std::string store;
  std::vector<std::string> experts;
};

enum class WidgetState : std::uint8_t { kVisible, kOngoingOnly, kHidden };
VSHOP_API std::string_view widget_state_name(WidgetState state);

// R-DISPLAY-1 inputs. Page types: home, collection, product, or anything else ("other").
struct WidgetQuery {
  std::string page_url;
  std::string page_type;
  std::string shopper;  // optional: a shopper with an open chat always sees it when not hidden
  std::string country, city, postal_code, ip;
};

// Display rules of R-DISPLAY-1 beyond the two settings. Patterns are substrings of the URL;
// geo lists name countries/cities/postal codes/IPv4 CIDR ranges and what they lead to.
struct WidgetRules {
  std::vector<std::string> page_types = {"home", "collection", "product"};
  std::vector<std::string> allow_urls;
  std::vector<std::string> deny_urls;
  struct Geo {
    std::string field;                          // country, city, postal_code or ip
    std::string value;                          // for ip: `a.b.c.d/n`
    WidgetState result = WidgetState::kHidden;  // kOngoingOnly or kHidden
  };
  std::vector<Geo> geo;
};

// explain_widget (R-WHY-1): the state widget_state gives, and why (`shown` when visible).
struct WidgetExplanation {
  WidgetState state = WidgetState::kHidden;
  std::vector<WidgetReason> reasons;
};

// Whose metrics a query asks for (R-METRIC-1): the merchant, or a store / expert / team by its
// id (a team is the experts whose current team it is, R-EXP-2).
struct MetricsScope {
  analytics::ScopeKind kind = analytics::ScopeKind::kMerchant;
  std::string id;  // store, expert or team id; unused for the merchant

  static MetricsScope merchant() { return {}; }
  static MetricsScope store(std::string id) {
    return {analytics::ScopeKind::kStore, std::move(id)};
  }
  static MetricsScope expert(std::string id) {
    return {analytics::ScopeKind::kExpert, std::move(id)};
  }
  static MetricsScope team(std::string id) { return {analytics::ScopeKind::kTeam, std::move(id)}; }
};

// What `Engine::metrics_report` covers: reporting-zone dates `from`..`to` (inclusive; each
// defaults to the first / last recorded day), with one merchant row per day when `daily`.
struct MetricsReportRequest {
  std::optional<analytics::LocalDate> from;
  std::optional<analytics::LocalDate> to;
  bool daily = false;
  bool json = false;  // canonical JSON object instead of the table
};

// What an export covers (the same dates as MetricsReportRequest) and its format.
struct ExportRequest {
  std::optional<analytics::LocalDate> from;
  std::optional<analytics::LocalDate> to;
  analytics::ExportFormat format = analytics::ExportFormat::kCsv;
};

// One merchant's engine. Threads: every const method (the queries, next_deadline, now,
// snapshot, check_invariants) writes nothing and may run concurrently with other const calls
// on the same engine; a command (any non-const method) needs exclusive access, like a
// std::vector.
class VSHOP_API Engine {
 public:
  Engine();
  ~Engine();
  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;

  // --- commands -------------------------------------------------------------------------
  // Applies one command (R-TIME-3): moves the clock to its `at` firing due timers, then
  // validates and applies it. On failure returns the stable error and changes nothing beyond
  // the passage of time.
  absl::Status apply(const Command& command);
  // Parses and applies one JSON Lines command: the single entry point of every front end.
  absl::Status apply_json(std::string_view line);
  // Moves the clock to `now`, firing every timer due at or before it (out_of_order_time when
  // `now` is earlier than the engine's time).
  absl::Status advance(Instant now);

  // Typed shortcuts for the common commands (each builds a Command and calls apply).
  absl::Status go_available(Instant now, std::string_view expert);
  absl::Status go_unavailable(Instant now, std::string_view expert);
  // Returns the id of the shopper's open chat (new or existing).
  absl::StatusOr<std::string> request_chat(Instant now, std::string_view shopper,
                                           std::optional<double> lat = std::nullopt,
                                           std::optional<double> lon = std::nullopt);
  // The same for a request_chat command with every option (chat id, location, geo, department,
  // page); invalid_argument naming `cmd` when `request` is another kind of command.
  absl::StatusOr<std::string> request_chat(Command request);
  absl::Status claim(Instant now, std::string_view expert, std::string_view chat);
  absl::Status decline(Instant now, std::string_view expert, std::string_view chat);
  absl::Status send_message(Instant now, std::string_view chat, MessageSender from);
  absl::Status finish_chat(Instant now, std::string_view expert, std::string_view chat);
  // R-CTX-1: one tracking payload (a JSON object's text, docs/events.md) of a known shopper.
  absl::Status shopper_event(Instant now, std::string_view shopper, std::string_view event_json);

  // --- outputs --------------------------------------------------------------------------
  // Moves the pending effects out (in emission order).
  std::vector<Effect> drain_effects();
  void drain_effects(std::vector<Effect>& out);  // appends; reuses `out`'s capacity
  // Moves the canonical journal lines of accepted commands out (R-TIME-3 advances included).
  std::vector<std::string> drain_journal();
  // Same into `out` (its previous lines are dropped, its capacity goes back to the engine).
  void drain_journal(std::vector<std::string>& out);
  // Journaling can be switched off by hosts that persist commands themselves.
  void set_journaling(bool on);
  // The earliest pending timer, if any: when the host should call advance.
  std::optional<Instant> next_deadline() const;
  Instant now() const;

  // --- queries --------------------------------------------------------------------------
  const Settings& settings() const;
  std::optional<ExpertView> expert(std::string_view id) const;
  std::optional<ChatView> chat(std::string_view id) const;
  // The open chats (active, in chat creation order) of an expert.
  std::vector<std::string> open_chats(std::string_view expert) const;
  // R-XFER-1: eligible targets for a transfer of `chat` (its own expert excluded).
  absl::StatusOr<std::vector<StoreCandidates>> transfer_candidates(std::string_view chat) const;
  // Left messages waiting to be taken, in request order.
  std::vector<std::string> pending_left_messages() const;
  // R-DISPLAY-1 at the engine's time or `now`.
  WidgetState widget_state(const WidgetQuery& query, const WidgetRules& rules, Instant now) const;
  std::size_t chat_count() const;
  // R-CONTACT-2: the expert's contacts in shopper id order; not_found naming `expert`.
  absl::StatusOr<std::vector<ContactEntry>> contacts(std::string_view expert) const;
  // R-SCHED-3: every piece of personal data the engine holds, as one canonical JSON object;
  // after the R-SCHED-2 erasure the same shape with nothing personal left.
  std::string export_personal_data() const;

  // --- §12 answers (vshop/engine/answers.hpp) ---------------------------------------------
  // R-CTX-1: the shopper of `chat` as `expert` sees them (not_found naming chat / expert).
  absl::StatusOr<ShopperContext> shopper_context(std::string_view chat,
                                                 std::string_view expert) const;
  // R-WHY-1: widget_state with its reasons (the same code path).
  WidgetExplanation explain_widget(const WidgetQuery& query, const WidgetRules& rules,
                                   Instant now) const;
  // R-WHY-1: whether `expert` would receive an offer at `now`, and every reason why not.
  absl::StatusOr<ExpertExplanation> explain_expert(std::string_view expert, Instant now) const;
  // R-WHY-1: the attribution decision of a recorded order (not_found naming `order`).
  absl::StatusOr<PurchaseExplanation> explain_purchase(std::string_view order) const;
  // R-QUEUE-1: where a requested or left_message chat stands at `now` (invalid_state for a
  // chat in another state, not_found naming `chat`).
  absl::StatusOr<QueueStatus> queue_status(std::string_view chat, Instant now) const;
  // R-OPEN-1: when any active store opens next after `now`, also as local time in the IANA
  // zone `tz` (invalid_argument naming `tz` when unknown).
  absl::StatusOr<NextOpening> next_opening(Instant now, std::string_view tz) const;

  // R-METRIC-1 over the reporting days (settings.reporting_timezone) that [from, to) touches:
  // O(days in range). not_found naming `store` / `expert` / `team` for an unknown id;
  // invalid_argument naming `to` when to <= from. Every figure: docs/metrics.md.
  absl::StatusOr<analytics::Metrics> metrics(const MetricsScope& scope, Instant from,
                                             Instant to) const;
  // The same as one entry per reporting day (empty days included), for plotting.
  absl::StatusOr<std::vector<analytics::DailyMetrics>> daily_metrics(const MetricsScope& scope,
                                                                     Instant from,
                                                                     Instant to) const;
  // The dashboard report (merchant, each store, each expert) over every recorded day, as a
  // readable table and as canonical JSON (`vshop simulate --report[=json]`).
  std::string metrics_report_text() const;
  std::string metrics_report_json() const;
  // The report over a chosen range of reporting days (plus all-time figures, and per-day rows
  // when asked). invalid_argument naming `to` when to < from, `daily` beyond 3660 days.
  absl::StatusOr<std::string> metrics_report(const MetricsReportRequest& request) const;
  // "Export Chats" (docs/metrics.md): one record per chat requested in the range (times, owner
  // store, experts, state, rating, attributed orders), chats within metrics_retention_days.
  absl::StatusOr<std::string> export_chats(const ExportRequest& request) const;
  // "Export Data": per expert, active days and sales per currency over the range. (Contacts
  // are not part of it yet.) Errors as metrics_report.
  absl::StatusOr<std::string> export_data(const ExportRequest& request) const;

  // --- persistence ----------------------------------------------------------------------
  // The whole state as canonical JSON (versioned); equal states give equal bytes.
  std::string snapshot() const;
  // Rebuilds an engine from a snapshot (invalid_argument naming the field when malformed).
  static absl::StatusOr<Engine> restore(std::string_view snapshot);
  // Checks every internal consistency rule of the state (cross-references between stores,
  // experts, chats and shoppers, capacity counts, timers, indexes and the metrics book).
  // Returns internal naming the first broken reference; OK for any state the engine reached
  // through commands. `restore` runs it; tests and debug builds run it after every command.
  absl::Status check_invariants() const;

 private:
  friend struct engine_detail::CoreAccess;
  std::unique_ptr<engine_detail::Core> core_;
};

}  // namespace vshop
