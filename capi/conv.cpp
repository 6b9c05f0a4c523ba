// C <-> C++ conversions of the C ABI (conv.hpp).
#include "conv.hpp"

#include <array>

#include "simdjson.h"
#include "vshop/events/validator.hpp"

namespace vshop::capi {
namespace {

// Each enum value's name, built once from the C++ name function (NUL-terminated, immortal).
template <typename Enum, int Count, std::string_view (*Name)(Enum)>
const std::string& enum_name(Enum value) {
  static const std::array<std::string, Count + 1> names = [] {
    std::array<std::string, Count + 1> table;
    for (int i = 0; i < Count; ++i) table[i] = std::string(Name(static_cast<Enum>(i)));
    table[Count] = "unknown";
    return table;
  }();
  const auto index = static_cast<int>(value);
  return names[index >= 0 && index < Count ? index : Count];
}

// The name of a reason of vocabulary R (Count values) from its table.
template <typename R, int Count>
const std::string& reason_table(const EffectReason& reason) {
  return enum_name<R, Count, static_cast<std::string_view (*)(R)>(&vshop::reason_name)>(
      *reason.as<R>());
}

constexpr int kSeverityCount = 2;
constexpr int kEventTypeCount = static_cast<int>(events::EventType::kProductSearch) + 1;
constexpr int kChannelCount = 2;

absl::Status invalid(std::string message) {
  return make_error(ErrorCode::kInvalidArgument, message);
}

}  // namespace

// ---- in --------------------------------------------------------------------------------------
// simdjson's validator, the one the core uses for JSON lines: one definition of "valid UTF-8"
// at every entry point.
bool is_valid_utf8(std::string_view text) {
  return simdjson::validate_utf8(text.data(), text.size());
}

absl::Status null_argument(std::string_view field) {
  return invalid(std::string(field) + " is NULL");
}

absl::Status null_text(std::size_t len, std::string_view field) {
  return invalid(std::string(field) + " is NULL with length " + std::to_string(len));
}

absl::Status invalid_utf8(std::string_view field) {
  return invalid(std::string(field) + " is not valid UTF-8");
}

absl::StatusOr<std::string_view> text_in(const vshop_string& s, std::string_view field) {
  return text_in(s.data, s.len, field);
}

absl::StatusOr<std::vector<std::string>> texts_in(const vshop_string* items, std::size_t len,
                                                  std::string_view field) {
  if (items == nullptr && len > 0) return null_argument(field);
  std::vector<std::string> out;
  out.reserve(len);
  for (std::size_t i = 0; i < len; ++i) {
    auto text = text_in(items[i], std::string(field) + "[" + std::to_string(i) + "]");
    if (!text.ok()) return text.status();
    out.emplace_back(*text);
  }
  return out;
}

absl::Status version_in(const void* options, std::uint32_t version, std::uint32_t expected,
                        std::string_view field) {
  if (options == nullptr || version == expected) return absl::OkStatus();
  return invalid(std::string(field) + "->version is " + std::to_string(version) +
                 ", this library reads version " + std::to_string(expected) +
                 " (use the _INIT macro)");
}

absl::StatusOr<MessageSender> sender_in(std::int32_t from) {
  if (from == VSHOP_SENDER_EXPERT) return MessageSender::kExpert;
  if (from == VSHOP_SENDER_SHOPPER) return MessageSender::kShopper;
  return invalid("from is " + std::to_string(from) +
                 ", not VSHOP_SENDER_EXPERT (0) or VSHOP_SENDER_SHOPPER (1)");
}

absl::StatusOr<MetricsScope> scope_in(std::int32_t scope, std::string_view id) {
  switch (scope) {
    case VSHOP_SCOPE_MERCHANT:
      return MetricsScope::merchant();
    case VSHOP_SCOPE_STORE:
      return MetricsScope::store(std::string(id));
    case VSHOP_SCOPE_EXPERT:
      return MetricsScope::expert(std::string(id));
    case VSHOP_SCOPE_TEAM:
      return MetricsScope::team(std::string(id));
    default:
      return invalid("scope is " + std::to_string(scope) + ", not a VSHOP_SCOPE_* value");
  }
}

absl::StatusOr<WidgetState> widget_state_in(std::int32_t state, std::string_view field) {
  if (state == VSHOP_WIDGET_ONGOING_ONLY) return WidgetState::kOngoingOnly;
  if (state == VSHOP_WIDGET_HIDDEN) return WidgetState::kHidden;
  return invalid(std::string(field) + " is " + std::to_string(state) +
                 ", not VSHOP_WIDGET_ONGOING_ONLY (1) or VSHOP_WIDGET_HIDDEN (2)");
}

absl::StatusOr<WidgetQuery> widget_query_in(const vshop_widget_query* query) {
  if (query == nullptr) return null_argument("query");
  if (auto s = version_in(query, query->version, VSHOP_WIDGET_QUERY_VERSION, "query"); !s.ok()) {
    return s;
  }
  WidgetQuery out;
  const std::pair<const vshop_string*, std::string*> fields[] = {
      {&query->page_url, &out.page_url},
      {&query->page_type, &out.page_type},
      {&query->shopper, &out.shopper},
      {&query->country, &out.country},
      {&query->city, &out.city},
      {&query->postal_code, &out.postal_code},
      {&query->ip, &out.ip}};
  const char* const names[] = {"query.page_url", "query.page_type", "query.shopper",
                               "query.country",  "query.city",      "query.postal_code",
                               "query.ip"};
  for (std::size_t i = 0; i < std::size(fields); ++i) {
    auto text = text_in(*fields[i].first, names[i]);
    if (!text.ok()) return text.status();
    fields[i].second->assign(*text);
  }
  return out;
}

absl::StatusOr<WidgetRules> widget_rules_in(const vshop_widget_rules* rules) {
  WidgetRules out;
  if (rules == nullptr) return out;
  if (auto s = version_in(rules, rules->version, VSHOP_WIDGET_RULES_VERSION, "rules"); !s.ok()) {
    return s;
  }
  if (rules->page_types != nullptr) {
    auto types = texts_in(rules->page_types, rules->page_types_len, "rules.page_types");
    if (!types.ok()) return types.status();
    out.page_types = std::move(*types);
  }
  auto allow = texts_in(rules->allow_urls, rules->allow_urls_len, "rules.allow_urls");
  if (!allow.ok()) return allow.status();
  out.allow_urls = std::move(*allow);
  auto deny = texts_in(rules->deny_urls, rules->deny_urls_len, "rules.deny_urls");
  if (!deny.ok()) return deny.status();
  out.deny_urls = std::move(*deny);
  if (rules->geo == nullptr && rules->geo_len > 0) return null_argument("rules.geo");
  for (std::size_t i = 0; i < rules->geo_len; ++i) {
    const std::string at = "rules.geo[" + std::to_string(i) + "]";
    auto field = text_in(rules->geo[i].field, at + ".field");
    if (!field.ok()) return field.status();
    auto value = text_in(rules->geo[i].value, at + ".value");
    if (!value.ok()) return value.status();
    auto result = widget_state_in(rules->geo[i].result, at + ".result");
    if (!result.ok()) return result.status();
    out.geo.push_back({std::string(*field), std::string(*value), *result});
  }
  return out;
}

// ---- names -----------------------------------------------------------------------------------
const std::string& c_status_name(vshop_status status) {
  return enum_name<ErrorCode, kErrorCodeCount, vshop::error_code_name>(
      static_cast<ErrorCode>(status > 0 || status < -kErrorCodeCount ? kErrorCodeCount : -status));
}
const std::string& c_effect_kind_name(EffectKind kind) {
  return enum_name<EffectKind, kEffectKindCount, vshop::effect_name>(kind);
}
const std::string& c_channel_name(NotifyChannel channel) {
  return enum_name<NotifyChannel, kChannelCount, vshop::notify_channel_name>(channel);
}
const std::string& c_severity_name(events::Severity severity) {
  return enum_name<events::Severity, kSeverityCount, events::severity_name>(severity);
}
const std::string& c_issue_code_name(events::IssueCode code) {
  return enum_name<events::IssueCode, events::kIssueCodeCount, events::issue_code_name>(code);
}
const std::string& c_event_type_name(events::EventType type) {
  return enum_name<events::EventType, kEventTypeCount, events::event_type_name>(type);
}

const std::string& c_reason_name(const EffectReason& reason) {
  static const std::string kNone;
  switch (reason.vocabulary()) {
    case ReasonVocabulary::kNone:
      return kNone;
    case ReasonVocabulary::kUnavailable:
      return reason_table<UnavailableReason, 6>(reason);
    case ReasonVocabulary::kWithdraw:
      return reason_table<WithdrawReason, 3>(reason);
    case ReasonVocabulary::kMiss:
      return reason_table<MissReason, 2>(reason);
    case ReasonVocabulary::kTransferFail:
      return reason_table<TransferFailReason, 4>(reason);
    case ReasonVocabulary::kUnattributed:
      return reason_table<UnattributedReason, 2>(reason);
  }
  return kNone;
}

// ---- out -------------------------------------------------------------------------------------
const vshop_string* strings_out(const std::vector<std::string>& items,
                                std::vector<vshop_string>& views) {
  const std::size_t first = views.size();
  for (const std::string& item : items) views.push_back(str_out(item));
  return items.empty() ? nullptr : views.data() + first;
}

void effect_out(const Effect& e, std::vector<vshop_string>& experts,
                std::vector<vshop_string>& managers, vshop_effect& out) {
  // Every member but `size` is assigned (the hot path: no temporary, no copy).
  out.kind = static_cast<std::int32_t>(e.kind);
  out.name = str_out(c_effect_kind_name(e.kind));
  out.at_ms = to_epoch_ms(e.at);
  out.chat = str_out(e.chat);
  out.expert = str_out(e.expert);
  out.shopper = str_out(e.shopper);
  out.from = str_out(e.from);
  out.to = str_out(e.to);
  experts.clear();
  out.experts = strings_out(e.experts, experts);
  out.experts_len = e.experts.size();
  out.has_deadline = e.deadline.has_value() ? 1 : 0;
  out.deadline_ms = e.deadline ? to_epoch_ms(*e.deadline) : 0;
  out.reason = str_out(c_reason_name(e.reason));
  out.channel =
      str_out(e.kind == EffectKind::kNotifyShopper ? c_channel_name(e.channel) : e.contact_channel);
  out.address = str_out(e.address);
  out.order = str_out(e.order);
  out.subtotal = str_out(e.subtotal);
  out.subtotal_is_integer = e.subtotal_is_integer ? 1 : 0;
  out.currency = str_out(e.currency);
  out.pending = e.pending;
  managers.clear();
  out.managers = strings_out(e.managers, managers);
  out.managers_len = e.managers.size();
  const bool appointment = e.kind == EffectKind::kAppointmentSent;
  out.start_ms = appointment ? to_epoch_ms(e.start) : 0;
  out.end_ms = appointment ? to_epoch_ms(e.end) : 0;
  out.ics = str_out(e.ics);
}

vshop_expert_view expert_out(const ExpertView& v) {
  vshop_expert_view out{};
  out.id = str_out(v.id);
  out.account = static_cast<std::int32_t>(v.account);
  out.anonymized = v.anonymized ? 1 : 0;
  out.store = str_out(v.store);
  out.available = v.available ? 1 : 0;
  out.active_chats = v.active_chats;
  out.missed_streak = v.missed_streak;
  out.decline_streak = v.decline_streak;
  out.pending_offer = str_out(v.pending_offer);
  out.pending_transfer = str_out(v.pending_transfer);
  out.video_chat = str_out(v.video_chat);
  return out;
}

vshop_chat_view chat_out(const ChatView& v, std::vector<vshop_string>& offers) {
  vshop_chat_view out{};
  out.id = str_out(v.id);
  out.shopper = str_out(v.shopper);
  out.state = static_cast<std::int32_t>(v.state);
  out.expert = str_out(v.expert);
  out.transfer_pending = v.transfer_pending ? 1 : 0;
  out.video = v.video ? 1 : 0;
  offers.clear();
  out.pending_offers = strings_out(v.pending_offers, offers);
  out.pending_offers_len = v.pending_offers.size();
  out.rating = v.rating;
  out.shopper_online = v.shopper_online ? 1 : 0;
  out.left_message = v.left_message ? 1 : 0;
  return out;
}

vshop_metrics metrics_out(const analytics::Metrics& m, std::vector<std::string>& strings,
                          std::vector<vshop_currency_metrics>& currencies) {
  vshop_metrics out{};
  out.initiated = m.initiated;
  out.claimed = m.claimed;
  out.missed = m.missed;
  out.taken = m.taken;
  out.transfers_in = m.transfers_in;
  out.available_associates = m.available_associates;
  out.ratings = m.ratings;
  out.rating_sum = m.rating_sum;
  out.orders = m.orders;
  out.unattributed_orders = m.unattributed_orders;
  out.converted = m.converted;
  out.responses = m.responses;
  out.has_response_times = m.response_median.has_value() ? 1 : 0;
  out.response_median_ms = m.response_median ? m.response_median->count() : 0;
  out.response_p90_ms = m.response_p90 ? m.response_p90->count() : 0;
  // Three strings per currency, all stored before any view is taken (no reallocation after).
  strings.clear();
  for (const auto& c : m.currencies) {
    strings.emplace_back(c.code);
    strings.push_back(c.gross());
    strings.push_back(c.average());
  }
  currencies.clear();
  for (std::size_t i = 0; i < m.currencies.size(); ++i) {
    const auto& c = m.currencies[i];
    currencies.push_back({str_out(strings[3 * i]), c.exponent, c.orders, c.gross_minor,
                          str_out(strings[3 * i + 1]), str_out(strings[3 * i + 2])});
  }
  out.currencies = currencies.empty() ? nullptr : currencies.data();
  out.currencies_len = currencies.size();
  return out;
}

vshop_issue issue_out(const events::Issue& issue) {
  return {static_cast<std::int32_t>(issue.severity),
          static_cast<std::int32_t>(issue.code),
          str_out(c_severity_name(issue.severity)),
          str_out(c_issue_code_name(issue.code)),
          str_out(issue.path),
          str_out(issue.message)};
}

vshop_validation validation_out(const events::ValidationResult& result,
                                std::vector<vshop_issue>& issues) {
  vshop_validation out{};
  out.event = static_cast<std::int32_t>(result.event);
  out.event_name = str_out(c_event_type_name(result.event));
  out.has_critical = result.has_critical() ? 1 : 0;
  const std::size_t first = issues.size();
  for (const auto& issue : result.issues) issues.push_back(issue_out(issue));
  out.issues = result.issues.empty() ? nullptr : issues.data() + first;
  out.issues_len = result.issues.size();
  return out;
}

vshop_summary summary_out(const events::Summary& summary, std::vector<vshop_code_count>& counts) {
  vshop_summary out{};
  out.events = summary.events;
  out.critical = summary.critical;
  out.warning = summary.warning;
  counts.clear();
  for (const auto& c : summary.by_code) {
    counts.push_back({static_cast<std::int32_t>(c.code), static_cast<std::int32_t>(c.severity),
                      str_out(c_issue_code_name(c.code)), str_out(c_severity_name(c.severity)),
                      c.count, c.first_line, issue_out(c.first_example)});
  }
  out.by_code = counts.empty() ? nullptr : counts.data();
  out.by_code_len = counts.size();
  return out;
}

}  // namespace vshop::capi
