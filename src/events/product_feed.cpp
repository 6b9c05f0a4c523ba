// clang-format off
#include "events/gcc_workarounds.hpp"  // first: silences a GCC 12 false positive
// clang-format on
#include "vshop/events/product_feed.hpp"

#include "events/json_number.hpp"
#include "simdjson.h"
#include "vshop/error.hpp"

namespace vshop::events {

void ProductFeed::add(FeedProduct product) {
  if (product.group.empty()) product.group = product.id;
  const std::size_t index = products_.size();
  if (product.group != product.id) group_has_variants_[product.group] = true;
  // The group's own line describes the group best; otherwise the first variant does.
  auto [group_it, inserted] = first_of_group_.try_emplace(product.group, index);
  if (!inserted && product.id == product.group) group_it->second = index;
  by_id_[product.id] = index;
  products_.push_back(std::move(product));
}

const FeedProduct* ProductFeed::by_id(std::string_view id) const {
  auto it = by_id_.find(absl::string_view(id.data(), id.size()));
  return it == by_id_.end() ? nullptr : &products_[it->second];
}

const FeedProduct* ProductFeed::find(std::string_view sku) const {
  const absl::string_view key(sku.data(), sku.size());
  if (auto it = first_of_group_.find(key); it != first_of_group_.end()) {
    return &products_[it->second];
  }
  return by_id(sku);
}

bool ProductFeed::has_variants(std::string_view sku) const {
  return group_has_variants_.contains(absl::string_view(sku.data(), sku.size()));
}

namespace {

absl::Status feed_error(std::size_t line, std::string_view what) {
  return error(ErrorCode::kInvalidArgument, "feed line %d: %s", static_cast<int>(line), what);
}

std::optional<std::string> optional_string(simdjson::dom::object object, std::string_view key) {
  simdjson::dom::element value;
  if (object[key].get(value) || !value.is_string()) return std::nullopt;
  return std::string(value.get_string().value_unsafe());
}

}  // namespace

absl::StatusOr<ProductFeed> ProductFeed::from_json_lines(std::string_view text) {
  ProductFeed feed;
  simdjson::dom::parser parser;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++line_number;
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    simdjson::dom::object object;
    if (auto e = parser.parse(line.data(), line.size(), true).get(object)) {
      return feed_error(line_number,
                        std::string("not a JSON object (") + simdjson::error_message(e) + ")");
    }
    FeedProduct product;
    simdjson::dom::element id;
    std::optional<std::string> id_string;
    if (!object["id"].get(id)) id_string = id_text(id);
    if (!id_string || id_string->empty()) {
      return feed_error(line_number, "field \"id\" missing or not a non-empty string");
    }
    product.id = std::move(*id_string);
    simdjson::dom::element group;
    if (!object["group"].get(group) && !group.is_null()) {
      auto group_string = id_text(group);
      if (!group_string) return feed_error(line_number, "field \"group\" is not a string");
      product.group = std::move(*group_string);
    }
    product.name = optional_string(object, "name");
    product.image = optional_string(object, "image");
    product.currency = optional_string(object, "currency");
    simdjson::dom::element price;
    if (!object["price"].get(price) && !price.is_null()) {
      product.price = as_number(price);
      if (!product.price) {
        return feed_error(line_number,
                          "field \"price\" is " + simdjson::to_string(price) + ", not a number");
      }
    }
    feed.add(std::move(product));
  }
  return feed;
}

}  // namespace vshop::events
