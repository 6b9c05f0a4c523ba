// issue 15 (purchase): OrderTable against a std::map model (R-ATTR-2: an order id counts once):
// ids that share prefixes, differ in one byte or are empty, removal of the last insert, and the
// sorted listing the snapshot writes.
#include "attribution/order_table.hpp"

#include <doctest/doctest.h>

#include <map>
#include <random>
#include <string>

using vshop::attribution::OrderTable;

TEST_CASE("purchase: R-ATTR-2 the order table answers as a map of ids") {
  std::mt19937_64 rng(17);
  OrderTable<int> table;
  std::map<std::string, int> model;
  const auto random_id = [&] {
    // Few distinct bytes and lengths 0..12: many ids share prefixes or differ in one byte.
    std::string id(rng() % 13, 'a');
    for (char& ch : id) ch = static_cast<char>('a' + rng() % 3);
    return id;
  };
  for (int step = 0; step < 20000; ++step) {
    const std::string id = random_id();
    if (rng() % 10 == 0 && !model.empty()) {
      // Remove the id inserted last, as a refused purchase does.
      const auto listed = table.sorted();
      std::string last;
      int newest = -1;
      for (const auto& [order, record] : listed) {
        if (*record > newest) newest = *record, last = std::string(order);
      }
      table.pop_back();
      model.erase(last);
      continue;
    }
    const auto [record, fresh] = table.try_insert(id);
    REQUIRE(fresh == !model.contains(id));
    if (fresh) {
      *record = 1000 + step;  // insertion order, so that the test finds the last insert
      model[id] = 1000 + step;
    }
    REQUIRE(*record == model.at(id));
    const std::string other = random_id();
    const int* found = table.find(other);
    REQUIRE((found != nullptr) == model.contains(other));
    if (found != nullptr) REQUIRE(*found == model.at(other));
  }
  REQUIRE(table.size() == model.size());
  // for_each visits every order once, in insertion order (the records hold the step).
  std::map<std::string, int> visited;
  int previous = -1;
  table.for_each([&](std::string_view order, const int& record) {
    CHECK(record > previous);
    previous = record;
    visited.emplace(std::string(order), record);
  });
  CHECK(visited == model);
  const auto listed = table.sorted();
  auto it = model.begin();
  for (const auto& [order, record] : listed) {
    REQUIRE(order == it->first);
    REQUIRE(*record == it->second);
    ++it;
  }
}
