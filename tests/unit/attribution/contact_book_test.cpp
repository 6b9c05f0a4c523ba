// The last-contact book behind R-ATTR-1: one slot per shopper, the latest touch wins, the
// window is inclusive to the millisecond.
#include <doctest/doctest.h>

#include "attribution/attribution.hpp"

using namespace vshop;
using namespace vshop::attribution;

TEST_CASE("R-ATTR-1: the contact book keeps the latest contact; the window is inclusive") {
  ContactBook book;
  const Instant t0 = from_epoch_ms(1778745600000);
  CHECK(book.decide(std::nullopt, t0, 1).outcome == Outcome::kNoContact);  // unknown shopper id
  CHECK(book.decide(7, t0, 1).outcome == Outcome::kNoContact);             // never touched
  book.touch(7, /*expert=*/1, /*chat=*/10, t0);
  book.touch(7, /*expert=*/2, /*chat=*/11, t0 + std::chrono::hours(3));  // same day, later
  const Instant last = t0 + std::chrono::hours(3);
  const Decision in = book.decide(7, last + std::chrono::hours(48), 2);
  CHECK(in.outcome == Outcome::kAttributed);
  CHECK(in.contact == Contact{2, 11, last});
  const Decision out = book.decide(7, last + std::chrono::hours(48) + Duration{1}, 2);
  CHECK(out.outcome == Outcome::kOutsideWindow);
  CHECK(book.decide(3, last, 90).outcome == Outcome::kNoContact);  // another shopper id
  // Memory stays flat as history grows: one slot per shopper, whatever the number of contacts.
  for (int i = 0; i < 1000; ++i) book.touch(7, 3, 12, last + Duration{i});
  CHECK(book.size() == 8);
  CHECK(!book.last(6).has_value());  // below the largest shopper: an empty slot
  CHECK(book.last(7)->at == last + Duration{999});
}
