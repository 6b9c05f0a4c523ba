#include "attribution/money.hpp"

#include <iterator>
#include <limits>

#include "vshop/currency.hpp"
#include "vshop/error.hpp"

namespace vshop::attribution {
namespace {

absl::StatusOr<int> exponent_of(std::string_view currency) {
  const auto info = find_currency(currency);
  if (!info) {
    return error(ErrorCode::kInvalidArgument, "currency: \"%s\" is not an active ISO 4217 code",
                 currency);
  }
  return info->exponent;
}

}  // namespace

absl::StatusOr<Money> parse_money(std::string_view amount, std::string_view currency,
                                  std::string_view field) {
  auto exponent = exponent_of(currency);
  if (!exponent.ok()) return exponent.status();
  const auto bad = [&](std::string_view why) {
    return error(ErrorCode::kInvalidArgument, "%s: \"%s\" %s", field, amount, why);
  };
  std::size_t i = 0;
  bool negative = false;
  if (i < amount.size() && amount[i] == '-') {
    negative = true;
    ++i;
  }
  std::int64_t value = 0;
  int int_digits = 0, frac_digits = 0;
  bool seen_point = false;
  constexpr std::int64_t kLimit = std::numeric_limits<std::int64_t>::max() / 10 - 9;
  for (; i < amount.size(); ++i) {
    const char c = amount[i];
    if (c == '.') {
      if (seen_point || int_digits == 0) return bad("is not a decimal amount");
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') return bad("is not a decimal amount");
    if (value > kLimit) return bad("is too large");
    value = value * 10 + (c - '0');
    (seen_point ? frac_digits : int_digits)++;
  }
  if (int_digits == 0 || (seen_point && frac_digits == 0)) return bad("is not a decimal amount");
  if (frac_digits > *exponent) {
    return error(ErrorCode::kInvalidArgument, "%s: \"%s\" has more than %d decimals for %s", field,
                 amount, *exponent, currency);
  }
  for (int k = frac_digits; k < *exponent; ++k) {
    if (value > kLimit) return bad("is too large");
    value *= 10;
  }
  return Money{negative ? -value : value, *exponent, std::string(currency)};
}

absl::StatusOr<Money> money_from_minor(std::int64_t minor, std::string_view currency,
                                       std::string_view field) {
  (void)field;
  auto exponent = exponent_of(currency);
  if (!exponent.ok()) return exponent.status();
  return Money{minor, *exponent, std::string(currency)};
}

std::string format_money(const Money& money) {
  const bool negative = money.minor < 0;
  // Work in unsigned so that INT64_MIN has a magnitude.
  std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(money.minor)
                                     : static_cast<std::uint64_t>(money.minor);
  // Digits from the least significant, the point after `exponent` of them.
  char buf[48];
  int n = 0;
  int written = 0;
  do {
    if (money.exponent > 0 && written == money.exponent) buf[n++] = '.';
    buf[n++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
    ++written;
  } while (magnitude != 0 || written <= money.exponent);
  if (negative) buf[n++] = '-';
  return std::string(std::make_reverse_iterator(buf + n), std::make_reverse_iterator(buf));
}

}  // namespace vshop::attribution
