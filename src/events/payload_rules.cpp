// Top level of a payload: known fields, classification (docs/events.md §1 "Classification"), the
// category/search rules, and dispatch to the product and purchase rules.
// clang-format off
#include "events/gcc_workarounds.hpp"  // first: silences a GCC 12 false positive
// clang-format on
#include "events/payload_rules.hpp"

#include <array>
#include <cmath>

#include "events/https_url.hpp"
#include "events/text_checks.hpp"

namespace vshop::events {
namespace {

// Top-level fields in §1 order; the index is the field rank used to break ties at "".
enum TopField : std::uint8_t { kType, kAction, kProducts, kPurchase, kValue, kLocation, kTopCount };
constexpr std::array<std::string_view, kTopCount> kTopNames = {"type",     "action", "products",
                                                               "purchase", "value",  "location"};
constexpr std::size_t kMaxValueCodePoints = 500;

struct TopLevel {
  std::array<Member, kTopCount> fields;
};

// The index of a known top-level field, or -1. Literal comparisons inline (no memcmp call).
int top_field_of(std::string_view key) {
  using namespace std::string_view_literals;
  if (key == "type"sv) return kType;
  if (key == "products"sv) return kProducts;
  if (key == "purchase"sv) return kPurchase;
  if (key == "action"sv) return kAction;
  if (key == "value"sv) return kValue;
  if (key == "location"sv) return kLocation;
  return -1;
}

TopLevel collect_top_level(simdjson::dom::object payload, IssueSink& sink) {
  TopLevel top;
  std::uint32_t position = 0;
  for (auto member : payload) {
    ++position;
    const int f = top_field_of(member.key);
    const bool known = f >= 0;
    if (known) {
      // JSON.parse keeps the last of duplicate keys; so do we. null is absent.
      top.fields[f] = member.value.is_null() ? Member{} : Member{member.value, position};
    }
    if (!known) {
      // Appended rather than `"/" + ...`: GCC 12 -O3 warns falsely (-Wrestrict) on the latter.
      std::string path("/");
      path += json_pointer_token(member.key);
      std::string message = "unknown top-level field \"" + std::string(member.key) +
                            "\" (known: type, products, purchase, action, value, location); "
                            "usually a typo";
      sink.add(NodePosition{}.child(position), kNoField, Severity::kWarning,
               IssueCode::kUnknownField, std::move(path), std::move(message));
    }
  }
  return top;
}

std::optional<EventType> event_of_type(std::string_view type) {
  using namespace std::string_view_literals;
  if (type == "ecommerce:detail"sv) return EventType::kProductView;
  if (type == "ecommerce:purchase"sv) return EventType::kPurchase;
  if (type == "ecommerce:add"sv) return EventType::kAddToBasket;
  if (type == "ecommerce:remove"sv) return EventType::kRemoveFromBasket;
  return std::nullopt;
}

std::optional<EventType> event_of_action(const Member& action) {
  if (!action.present() || !action.value.is_string()) return std::nullopt;
  const std::string_view text = action.value.get_string().value_unsafe();
  if (text == "category-view") return EventType::kCategoryView;
  if (text == "search") return EventType::kProductSearch;
  return std::nullopt;
}

void report_top(IssueSink& sink, const Member& member, TopField field, IssueCode code,
                std::string message) {
  // About the value when there is one, else about the top-level object.
  const NodePosition position =
      member.present() ? NodePosition{}.child(member.position) : NodePosition{}.after();
  std::string path;
  if (member.present()) path.append("/").append(kTopNames[field]);
  sink.add(position, field, Severity::kCritical, code, std::move(path), std::move(message));
}

EventType classify(const TopLevel& top, IssueSink& sink) {
  const Member& type = top.fields[kType];
  const Member& action = top.fields[kAction];
  if (type.present() && type.value.is_string()) {
    if (auto event = event_of_type(type.value.get_string().value_unsafe())) return *event;
  }
  const bool type_is_event =
      type.present() && type.value.is_string() && type.value.get_string().value_unsafe() == "event";
  if (auto event = event_of_action(action)) {
    if (!type.present()) {
      report_top(sink, type, kType, IssueCode::kTypeMissing,
                 "no \"type\"; a " + std::string(event_type_name(*event)) +
                     " event needs \"type\": \"event\"");
    } else if (!type_is_event) {
      report_top(sink, type, kType, IssueCode::kTypeUnknown,
                 "\"type\" is " + describe_value(type.value) + "; a " +
                     std::string(event_type_name(*event)) + " event needs \"type\": \"event\"");
    }
    return *event;
  }
  if (!type.present()) {
    report_top(sink, type, kType, IssueCode::kTypeMissing,
               "no \"type\": the event cannot be told (expected \"ecommerce:detail\", "
               "\"ecommerce:purchase\", \"ecommerce:add\", \"ecommerce:remove\" or \"event\")");
  } else if (type_is_event) {
    report_top(sink, action, kAction, IssueCode::kActionUnknown,
               action.present() ? "\"action\" is " + describe_value(action.value) +
                                      "; expected \"category-view\" or \"search\""
                                : std::string("\"type\" is \"event\" but there is no \"action\" "
                                              "(expected \"category-view\" or \"search\")"));
  } else {
    report_top(sink, type, kType, IssueCode::kTypeUnknown,
               "\"type\" is " + describe_value(type.value) +
                   "; expected \"ecommerce:detail\", \"ecommerce:purchase\", \"ecommerce:add\", "
                   "\"ecommerce:remove\" or \"event\"");
  }
  return EventType::kUnknown;
}

void check_value(IssueSink& sink, const Member& value) {
  const NodePosition at_value = NodePosition{}.child(value.position);
  if (!value.present()) {
    sink.add(NodePosition{}.after(), kValue, Severity::kCritical, IssueCode::kValueMissing, "",
             "no \"value\" (the category path or the search terms)");
    return;
  }
  if (!value.value.is_string()) {
    sink.add(at_value, kValue, Severity::kCritical, IssueCode::kValueNotString, "/value",
             "\"value\" is " + describe_value(value.value) + "; send a string");
    return;
  }
  const std::string_view text = value.value.get_string().value_unsafe();
  if (is_blank(text)) {
    sink.add(at_value, kValue, Severity::kCritical, IssueCode::kValueMissing, "/value",
             "\"value\" is empty or only whitespace");
    return;
  }
  const std::size_t length = code_point_count(text);
  if (length > kMaxValueCodePoints) {
    sink.add(at_value, kValue, Severity::kWarning, IssueCode::kValueSuspicious, "/value",
             "\"value\" is " + std::to_string(length) + " characters long (over 500)");
  } else if (looks_like_template_leak(text)) {
    sink.add(at_value, kValue, Severity::kWarning, IssueCode::kValueSuspicious, "/value",
             "\"value\" is " + describe_value(value.value) +
                 ": looks like an unfilled template or a serialized JavaScript value");
  }
}

void check_page_location(IssueSink& sink, const Member& location) {
  if (!location.present()) {
    sink.add(NodePosition{}.after(), kLocation, Severity::kWarning, IssueCode::kLocationMissing, "",
             "no \"location\" (the page URL)");
    return;
  }
  if (!location.value.is_string() ||
      !is_absolute_https_url(location.value.get_string().value_unsafe())) {
    sink.add(NodePosition{}.child(location.position), kLocation, Severity::kWarning,
             IssueCode::kLocationNotHttps, "/location",
             "\"location\" is " + describe_value(location.value) +
                 "; send the absolute https: URL of the page");
  }
}

}  // namespace

EventType check_payload(simdjson::dom::object payload, IssueSink& sink, const ProductFeed* feed) {
  const TopLevel top = collect_top_level(payload, sink);
  PayloadContext context{sink, feed, EventType::kUnknown, std::nullopt, 0, true};
  context.event = classify(top, sink);
  switch (context.event) {
    case EventType::kCategoryView:
    case EventType::kProductSearch:
      check_value(sink, top.fields[kValue]);
      check_page_location(sink, top.fields[kLocation]);
      break;
    case EventType::kPurchase:
      read_purchase_currency(context, top.fields[kPurchase]);
      check_products(context, top.fields[kProducts], top.fields[kProducts].position);
      check_purchase(context, top.fields[kPurchase]);
      break;
    case EventType::kProductView:
    case EventType::kAddToBasket:
    case EventType::kRemoveFromBasket:
      check_products(context, top.fields[kProducts], top.fields[kProducts].position);
      break;
    case EventType::kUnknown:
      break;
  }
  return context.event;
}

std::string json_pointer_token(std::string_view key) {
  std::string token;
  token.reserve(key.size());
  for (char c : key) {
    if (c == '~') {
      token += "~0";
    } else if (c == '/') {
      token += "~1";
    } else {
      token.push_back(c);
    }
  }
  return token;
}

std::string describe_value(simdjson::dom::element value) {
  using simdjson::dom::element_type;
  switch (value.type()) {
    case element_type::STRING: {
      std::string_view text = value.get_string().value_unsafe();
      constexpr std::size_t kShown = 60;
      std::string shown(text.substr(0, kShown));
      if (text.size() > kShown) shown += "...";
      return "a string (\"" + shown + "\")";
    }
    case element_type::INT64:
    case element_type::UINT64:
      return "the number " + simdjson::to_string(value);
    case element_type::DOUBLE: {
      // An integer at least 2^63 in magnitude is kept as a double: say why it is refused
      // where a rule wants an integer.
      const double d = value.get_double().value_unsafe();
      std::string text = "the number " + simdjson::to_string(value);
      if (std::trunc(d) == d && std::fabs(d) >= 9.2233720368547758e18) {
        text += " (an integer beyond the 64-bit range)";
      }
      return text;
    }
    case element_type::BOOL:
      return std::string("a boolean (") + (value.get_bool().value_unsafe() ? "true" : "false") +
             ")";
    case element_type::NULL_VALUE:
      return "null";
    case element_type::ARRAY:
      return "an array";
    case element_type::OBJECT:
      return "an object";
  }
  return "a value";
}

bool is_blank(std::string_view text) { return trim_ascii(text).empty(); }

}  // namespace vshop::events
