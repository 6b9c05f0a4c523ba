#include "attribution/attribution.hpp"

#include <algorithm>

namespace vshop::attribution {

void ContactBook::touch(std::uint32_t shopper, std::uint32_t expert, std::uint32_t chat,
                        Instant at) {
  if (shopper >= slots_.size()) slots_.resize(shopper + 1);
  slots_[shopper] = Contact{expert, chat, at};
}

void ContactBook::restore_slot(std::uint32_t shopper, Contact contact) {
  touch(shopper, contact.expert, contact.chat, contact.at);
}

bool OrderSet::contains(std::string_view order) const {
  return ids_.contains(absl::string_view(order.data(), order.size()));
}

void OrderSet::insert(std::string_view order) { ids_.emplace(std::string(order)); }

std::vector<std::string> OrderSet::sorted() const {
  std::vector<std::string> out(ids_.begin(), ids_.end());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace vshop::attribution
