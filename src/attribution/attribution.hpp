// Sales attribution (docs/reference.md §5): the last point of contact per shopper. The engine
// tells the book about every contact; a purchase asks it who gets the sale (the engine keeps the
// order ids, with each purchase's decision: Core::purchases).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "vshop/time.hpp"

namespace vshop::attribution {

// The latest contact of one shopper (ids are the engine's dense indexes).
struct Contact {
  std::uint32_t expert = 0;
  std::uint32_t chat = 0;
  Instant at{};
  friend bool operator==(const Contact&, const Contact&) = default;
};

enum class Outcome : std::uint8_t { kAttributed, kNoContact, kOutsideWindow };

struct Decision {
  Outcome outcome = Outcome::kNoContact;
  Contact contact;  // meaningful when attributed
};

// O(1) per contact and per lookup; memory is one 16-byte slot per shopper (flat as history
// grows; an empty slot has the expert kEmpty, which no interned expert index reaches).
class ContactBook {
 public:
  // Records a contact (claim, take, message, transfer accepted, finish) (R-ATTR-1, R-PIN-5).
  void touch(std::uint32_t shopper, std::uint32_t expert, std::uint32_t chat, Instant at);
  // Inline: a purchase is one array probe, and inlining lets a caller's loop overlap the cache
  // misses of consecutive purchases (bench/attribution).
  std::optional<Contact> last(std::uint32_t shopper) const {
    if (shopper >= slots_.size() || slots_[shopper].expert == kEmpty) return std::nullopt;
    return slots_[shopper];
  }
  // Who gets a purchase at `at` with the window in force (inclusive, fixed 24 h days).
  Decision decide(std::optional<std::uint32_t> shopper, Instant at, int window_days) const {
    if (!shopper || *shopper >= slots_.size() || slots_[*shopper].expert == kEmpty) {
      return {Outcome::kNoContact, {}};
    }
    const Contact& contact = slots_[*shopper];
    // Fixed duration, inclusive (R-ATTR-1): exactly window_days * 24 h after still counts. A
    // contact after the purchase instant cannot happen (time never goes back).
    const Duration window = std::chrono::hours(24) * window_days;
    if (at - contact.at > window) return {Outcome::kOutsideWindow, contact};
    return {Outcome::kAttributed, contact};
  }

  // One past the largest shopper with a slot (each `last(shopper)` below it may be empty), the
  // bytes the slots hold, and a slot read from a snapshot.
  std::size_t size() const { return slots_.size(); }
  std::size_t bytes() const { return slots_.capacity() * sizeof(Contact); }
  void restore_slot(std::uint32_t shopper, Contact contact);

 private:
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
  std::vector<Contact> slots_;  // by shopper; expert kEmpty: no contact yet
};

}  // namespace vshop::attribution
