// One size of the scale benchmark, measured phase by phase in a fresh process: setup, the day,
// snapshot, restore; resident memory after each phase, CPU time of each.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace vshop_scale {

struct Size {
  int experts, stores;
  std::int64_t shoppers;
  std::uint64_t seed;
  std::string save_snapshot;  // a folder to write the snapshot to, "" for none
  bool snapshot = true;       // measure snapshot and restore after the day
};

// The figures of one size, as (name, value) in report order; values are numbers, except
// `digest` (a hex string) and `first_error`, which are JSON strings already quoted.
using Figures = std::vector<std::pair<std::string, std::string>>;

// Runs one size in this process and returns its figures.
Figures measure(const Size& size);

}  // namespace vshop_scale
