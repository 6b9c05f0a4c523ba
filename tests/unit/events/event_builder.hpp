// Builds realistic payloads for the event tests: a complete, issue-free event of each type,
// with fields replaced, added or removed per test.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "doctest/doctest.h"
#include "vshop/events/validator.hpp"

namespace vshop::events::testing {

// Member name -> raw JSON text; in `changes`, an empty text removes the member.
using Fields = std::vector<std::pair<std::string, std::string>>;

inline std::string object(Fields base, const Fields& changes = {}) {
  for (const auto& [name, json] : changes) {
    bool found = false;
    for (auto it = base.begin(); it != base.end(); ++it) {
      if (it->first == name) {
        found = true;
        if (json.empty()) {
          base.erase(it);
        } else {
          it->second = json;
        }
        break;
      }
    }
    if (!found && !json.empty()) base.emplace_back(name, json);
  }
  std::string out = "{";
  for (const auto& [name, json] : base) {
    if (out.size() > 1) out += ",";
    out += "\"" + name + "\":" + json;
  }
  return out + "}";
}

inline Fields good_product() {
  return {{"id", "\"JKT-100-M-BLK\""},
          {"name", "\"Rain jacket\""},
          {"price", "129.9"},
          {"currency", "\"SEK\""},
          {"quantity", "1"},
          {"basketQuantity", "1"},
          {"brand", "\"Nordic Wear\""},
          {"category", "\"Women > Jackets\""},
          {"variant", "\"M / Black\""},
          {"location", "\"https://shop.example/p/jkt-100\""},
          {"image", "\"https://cdn.example/jkt-100.jpg\""}};
}

inline Fields good_purchase() {
  return {{"id", "\"A-1001\""}, {"currency", "\"SEK\""}, {"subtotal", "129.9"},
          {"total", "162.38"},  {"tax", "32.48"},        {"shipping", "0"}};
}

// A complete event of `type` ("ecommerce:detail", ...) whose one product has `product_changes`.
inline std::string product_event(const std::string& type, const Fields& product_changes = {},
                                 const Fields& top_changes = {},
                                 const Fields& purchase_changes = {}) {
  Fields top = {{"type", "\"" + type + "\""},
                // StrCat, not "[" + temporary: GCC 12 at -O3 reports a false -Wrestrict in
                // operator+(const char*, std::string&&) (GCC bug 105651).
                {"products", absl::StrCat("[", object(good_product(), product_changes), "]")}};
  if (type == "ecommerce:purchase")
    top.emplace_back("purchase", object(good_purchase(), purchase_changes));
  return object(top, top_changes);
}

inline std::string page_event(const std::string& action, const Fields& changes = {}) {
  return object({{"type", "\"event\""},
                 {"action", "\"" + action + "\""},
                 {"value", action == "search" ? "\"black jacket\"" : "\"Women > Shoes\""},
                 {"location", "\"https://shop.example/women/shoes\""}},
                changes);
}

inline const Issue* find_issue(const ValidationResult& result, IssueCode code) {
  for (const Issue& issue : result.issues) {
    if (issue.code == code) return &issue;
  }
  return nullptr;
}

// Checks that `json` yields `code` with exactly this severity and path.
inline void expect_issue(const std::string& json, IssueCode code, Severity severity,
                         const std::string& path, const ProductFeed* feed = nullptr) {
  const ValidationResult result = validate(json, feed);
  INFO("payload: " << json);
  const Issue* issue = find_issue(result, code);
  REQUIRE_MESSAGE(issue != nullptr, "missing code " << issue_code_name(code));
  CHECK(issue->severity == severity);
  CHECK(issue->path == path);
  CHECK_FALSE(issue->message.empty());
}

inline void expect_no_issue(const std::string& json, IssueCode code,
                            const ProductFeed* feed = nullptr) {
  const ValidationResult result = validate(json, feed);
  INFO("payload: " << json);
  CHECK_MESSAGE(find_issue(result, code) == nullptr, "unexpected code " << issue_code_name(code));
}

inline void expect_clean(const std::string& json, const ProductFeed* feed = nullptr) {
  const ValidationResult result = validate(json, feed);
  INFO("payload: " << json);
  for (const Issue& issue : result.issues) {
    INFO(issue_code_name(issue.code) << " at " << issue.path << ": " << issue.message);
    CHECK(false);
  }
}

}  // namespace vshop::events::testing
