// A static k-d tree over the stores' unit vectors that enumerates stores by increasing
// distance from a point (best-first search), so that routing visits only the nearest stores
// instead of sorting them all (docs/design.md §7).
#pragma once

#include <cstdint>
#include <vector>

namespace vshop::engine_detail {

struct UnitVector;

class StoreIndex {
 public:
  struct Point {
    double x, y, z;
    std::uint32_t store;
  };

  // Replaces the indexed points.
  void build(std::vector<Point> points);
  bool empty() const { return points_.empty(); }

  // Calls `group(stores, count)` with the stores at exactly equal distance from q, nearest
  // group first, until it returns false or every store was visited. Not reentrant (the search
  // heap is reused between calls so that a query allocates nothing once warm).
  template <typename Group>
  void visit_by_distance(double qx, double qy, double qz, Group&& group);

 private:
  struct Node {
    double lo[3], hi[3];
    std::uint32_t begin, end;   // points of a leaf
    std::uint32_t left, right;  // children; left == kLeaf for a leaf
  };
  struct Entry {
    double key;
    std::uint32_t id;
    bool point;
  };
  static constexpr std::uint32_t kLeaf = 0xFFFFFFFFu;

  std::uint32_t build_node(std::uint32_t begin, std::uint32_t end);
  void push(double key, std::uint32_t id, bool point);
  Entry pop();
  void expand(const Node& node, double qx, double qy, double qz);
  static double box_distance2(const Node& n, double qx, double qy, double qz);

  std::vector<Point> points_;
  std::vector<Node> nodes_;
  std::vector<Entry> heap_;  // search scratch: visit_by_distance is not const
  std::vector<std::uint32_t> group_;
};

template <typename Group>
void StoreIndex::visit_by_distance(double qx, double qy, double qz, Group&& group) {
  if (nodes_.empty()) return;
  heap_.clear();
  push(box_distance2(nodes_[0], qx, qy, qz), 0, false);
  while (!heap_.empty()) {
    Entry e = pop();
    if (!e.point) {
      expand(nodes_[e.id], qx, qy, qz);
      continue;
    }
    // Every node in the heap has a lower bound >= e.key, so the points at exactly e.key are
    // those still in the heap with that key or inside nodes whose bound equals it.
    group_.clear();
    group_.push_back(points_[e.id].store);
    while (!heap_.empty() && heap_.front().key <= e.key) {
      const Entry next = pop();
      if (next.point) {
        group_.push_back(points_[next.id].store);
      } else {
        expand(nodes_[next.id], qx, qy, qz);
      }
    }
    if (!group(group_.data(), group_.size())) return;
  }
}

}  // namespace vshop::engine_detail
