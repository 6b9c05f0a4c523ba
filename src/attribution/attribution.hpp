// Sales attribution (docs/reference.md §5): the last point of contact per shopper and the set of
// order ids. The engine tells the book about every contact; a purchase asks it who gets the sale.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
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

// O(1) per contact and per lookup; memory is one slot per shopper (flat as history grows).
class ContactBook {
 public:
  // Records a contact (claim, take, message, transfer accepted, finish) (R-ATTR-1, R-PIN-5).
  void touch(std::uint32_t shopper, std::uint32_t expert, std::uint32_t chat, Instant at);
  // Inline: a purchase is one array probe, and inlining lets a caller's loop overlap the cache
  // misses of consecutive purchases (bench/attribution).
  std::optional<Contact> last(std::uint32_t shopper) const {
    if (shopper >= slots_.size()) return std::nullopt;
    return slots_[shopper];
  }
  // Who gets a purchase at `at` with the window in force (inclusive, fixed 24 h days).
  Decision decide(std::optional<std::uint32_t> shopper, Instant at, int window_days) const {
    if (!shopper || *shopper >= slots_.size() || !slots_[*shopper]) {
      return {Outcome::kNoContact, {}};
    }
    const Contact& contact = *slots_[*shopper];
    // Fixed duration, inclusive (R-ATTR-1): exactly window_days * 24 h after still counts. A
    // contact after the purchase instant cannot happen (time never goes back).
    const Duration window = std::chrono::hours(24) * window_days;
    if (at - contact.at > window) return {Outcome::kOutsideWindow, contact};
    return {Outcome::kAttributed, contact};
  }

  // Every slot in shopper order (for snapshots) and its inverse.
  const std::vector<std::optional<Contact>>& slots() const { return slots_; }
  void restore_slot(std::uint32_t shopper, Contact contact);

 private:
  std::vector<std::optional<Contact>> slots_;
};

// Order ids seen so far (R-ATTR-2: an order id counts once).
class OrderSet {
 public:
  bool contains(std::string_view order) const;
  void insert(std::string_view order);
  // Sorted, for snapshots (R-DET-1: never hash order).
  std::vector<std::string> sorted() const;
  std::size_t size() const { return ids_.size(); }

 private:
  absl::flat_hash_set<std::string> ids_;
};

}  // namespace vshop::attribution
