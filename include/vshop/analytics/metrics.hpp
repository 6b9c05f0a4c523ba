// The result of a metrics query (R-METRIC-1): exact counts, money in integer minor units per
// currency, and the derived ratios computed and formatted with integer arithmetic only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "date/date.h"
#include "vshop/export.hpp"
#include "vshop/time.hpp"

namespace vshop::analytics {

// Attributed orders of one currency over the range.
struct VSHOP_API CurrencyMetrics {
  std::string_view code;  // ISO 4217 (points into the static currency table)
  int exponent = 2;       // digits after the decimal point
  std::uint64_t orders = 0;
  std::int64_t gross_minor = 0;

  // Gross value as a decimal string with `exponent` digits ("1234.50", JPY "1234", KWD "1.234").
  std::string gross() const;
  // Average order value, rounded half up to the minor unit; "" without orders.
  std::string average() const;
};

// Figures of one scope over a range of reporting days (docs/metrics.md defines each one).
// Ownership: every chat counts for exactly one store (the store of the expert who claimed or
// took it, else the store of its first offer) and at most one expert (who claimed or took it)
// in `initiated`, `claimed` and `missed`; a chat missed with no offer counts for the merchant
// only. So store rows (plus that merchant-only remainder) add up to the merchant row.
struct VSHOP_API Metrics {
  std::uint64_t initiated = 0;  // merchant: chats requested; store/expert: chats it owns
  std::uint64_t claimed = 0;    // owned chats claimed (by the scope's experts)
  std::uint64_t missed = 0;     // owned chats that ended missed (store/expert: taken later)
  std::uint64_t offered = 0;    // store/expert: chats offered to it (any number of scopes each)
  std::uint64_t taken = 0;      // left messages taken by the scope
  std::uint64_t transfers_in = 0;
  std::uint64_t available_associates = 0;  // distinct experts available at any time in range
  std::uint64_t associate_days = 0;        // sum over days of the experts available that day
  std::uint64_t ratings = 0;
  std::uint64_t rating_sum = 0;
  std::uint64_t orders = 0;                 // attributed orders, all currencies
  std::uint64_t unattributed_orders = 0;    // merchant scope only
  std::uint64_t converted = 0;              // chats with at least one attributed order
  std::vector<CurrencyMetrics> currencies;  // sorted by code
  std::uint64_t responses = 0;              // claims with a response time (== claimed)
  // Nearest rank, at most 99 ms below the exact value; exact for whole seconds
  // (response_histogram.hpp).
  std::optional<Duration> response_median;
  std::optional<Duration> response_p90;

  // Chats that reached the scope's experts: claimed + taken + received by transfer.
  std::uint64_t engaged() const { return claimed + taken + transfers_in; }
  // claimed / initiated, converted / engaged, initiated / associate_days (chats per available
  // associate per day, averaged over the range), rating_sum / ratings, claimed / offered:
  // nullopt when the denominator is 0.
  std::optional<double> claimed_ratio() const;
  std::optional<double> conversion_ratio() const;
  std::optional<double> chats_per_associate() const;
  std::optional<double> average_rating() const;
  std::optional<double> offers_claimed_ratio() const;
};

// The format of the Dashboard's exports: CSV (a header line, then rows) or JSON Lines.
enum class ExportFormat : std::uint8_t { kCsv, kJsonLines };

// A local date (reporting-zone calendar day).
using LocalDate = date::year_month_day;

// A reporting date written YYYY-MM-DD; invalid_argument naming `field` and the text otherwise.
VSHOP_API absl::StatusOr<LocalDate> parse_local_date(std::string_view text, std::string_view field);

// One day of a `daily_metrics` series (a local date in the reporting time zone).
struct DailyMetrics {
  date::year_month_day day;
  Metrics metrics;
};

// Whose metrics: the whole merchant, one store, one expert, or a team (the experts whose current
// team it is, R-EXP-2) (R-METRIC-1).
enum class ScopeKind : std::uint8_t { kMerchant, kStore, kExpert, kTeam };

// num / den (times 100 when `percent`) as a decimal string with `decimals` fraction digits,
// rounded half up, computed exactly in integers ("88.2" for 15/17 as a percentage with 1
// decimal); "" when den == 0.
VSHOP_API std::string format_ratio(std::uint64_t num, std::uint64_t den, int decimals,
                                   bool percent);

// A non-negative amount in minor units as a decimal string with `exponent` fraction digits.
VSHOP_API std::string format_minor_units(std::int64_t minor, int exponent);

}  // namespace vshop::analytics
