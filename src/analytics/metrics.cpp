#include "vshop/analytics/metrics.hpp"

#include "vshop/error.hpp"

namespace vshop::analytics {
namespace {

// GCC/Clang 128-bit integers (exact ratio and money arithmetic without overflow).
__extension__ typedef unsigned __int128 U128;

std::optional<double> ratio(std::uint64_t num, std::uint64_t den) {
  if (den == 0) return std::nullopt;
  return static_cast<double>(num) / static_cast<double>(den);
}

std::uint64_t pow10(int n) {
  std::uint64_t r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

// Writes value / 10^decimals as a decimal string (digits produced right to left in a buffer:
// U128 has at most 39 digits, decimals at most a few).
std::string fixed_point(U128 value, int decimals) {
  char buf[64];
  char* end = buf + sizeof buf;
  char* p = end;
  int written = 0;
  do {
    if (written == decimals && decimals > 0) *--p = '.';
    *--p = static_cast<char>('0' + static_cast<int>(value % 10));
    value /= 10;
    ++written;
  } while (value != 0 || written <= decimals);
  return std::string(p, static_cast<std::size_t>(end - p));
}

}  // namespace

std::string format_minor_units(std::int64_t minor, int exponent) {
  if (minor < 0) {
    std::string out(1, '-');
    out += fixed_point(static_cast<U128>(-(minor + 1)) + 1, exponent);
    return out;
  }
  return fixed_point(static_cast<U128>(minor), exponent);
}

std::string format_ratio(std::uint64_t num, std::uint64_t den, int decimals, bool percent) {
  if (den == 0) return "";
  // Exact: (num * 10^(decimals [+2]) * 2 + den) / (2 * den) rounds half up, in 128 bits.
  const U128 scale = pow10(decimals + (percent ? 2 : 0));
  const U128 scaled = (static_cast<U128>(num) * scale * 2 + den) / (static_cast<U128>(den) * 2);
  return fixed_point(scaled, decimals);
}

absl::StatusOr<LocalDate> parse_local_date(std::string_view text, std::string_view field) {
  const auto digits = [&text](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
  const int y = shaped ? digits(0, 4) : -1, m = shaped ? digits(5, 2) : -1,
            d = shaped ? digits(8, 2) : -1;
  const LocalDate date{date::year{y}, date::month{static_cast<unsigned>(m < 0 ? 0 : m)},
                       date::day{static_cast<unsigned>(d < 0 ? 0 : d)}};
  if (y < 1 || m < 0 || d < 0 || !date.ok()) {
    return error(ErrorCode::kInvalidArgument, "%s: \"%s\" is not a date (YYYY-MM-DD)", field, text);
  }
  return date;
}

std::string CurrencyMetrics::gross() const { return format_minor_units(gross_minor, exponent); }

std::string CurrencyMetrics::average() const {
  if (orders == 0) return "";
  const auto g = static_cast<U128>(gross_minor < 0 ? 0 : gross_minor);
  const U128 avg = (g * 2 + orders) / (static_cast<U128>(orders) * 2);
  return fixed_point(avg, exponent);
}

std::optional<double> Metrics::claimed_ratio() const { return ratio(claimed, initiated); }
std::optional<double> Metrics::conversion_ratio() const { return ratio(converted, engaged()); }
std::optional<double> Metrics::chats_per_associate() const {
  return ratio(initiated, associate_days);
}
std::optional<double> Metrics::offers_claimed_ratio() const { return ratio(claimed, offered); }
std::optional<double> Metrics::average_rating() const { return ratio(rating_sum, ratings); }

}  // namespace vshop::analytics
