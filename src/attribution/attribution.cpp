#include "vshop/attribution/attribution.hpp"

#include <algorithm>

namespace vshop::attribution {

void ContactBook::touch(std::uint32_t shopper, std::uint32_t expert, std::uint32_t chat,
                        Instant at) {
  if (shopper >= slots_.size()) slots_.resize(shopper + 1);
  slots_[shopper] = Contact{expert, chat, at};
}

std::optional<Contact> ContactBook::last(std::uint32_t shopper) const {
  if (shopper >= slots_.size()) return std::nullopt;
  return slots_[shopper];
}

Decision ContactBook::decide(std::optional<std::uint32_t> shopper, Instant at,
                             int window_days) const {
  if (!shopper) return {Outcome::kNoContact, {}};
  const auto contact = last(*shopper);
  if (!contact) return {Outcome::kNoContact, {}};
  // Fixed duration, inclusive (R-ATTR-1): exactly window_days * 24 h after still counts. A
  // contact after the purchase instant cannot happen (time never goes back).
  const Duration window = std::chrono::hours(24) * window_days;
  if (at - contact->at > window) return {Outcome::kOutsideWindow, *contact};
  return {Outcome::kAttributed, *contact};
}

void ContactBook::restore_slot(std::uint32_t shopper, Contact contact) {
  touch(shopper, contact.expert, contact.chat, contact.at);
}

bool OrderSet::contains(std::string_view order) const { return ids_.contains(absl::string_view(order.data(), order.size())); }

void OrderSet::insert(std::string_view order) { ids_.emplace(std::string(order)); }

std::vector<std::string> OrderSet::sorted() const {
  std::vector<std::string> out(ids_.begin(), ids_.end());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace vshop::attribution
