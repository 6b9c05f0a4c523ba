// The query table (vshop/engine/query_table.hpp): name -> arguments -> call -> canonical JSON.
#include "vshop/engine/query_table.hpp"

#include <algorithm>
#include <functional>

#include "core/json_writer.hpp"
#include "simdjson.h"
#include "vshop/error.hpp"

namespace vshop {
namespace {

using Args = std::vector<std::string>;
using Run = std::function<absl::StatusOr<std::string>(const Engine&, const Args&)>;

struct Row {
  QueryInfo info;
  std::size_t required;  // arguments before the optional NOW
  bool takes_now;
  Run run;
};

// Argument `i` (`name` for messages) as an instant; the engine's time when absent.
absl::StatusOr<Instant> now_arg(const Engine& engine, const Args& args, std::size_t i) {
  if (i >= args.size()) return engine.now();
  return parse_instant(args[i], "now");
}

void id_or_null(JsonWriter& out, std::string_view key, const std::string& id) {
  out.key(key);
  id.empty() ? out.null() : out.string(id);
}

std::string expert_json(const ExpertView& v) {
  JsonWriter out;
  out.begin_object();
  out.key("id").string(v.id);
  out.key("account").string(expert_account_name(v.account));
  out.key("anonymized").boolean(v.anonymized);
  id_or_null(out, "store", v.store);
  out.key("available").boolean(v.available);
  out.key("active_chats").integer(v.active_chats);
  out.key("missed_streak").integer(v.missed_streak);
  out.key("decline_streak").integer(v.decline_streak);
  id_or_null(out, "pending_offer", v.pending_offer);
  id_or_null(out, "pending_transfer", v.pending_transfer);
  id_or_null(out, "video_chat", v.video_chat);
  out.end_object();
  return out.take();
}

std::string chat_json(const ChatView& v) {
  JsonWriter out;
  out.begin_object();
  out.key("id").string(v.id);
  out.key("shopper").string(v.shopper);
  out.key("state").string(chat_state_name(v.state));
  id_or_null(out, "expert", v.expert);
  out.key("transfer_pending").boolean(v.transfer_pending);
  out.key("video").boolean(v.video);
  out.key("pending_offers").begin_array();
  for (const auto& e : v.pending_offers) out.string(e);
  out.end_array();
  out.key("rating").integer(v.rating);
  out.end_object();
  return out.take();
}

std::string candidates_json(const std::vector<StoreCandidates>& groups) {
  JsonWriter out;
  out.begin_array();
  for (const auto& g : groups) {
    out.begin_object();
    out.key("store").string(g.store);
    out.key("experts").begin_array();
    for (const auto& e : g.experts) out.string(e);
    out.end_array();
    out.end_object();
  }
  out.end_array();
  return out.take();
}

template <typename T>
absl::StatusOr<std::string> json_of(absl::StatusOr<T> answer) {
  if (!answer.ok()) return answer.status();
  return to_json(*answer);
}

const std::vector<Row>& rows() {
  static const std::vector<Row> table = [] {
    std::vector<Row> t = {
        {{"chat", "CHAT", "a chat's state, expert and pending offers"},
         1,
         false,
         [](const Engine& e, const Args& a) -> absl::StatusOr<std::string> {
           auto v = e.chat(a[0]);
           if (!v) return error(ErrorCode::kNotFound, "chat: no chat \"%s\"", a[0]);
           return chat_json(*v);
         }},
        {{"expert", "EXPERT", "an expert's account, store, availability and load"},
         1,
         false,
         [](const Engine& e, const Args& a) -> absl::StatusOr<std::string> {
           auto v = e.expert(a[0]);
           if (!v) return error(ErrorCode::kNotFound, "expert: no expert \"%s\"", a[0]);
           return expert_json(*v);
         }},
        {{"explain_expert", "EXPERT [NOW]", "R-WHY-1: would the expert receive an offer, and why"},
         1,
         true,
         [](const Engine& e, const Args& a) -> absl::StatusOr<std::string> {
           auto now = now_arg(e, a, 1);
           if (!now.ok()) return now.status();
           return json_of(e.explain_expert(a[0], *now));
         }},
        {{"explain_purchase", "ORDER", "R-WHY-1: why a sale was (not) attributed"},
         1,
         false,
         [](const Engine& e, const Args& a) { return json_of(e.explain_purchase(a[0])); }},
        {{"explain_widget", "PAGE_JSON [NOW]", "R-WHY-1: the widget's state and why"},
         1,
         true,
         [](const Engine& e, const Args& a) -> absl::StatusOr<std::string> {
           WidgetQuery q;
           WidgetRules r;
           if (auto st = parse_widget_json(a[0], q, r); !st.ok()) return st;
           auto now = now_arg(e, a, 1);
           if (!now.ok()) return now.status();
           return to_json(e.explain_widget(q, r, *now));
         }},
        {{"next_opening", "TZ [NOW]", "R-OPEN-1: when any active store opens next"},
         1,
         true,
         [](const Engine& e, const Args& a) -> absl::StatusOr<std::string> {
           auto now = now_arg(e, a, 1);
           if (!now.ok()) return now.status();
           return json_of(e.next_opening(*now, a[0]));
         }},
        {{"queue_status", "CHAT [NOW]", "R-QUEUE-1: waves, offers, time left, position, wait"},
         1,
         true,
         [](const Engine& e, const Args& a) -> absl::StatusOr<std::string> {
           auto now = now_arg(e, a, 1);
           if (!now.ok()) return now.status();
           return json_of(e.queue_status(a[0], *now));
         }},
        {{"shopper_context", "CHAT EXPERT", "R-CTX-1: what the chat's shopper did"},
         2,
         false,
         [](const Engine& e, const Args& a) { return json_of(e.shopper_context(a[0], a[1])); }},
        {{"transfer_candidates", "CHAT", "R-XFER-1: eligible transfer targets by store"},
         1,
         false,
         [](const Engine& e, const Args& a) -> absl::StatusOr<std::string> {
           auto groups = e.transfer_candidates(a[0]);
           if (!groups.ok()) return groups.status();
           return candidates_json(*groups);
         }},
        {{"widget_state", "PAGE_JSON [NOW]", "R-DISPLAY-1: visible, ongoing_only or hidden"},
         1,
         true,
         [](const Engine& e, const Args& a) -> absl::StatusOr<std::string> {
           WidgetQuery q;
           WidgetRules r;
           if (auto st = parse_widget_json(a[0], q, r); !st.ok()) return st;
           auto now = now_arg(e, a, 1);
           if (!now.ok()) return now.status();
           JsonWriter out;
           out.begin_object();
           out.key("state").string(widget_state_name(e.widget_state(q, r, *now)));
           out.end_object();
           return out.take();
         }},
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
    return error(ErrorCode::kInvalidArgument, "%s: takes %s, got %d argument(s)", name,
                 it->info.usage, args.size());
  }
  return it->run(engine, args);
}

}  // namespace vshop
