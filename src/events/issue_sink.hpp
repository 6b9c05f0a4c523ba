// Collects issues with the key that puts them in docs/events.md "Order of issues": document order
// of the node each points at, issues at an object after everything inside it, then the §1 field
// order, then the §2 code order. Rules may then run in whatever order is simplest.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "vshop/events/issue.hpp"

namespace vshop::events {

// Where a node sits: the 1-based position of each member or element on the way down from the
// top-level object (0 = not that deep). `kAfter` in the slot below an object means "the object
// itself, after all of its content".
struct NodePosition {
  static constexpr std::uint32_t kAfter = UINT32_MAX;
  std::array<std::uint32_t, 3> slots{};

  // The object-level position of the object at `this`.
  NodePosition after() const {
    NodePosition p = *this;
    for (auto& slot : p.slots) {
      if (slot == 0) {
        slot = kAfter;
        break;
      }
    }
    return p;
  }
  NodePosition child(std::uint32_t one_based) const {
    NodePosition p = *this;
    for (auto& slot : p.slots) {
      if (slot == 0) {
        slot = one_based;
        break;
      }
    }
    return p;
  }
  friend auto operator<=>(const NodePosition&, const NodePosition&) = default;
};

// Rank of a field in the §1 order used to break ties at one path; kNoField sorts last.
inline constexpr std::uint8_t kNoField = 255;

class IssueSink {
 public:
  void add(NodePosition position, std::uint8_t field_rank, Severity severity, IssueCode code,
           std::string path, std::string message) {
    keys_.push_back({position, field_rank, code, keys_.size()});
    issues_.push_back({severity, code, std::move(path), std::move(message)});
  }

  void clear() {
    keys_.clear();
    issues_.clear();
  }

  // The issues in contract order (moves them out; the sink is left empty).
  std::vector<Issue> take_sorted() {
    std::sort(keys_.begin(), keys_.end(), [](const Key& a, const Key& b) {
      if (a.position != b.position) return a.position < b.position;
      if (a.field_rank != b.field_rank) return a.field_rank < b.field_rank;
      if (a.code != b.code) return a.code < b.code;
      return a.sequence < b.sequence;
    });
    std::vector<Issue> sorted;
    sorted.reserve(keys_.size());
    for (const Key& key : keys_) sorted.push_back(std::move(issues_[key.sequence]));
    clear();
    return sorted;
  }

 private:
  struct Key {
    NodePosition position;
    std::uint8_t field_rank;
    IssueCode code;
    std::size_t sequence;
  };
  std::vector<Key> keys_;
  std::vector<Issue> issues_;
};

}  // namespace vshop::events
