#include "attribution/attribution.hpp"

namespace vshop::attribution {

void ContactBook::touch(std::uint32_t shopper, std::uint32_t expert, std::uint32_t chat,
                        Instant at) {
  if (shopper >= slots_.size()) slots_.resize(shopper + 1, Contact{kEmpty, 0, Instant{}});
  slots_[shopper] = Contact{expert, chat, at};
}

void ContactBook::restore_slot(std::uint32_t shopper, Contact contact) {
  touch(shopper, contact.expert, contact.chat, contact.at);
}

}  // namespace vshop::attribution
