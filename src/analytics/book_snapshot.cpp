#include "vshop/analytics/metrics_book.hpp"
#include "vshop/error.hpp"

namespace vshop::analytics {

void MetricsBook::write(JsonWriter& out) const {
  out.begin_object();
  out.end_object();
}

absl::StatusOr<MetricsBook> MetricsBook::read(std::string_view /*json*/) {
  return MetricsBook();
}

}  // namespace vshop::analytics
