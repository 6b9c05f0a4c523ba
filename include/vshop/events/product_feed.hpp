// The merchant's product feed (catalogue) used as fallback for missing recommended fields and
// to tell group SKUs from unique SKUs (docs/events.md, "With a product feed").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "vshop/export.hpp"

namespace vshop::events {

// One catalogue line. `group` equals `id` for a product without variants.
struct FeedProduct {
  std::string id;
  std::string group;
  std::optional<std::string> name;
  std::optional<std::string> image;
  std::optional<double> price;
  std::optional<std::string> currency;
};

class VSHOP_API ProductFeed {
 public:
  // Adds a line; a later line with the same id replaces the earlier one.
  void add(FeedProduct product);

  // Parses JSON Lines, one `{"id","group","name","image","price","currency"}` per line
  // (blank lines skipped). Fails with invalid_argument naming the line and the field.
  static absl::StatusOr<ProductFeed> from_json_lines(std::string_view text);

  // The line whose `id` is `id`, or nullptr.
  const FeedProduct* by_id(std::string_view id) const;
  // The line that describes `sku` as either its id or its group (the group's own line first),
  // or nullptr when `sku` is not in the feed.
  const FeedProduct* find(std::string_view sku) const;
  // True when some line has `group == sku` and an id different from it (a group with variants).
  bool has_variants(std::string_view sku) const;

  std::size_t size() const { return products_.size(); }

 private:
  std::vector<FeedProduct> products_;
  absl::flat_hash_map<std::string, std::size_t> by_id_;
  absl::flat_hash_map<std::string, std::size_t> first_of_group_;
  absl::flat_hash_map<std::string, bool> group_has_variants_;
};

}  // namespace vshop::events
