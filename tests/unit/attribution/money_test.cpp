// Exact money and the contact book (R-ATTR-1, R-ATTR-2).
#include "attribution/money.hpp"

#include <doctest/doctest.h>

#include "attribution/attribution.hpp"
#include "vshop/error.hpp"

using namespace vshop;
using namespace vshop::attribution;

TEST_CASE("R-ATTR-2: decimal strings scale by the currency exponent, exactly") {
  CHECK(parse_money("89.95", "EUR")->minor == 8995);
  CHECK(parse_money("89.9", "EUR")->minor == 8990);
  CHECK(parse_money("89", "EUR")->minor == 8900);
  CHECK(parse_money("-3.05", "USD")->minor == -305);
  CHECK(parse_money("1500", "JPY")->minor == 1500);
  CHECK(parse_money("1.234", "KWD")->minor == 1234);
  CHECK(parse_money("0.1", "EUR")->minor == 10);  // no binary rounding: 0.1 is exact
  CHECK(format_money(*parse_money("0.05", "EUR")) == "0.05");
  CHECK(format_money(*parse_money("-1234.5", "EUR")) == "-1234.50");
  CHECK(format_money(*parse_money("7", "JPY")) == "7");
  CHECK(format_money(*money_from_minor(8995, "EUR")) == "89.95");
  CHECK(format_money(Money{INT64_MIN, 2, "EUR"}) == "-92233720368547758.08");
  for (const char* bad :
       {"", "-", ".5", "5.", "1.2.3", "1,5", "1e3", " 1", "1.005", "abc", "99999999999999999999"}) {
    INFO(bad);
    const auto r = parse_money(bad, "EUR");
    CHECK(error_code_of(r.status()) == ErrorCode::kInvalidArgument);
    CHECK(std::string(r.status().message()).find("subtotal") != std::string::npos);
  }
  const auto cur = parse_money("1.00", "EURO");
  CHECK(std::string(cur.status().message()).find("currency") != std::string::npos);
}

TEST_CASE("R-ATTR-1: the contact book keeps the latest contact; the window is inclusive") {
  ContactBook book;
  const Instant t0 = from_epoch_ms(1'000'000'000'000);
  CHECK(book.decide(std::nullopt, t0, 1).outcome == Outcome::kNoContact);
  CHECK(book.decide(7u, t0, 1).outcome == Outcome::kNoContact);
  book.touch(7, 1, 10, t0);
  book.touch(7, 2, 11, t0 + std::chrono::hours(1));
  const auto d = book.decide(7u, t0 + std::chrono::hours(25), 1);
  CHECK(d.outcome == Outcome::kAttributed);
  CHECK(d.contact.expert == 2);
  CHECK(d.contact.chat == 11);
  CHECK(book.decide(7u, t0 + std::chrono::hours(25) + Duration{1}, 1).outcome ==
        Outcome::kOutsideWindow);
  CHECK(book.decide(7u, t0 + std::chrono::hours(25) + Duration{1}, 2).outcome ==
        Outcome::kAttributed);
}
