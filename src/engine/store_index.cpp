#include "engine/store_index.hpp"

#include <algorithm>

namespace vshop::engine_detail {
namespace {
constexpr std::uint32_t kLeafSize = 8;

double coord(const StoreIndex::Point& p, int axis) {
  return axis == 0 ? p.x : axis == 1 ? p.y : p.z;
}

struct HeapGreater {
  template <typename E>
  bool operator()(const E& a, const E& b) const {
    return a.key > b.key;
  }
};
}  // namespace

void StoreIndex::build(std::vector<Point> points) {
  points_ = std::move(points);
  // Deterministic input order regardless of how the caller collected the points.
  std::sort(points_.begin(), points_.end(),
            [](const Point& a, const Point& b) { return a.store < b.store; });
  nodes_.clear();
  if (!points_.empty()) build_node(0, static_cast<std::uint32_t>(points_.size()));
}

std::uint32_t StoreIndex::build_node(std::uint32_t begin, std::uint32_t end) {
  const auto id = static_cast<std::uint32_t>(nodes_.size());
  nodes_.push_back(Node{});
  Node n{};
  for (int a = 0; a < 3; ++a) {
    n.lo[a] = 2;
    n.hi[a] = -2;
  }
  for (std::uint32_t i = begin; i < end; ++i) {
    for (int a = 0; a < 3; ++a) {
      n.lo[a] = std::min(n.lo[a], coord(points_[i], a));
      n.hi[a] = std::max(n.hi[a], coord(points_[i], a));
    }
  }
  n.begin = begin;
  n.end = end;
  n.left = n.right = kLeaf;
  if (end - begin > kLeafSize) {
    int axis = 0;
    for (int a = 1; a < 3; ++a) {
      if (n.hi[a] - n.lo[a] > n.hi[axis] - n.lo[axis]) axis = a;
    }
    const std::uint32_t mid = begin + (end - begin) / 2;
    std::nth_element(points_.begin() + begin, points_.begin() + mid, points_.begin() + end,
                     [axis](const Point& a, const Point& b) {
                       const double ca = coord(a, axis), cb = coord(b, axis);
                       return ca != cb ? ca < cb : a.store < b.store;
                     });
    n.left = build_node(begin, mid);
    n.right = build_node(mid, end);
  }
  nodes_[id] = n;
  return id;
}

double StoreIndex::box_distance2(const Node& n, double qx, double qy, double qz) {
  const double q[3] = {qx, qy, qz};
  double d = 0;
  for (int a = 0; a < 3; ++a) {
    const double gap = q[a] < n.lo[a] ? n.lo[a] - q[a] : q[a] > n.hi[a] ? q[a] - n.hi[a] : 0.0;
    d += gap * gap;
  }
  return d;
}

void StoreIndex::push(double key, std::uint32_t id, bool point) {
  heap_.push_back(Entry{key, id, point});
  std::push_heap(heap_.begin(), heap_.end(), HeapGreater{});
}

StoreIndex::Entry StoreIndex::pop() {
  std::pop_heap(heap_.begin(), heap_.end(), HeapGreater{});
  const Entry e = heap_.back();
  heap_.pop_back();
  return e;
}

void StoreIndex::expand(const Node& node, double qx, double qy, double qz) {
  if (node.left == kLeaf) {
    for (std::uint32_t i = node.begin; i < node.end; ++i) {
      const Point& p = points_[i];
      // The same formula as chord2(), so equal distances compare equal.
      const double dx = qx - p.x, dy = qy - p.y, dz = qz - p.z;
      push(dx * dx + dy * dy + dz * dz, i, true);
    }
    return;
  }
  push(box_distance2(nodes_[node.left], qx, qy, qz), node.left, false);
  push(box_distance2(nodes_[node.right], qx, qy, qz), node.right, false);
}

}  // namespace vshop::engine_detail
