// clang-format off
#include "events/gcc_workarounds.hpp"  // first: silences a GCC 12 false positive
// clang-format on
#include "vshop/events/stream_checker.hpp"

namespace vshop::events {
namespace {

constexpr Duration kDuplicateWindow{2000};
constexpr Duration kCategoryViewWindow{1000};

bool within(Instant a, Instant b, Duration window) { return (a > b ? a - b : b - a) <= window; }

std::string key_of(std::string_view session, std::string_view rest) {
  std::string key;
  key.reserve(session.size() + rest.size() + 1);
  key.append(session);
  key.push_back('\n');  // never inside the compact payload text or an id read from JSON
  key.append(rest);
  return key;
}

// Looks up the last instant for `key` and records `now` as the new last one.
bool seen_within(absl::flat_hash_map<std::string, Instant>& last, const std::string& key,
                 Instant now, Duration window) {
  auto [it, inserted] = last.try_emplace(key, now);
  const bool hit = !inserted && within(it->second, now, window);
  it->second = now;
  return hit;
}

bool recently(const absl::flat_hash_map<std::string, Instant>& last, const std::string& key,
              Instant now, Duration window) {
  auto it = last.find(key);
  return it != last.end() && within(it->second, now, window);
}

}  // namespace

std::vector<StreamFinding> StreamChecker::check(const EnvelopeInfo& envelope, EventType event) {
  std::vector<StreamFinding> findings;
  if (event == EventType::kAddToBasket || event == EventType::kRemoveFromBasket ||
      event == EventType::kPurchase) {
    const bool repeated =
        seen_within(last_payload_, key_of(envelope.session, envelope.payload_text), envelope.at,
                    kDuplicateWindow);
    const bool same_order = event == EventType::kPurchase && !envelope.purchase_id.empty() &&
                            !purchase_ids_.insert(envelope.purchase_id).second;
    if (repeated || same_order) {
      findings.push_back(
          {IssueCode::kDuplicateEvent, false,
           repeated ? "session \"" + envelope.session +
                          "\" sent the same payload again within 2 s (the event fires more "
                          "than once)"
                    : "order id \"" + envelope.purchase_id +
                          "\" was already sent (the purchase would be counted twice)"});
    }
  }
  if (envelope.first_location.empty()) return findings;
  const std::string key = key_of(envelope.session, envelope.first_location);
  if (event == EventType::kCategoryView) {
    if (recently(last_view_, key, envelope.at, kCategoryViewWindow)) {
      findings.push_back({IssueCode::kCategoryWithProductView, true,
                          "category_view within 1 s of a product_view of the same page in "
                          "session \"" +
                              envelope.session +
                              "\": the category event fires together with the view event"});
    }
    last_category_[key] = envelope.at;
  } else if (event == EventType::kProductView) {
    if (recently(last_category_, key, envelope.at, kCategoryViewWindow)) {
      findings.push_back({IssueCode::kCategoryWithProductView, true,
                          "product_view within 1 s of a category_view of the same page in "
                          "session \"" +
                              envelope.session +
                              "\": the category event fires together with the view event"});
    }
    last_view_[key] = envelope.at;
  }
  return findings;
}

}  // namespace vshop::events
