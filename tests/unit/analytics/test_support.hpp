// Helpers shared by the analytics tests.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "analytics/metrics_book.hpp"
#include "vshop/time.hpp"

namespace vshop::analytics::testing {

inline Instant at(const char* text) {
  auto t = parse_rfc3339(text);
  REQUIRE(t.ok());
  return *t;
}

// Fails the test (with the message) when a feeding call is rejected.
#define VSHOP_OK(expr)                                           \
  do {                                                           \
    const absl::Status _s = (expr);                              \
    INFO(std::string(_s.message().data(), _s.message().size())); \
    REQUIRE(_s.ok());                                            \
  } while (0)

inline Metrics must(absl::StatusOr<Metrics> m) {
  REQUIRE(m.ok());
  return *std::move(m);
}

}  // namespace vshop::analytics::testing
