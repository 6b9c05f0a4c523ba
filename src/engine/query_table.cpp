// The query table (vshop/engine/query_table.hpp): one row per query, name -> arguments -> call
// -> canonical JSON. A row names its arguments by type (Id: a text argument, Page: the widget
// page JSON, Now: the optional trailing instant); the parsing, the arity check and the JSON of
// the answer are generic, so a row is its name, usage, summary and the call.
#include "vshop/engine/query_table.hpp"

#include <algorithm>
#include <functional>
#include <tuple>

#include "vshop/error.hpp"

namespace vshop {
namespace {

using Args = std::vector<std::string>;

struct Id {
  std::string_view text;
};
struct Page {
  WidgetQuery query;
  WidgetRules rules;
};
struct Now {
  Instant at;
};

// Argument `i` read as its type.
absl::Status read(const Engine&, const Args& a, std::size_t i, Id& out) {
  out.text = a[i];
  return absl::OkStatus();
}
absl::Status read(const Engine&, const Args& a, std::size_t i, Page& out) {
  return parse_widget_json(a[i], out.query, out.rules);
}
absl::Status read(const Engine& e, const Args& a, std::size_t i, Now& out) {
  if (i >= a.size()) {
    out.at = e.now();
    return absl::OkStatus();
  }
  auto t = parse_instant(a[i], "now");
  if (!t.ok()) return t.status();
  out.at = *t;
  return absl::OkStatus();
}

// Answers whose JSON the engine writes itself (R-CONTACT-2, R-SCHED-3).
struct JsonText {
  std::string text;
};
std::string to_json(const JsonText& json) { return json.text; }
std::string to_json(const std::vector<ContactEntry>& list) { return contacts_to_json(list); }

// An answer as JSON: StatusOr passes its error through.
template <typename T>
absl::StatusOr<std::string> answer(T&& value) {
  return to_json(value);
}
template <typename T>
absl::StatusOr<std::string> answer(absl::StatusOr<T>&& value) {
  if (!value.ok()) return value.status();
  return to_json(*value);
}

// A view query's answer, or not_found naming `field`.
template <typename T>
absl::StatusOr<T> found(std::optional<T> view, std::string_view field, Id id) {
  if (!view) return error(ErrorCode::kNotFound, "%s: no %s \"%s\"", field, field, id.text);
  return std::move(*view);
}

struct Row {
  QueryInfo info;
  std::size_t required;  // arguments before the optional NOW
  bool takes_now;
  std::function<absl::StatusOr<std::string>(const Engine&, const Args&)> run;
};

template <typename... A, typename F>
Row row(QueryInfo info, F call) {
  constexpr bool kNow = (std::is_same_v<A, Now> || ...);
  return Row{info, sizeof...(A) - (kNow ? 1 : 0), kNow,
             [call](const Engine& e, const Args& a) -> absl::StatusOr<std::string> {
               std::tuple<A...> args;
               absl::Status st;
               std::size_t i = 0;
               std::apply([&](auto&... x) { ((st.ok() ? (st = read(e, a, i++, x)) : st), ...); },
                          args);
               if (!st.ok()) return st;
               return std::apply([&](auto&... x) { return answer(call(e, x...)); }, args);
             }};
}

const std::vector<Row>& rows() {
  static const std::vector<Row> table = [] {
    std::vector<Row> t = {
        row<Id>({"chat", "CHAT", "a chat's state, expert and pending offers"},
                [](const Engine& e, Id c) { return found(e.chat(c.text), "chat", c); }),
        row<Id>({"contacts", "EXPERT", "R-CONTACT-2: the shoppers who accepted the expert"},
                [](const Engine& e, Id x) { return e.contacts(x.text); }),
        row<>({"export_personal_data", "", "R-SCHED-3: every piece of personal data held"},
              [](const Engine& e) { return JsonText{e.export_personal_data()}; }),
        row<Id>({"expert", "EXPERT", "an expert's account, store, availability and load"},
                [](const Engine& e, Id x) { return found(e.expert(x.text), "expert", x); }),
        row<Id, Now>({"explain_expert", "EXPERT [NOW]", "R-WHY-1: would the expert get an offer"},
                     [](const Engine& e, Id x, Now t) { return e.explain_expert(x.text, t.at); }),
        row<Id>({"explain_purchase", "ORDER", "R-WHY-1: why a sale was (not) attributed"},
                [](const Engine& e, Id o) { return e.explain_purchase(o.text); }),
        row<Page, Now>({"explain_widget", "PAGE_JSON [NOW]", "R-WHY-1: the widget's state, why"},
                       [](const Engine& e, const Page& p, Now t) {
                         return e.explain_widget(p.query, p.rules, t.at);
                       }),
        row<Id, Now>({"next_opening", "TZ [NOW]", "R-OPEN-1: when any active store opens next"},
                     [](const Engine& e, Id tz, Now t) { return e.next_opening(t.at, tz.text); }),
        row<Id, Now>({"queue_status", "CHAT [NOW]", "R-QUEUE-1: waves, offers, time left, wait"},
                     [](const Engine& e, Id c, Now t) { return e.queue_status(c.text, t.at); }),
        row<Id, Id>({"shopper_context", "CHAT EXPERT", "R-CTX-1: what the chat's shopper did"},
                    [](const Engine& e, Id c, Id x) { return e.shopper_context(c.text, x.text); }),
        row<Id>({"transfer_candidates", "CHAT", "R-XFER-1: eligible transfer targets by store"},
                [](const Engine& e, Id c) { return e.transfer_candidates(c.text); }),
        row<Page, Now>({"widget_state", "PAGE_JSON [NOW]", "R-DISPLAY-1: what the widget shows"},
                       [](const Engine& e, const Page& p, Now t) {
                         return e.widget_state(p.query, p.rules, t.at);
                       }),
    };
    std::sort(t.begin(), t.end(),
              [](const Row& x, const Row& y) { return x.info.name < y.info.name; });
    return t;
  }();
  return table;
}

}  // namespace

const std::vector<QueryInfo>& query_list() {
  static const std::vector<QueryInfo> list = [] {
    std::vector<QueryInfo> out;
    for (const Row& r : rows()) out.push_back(r.info);
    return out;
  }();
  return list;
}

absl::StatusOr<std::string> run_query(const Engine& engine, std::string_view name,
                                      const std::vector<std::string>& args) {
  const auto& table = rows();
  const auto it =
      std::find_if(table.begin(), table.end(), [&](const Row& r) { return r.info.name == name; });
  if (it == table.end()) {
    std::string names;
    for (const Row& r : table) names += (names.empty() ? "" : ", ") + std::string(r.info.name);
    return error(ErrorCode::kInvalidArgument, "query: unknown query \"%s\" (queries: %s)", name,
                 names);
  }
  const std::size_t most = it->required + (it->takes_now ? 1 : 0);
  if (args.size() < it->required || args.size() > most) {
    const std::string_view usage = it->info.usage.empty() ? "no arguments" : it->info.usage;
    return error(ErrorCode::kInvalidArgument, "%s: takes %s, got %d argument(s)", name, usage,
                 args.size());
  }
  return it->run(engine, args);
}

}  // namespace vshop
