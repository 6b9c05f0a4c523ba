// parse_widget_json (vshop/engine/query_table.hpp): a widget page and its display rules as one
// JSON object, for the text front ends (`vshop query`, the C ABI's query, Python's query).
#include "simdjson.h"
#include "vshop/engine/query_table.hpp"
#include "vshop/error.hpp"

namespace vshop {
namespace {

absl::Status bad(std::string_view field, std::string_view want) {
  return error(ErrorCode::kInvalidArgument, "%s: must be %s", field, want);
}

absl::Status read_text(simdjson::dom::element v, std::string_view field, std::string& out) {
  std::string_view s;
  if (v.get_string().get(s) != simdjson::SUCCESS) return bad(field, "a string");
  out.assign(s.data(), s.size());
  return absl::OkStatus();
}

absl::Status read_texts(simdjson::dom::element v, std::string_view field,
                        std::vector<std::string>& out) {
  simdjson::dom::array a;
  if (v.get_array().get(a) != simdjson::SUCCESS) return bad(field, "a list of strings");
  out.clear();
  for (simdjson::dom::element item : a) {
    std::string s;
    if (auto st = read_text(item, field, s); !st.ok()) return st;
    out.push_back(std::move(s));
  }
  return absl::OkStatus();
}

absl::Status read_geo(simdjson::dom::element v, std::vector<WidgetRules::Geo>& out) {
  simdjson::dom::array a;
  if (v.get_array().get(a) != simdjson::SUCCESS) return bad("geo", "a list of objects");
  for (simdjson::dom::element item : a) {
    simdjson::dom::object o;
    if (item.get_object().get(o) != simdjson::SUCCESS) return bad("geo", "a list of objects");
    WidgetRules::Geo g;
    std::string result = "hidden";
    for (auto [key, value] : o) {
      absl::Status st;
      if (key == "field") {
        st = read_text(value, "geo.field", g.field);
      } else if (key == "value") {
        st = read_text(value, "geo.value", g.value);
      } else if (key == "result") {
        st = read_text(value, "geo.result", result);
      } else {
        return error(ErrorCode::kInvalidArgument, "geo.%s: unknown field", key);
      }
      if (!st.ok()) return st;
    }
    if (g.field != "country" && g.field != "city" && g.field != "postal_code" && g.field != "ip") {
      return error(ErrorCode::kInvalidArgument,
                   "geo.field: \"%s\" is not country, city, postal_code or ip", g.field);
    }
    if (result != "hidden" && result != "ongoing_only") {
      return error(ErrorCode::kInvalidArgument, "geo.result: \"%s\" is not hidden or ongoing_only",
                   result);
    }
    g.result = result == "hidden" ? WidgetState::kHidden : WidgetState::kOngoingOnly;
    out.push_back(std::move(g));
  }
  return absl::OkStatus();
}

absl::Status read_rules(simdjson::dom::element v, WidgetRules& rules) {
  simdjson::dom::object o;
  if (v.get_object().get(o) != simdjson::SUCCESS) return bad("rules", "an object");
  for (auto [key, value] : o) {
    absl::Status st;
    if (key == "page_types") {
      st = read_texts(value, "rules.page_types", rules.page_types);
    } else if (key == "allow_urls") {
      st = read_texts(value, "rules.allow_urls", rules.allow_urls);
    } else if (key == "deny_urls") {
      st = read_texts(value, "rules.deny_urls", rules.deny_urls);
    } else if (key == "geo") {
      st = read_geo(value, rules.geo);
    } else {
      return error(ErrorCode::kInvalidArgument, "rules.%s: unknown field", key);
    }
    if (!st.ok()) return st;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status parse_widget_json(std::string_view json, WidgetQuery& query, WidgetRules& rules) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::object o;
  if (json.empty() || parser.parse(json.data(), json.size()).get(doc) != simdjson::SUCCESS ||
      doc.get_object().get(o) != simdjson::SUCCESS) {
    return bad("page", "a JSON object");
  }
  query = WidgetQuery{};
  rules = WidgetRules{};
  const std::pair<std::string_view, std::string*> fields[] = {{"page_url", &query.page_url},
                                                              {"page_type", &query.page_type},
                                                              {"shopper", &query.shopper},
                                                              {"country", &query.country},
                                                              {"city", &query.city},
                                                              {"postal_code", &query.postal_code},
                                                              {"ip", &query.ip}};
  for (auto [key, value] : o) {
    absl::Status st;
    if (key == "rules") {
      st = read_rules(value, rules);
    } else {
      const std::string_view name = key;  // (a structured binding is not captured before C++20)
      const auto* f = std::find_if(std::begin(fields), std::end(fields),
                                   [&](const auto& p) { return p.first == name; });
      if (f == std::end(fields)) {
        return error(ErrorCode::kInvalidArgument, "%s: unknown field of the page", key);
      }
      st = read_text(value, key, *f->second);
    }
    if (!st.ok()) return st;
  }
  return absl::OkStatus();
}

}  // namespace vshop
