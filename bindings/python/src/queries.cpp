// The const queries of vshop.Engine (docs/reference.md Appendix A), answered as the records of
// vshop/_records.py. Each holds the engine shared, so queries may run together.
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "conv.hpp"
#include "engine.hpp"
#include "vshop/engine/query_table.hpp"

namespace vshop::python {

namespace {

using namespace pybind11::literals;

py::object id_or_none(const std::string& id) {
  return id.empty() ? py::none() : py::object(py::str(id));
}

py::object expert_record(const ExpertView& v) {
  return records().attr("ExpertView")(
      "id"_a = v.id, "account"_a = to_py(v.account), "anonymized"_a = v.anonymized,
      "store"_a = id_or_none(v.store), "available"_a = v.available,
      "active_chats"_a = v.active_chats, "missed_streak"_a = v.missed_streak,
      "decline_streak"_a = v.decline_streak, "pending_offer"_a = id_or_none(v.pending_offer),
      "pending_transfer"_a = id_or_none(v.pending_transfer),
      "video_chat"_a = id_or_none(v.video_chat));
}

py::object chat_record(const ChatView& v) {
  return records().attr("ChatView")(
      "id"_a = v.id, "shopper"_a = v.shopper, "state"_a = to_py(v.state),
      "expert"_a = id_or_none(v.expert), "transfer_pending"_a = v.transfer_pending,
      "video"_a = v.video, "pending_offers"_a = v.pending_offers,
      "rating"_a = v.rating == 0 ? py::object(py::none()) : py::object(py::int_(v.rating)),
      "shopper_online"_a = v.shopper_online, "left_message"_a = v.left_message);
}

py::object settings_record(const Settings& s) {
  return records().attr("Settings")(
      "max_active_chats"_a = s.max_active_chats, "claim_window"_a = from_duration(s.claim_window),
      "offer_timeout"_a = from_duration(s.offer_timeout), "offer_fanout"_a = s.offer_fanout,
      "missed_streak_limit"_a = s.missed_streak_limit,
      "decline_streak_limit"_a = s.decline_streak_limit,
      "transfer_timeout"_a = from_duration(s.transfer_timeout),
      "attribution_window_days"_a = s.attribution_window_days,
      "metrics_retention_days"_a = s.metrics_retention_days,
      "reporting_timezone"_a = s.reporting_timezone, "show_when_busy"_a = s.show_when_busy,
      "show_outside_opening_hours"_a = s.show_outside_opening_hours,
      "invite_code"_a = id_or_none(s.invite_code), "contact_channels"_a = s.contact_channels,
      "region"_a = s.region);
}

std::vector<std::string> strings_of(py::handle seq) {
  std::vector<std::string> out;
  for (const py::handle item : py::iter(seq)) out.emplace_back(py::str(item));
  return out;
}

// A vshop.WidgetRules record (or None: the defaults) as the C++ rules.
WidgetRules widget_rules(py::handle rules) {
  WidgetRules out;
  if (rules.is_none()) return out;
  out.page_types = strings_of(rules.attr("page_types"));
  out.allow_urls = strings_of(rules.attr("allow_urls"));
  out.deny_urls = strings_of(rules.attr("deny_urls"));
  for (const py::handle geo : py::iter(rules.attr("geo"))) {
    out.geo.push_back({py::str(geo.attr("field")), py::str(geo.attr("value")),
                       from_py<WidgetState>(geo.attr("result"), "rules.geo.result")});
  }
  return out;
}

// Binds `name(id)`: the view `Method` answers as the record `Record` makes, or None.
template <auto Method, auto Record>
void def_view_query(py::class_<PyEngine>& cls, const char* name, const char* doc) {
  cls.def(
      name,
      [](const PyEngine& self, std::string_view id) -> py::object {
        auto view = [&] {
          const auto lock = self.shared();
          return (self.engine.*Method)(id);
        }();
        return view ? Record(*view) : py::none();
      },
      "id"_a, doc);
}

}  // namespace

void bind_queries(py::class_<PyEngine>& cls) {
  def_view_query<&Engine::expert, &expert_record>(
      cls, "expert", "The expert as a vshop.ExpertView, or None for an unknown id.");
  def_view_query<&Engine::chat, &chat_record>(
      cls, "chat", "The chat as a vshop.ChatView, or None for an unknown id.");
  cls.def(
      "open_chats",
      [](const PyEngine& self, std::string_view expert) {
        const auto lock = self.shared();
        return self.engine.open_chats(expert);
      },
      "expert"_a, "The expert's active chats, in creation order.");
  cls.def(
      "transfer_candidates",
      [](const PyEngine& self, std::string_view chat) {
        std::vector<StoreCandidates> candidates;
        {
          const auto lock = self.shared();
          candidates = check(self.engine.transfer_candidates(chat));
        }
        py::list out;
        for (const StoreCandidates& c : candidates) {
          out.append(records().attr("StoreCandidates")(c.store, c.experts));
        }
        return out;
      },
      "chat"_a, "R-XFER-1: eligible transfer targets by store (vshop.NotFound: unknown chat).");
  cls.def(
      "contacts",
      [](const PyEngine& self, std::string_view expert) {
        std::vector<ContactEntry> contacts;
        {
          const auto lock = self.shared();
          contacts = check(self.engine.contacts(expert));
        }
        py::list out;
        for (const ContactEntry& c : contacts) {
          out.append(records().attr("Contact")(c.shopper, c.channel, c.address));
        }
        return out;
      },
      "expert"_a, "R-CONTACT-2: the expert's contacts in shopper id order (vshop.NotFound).");
  def_plain_query<&Engine::export_personal_data>(
      cls, "export_personal_data",
      "R-SCHED-3: every piece of personal data held, as one canonical JSON object (str).");
  def_plain_query<&Engine::pending_left_messages>(
      cls, "pending_left_messages",
      "Left messages waiting to be taken, in request order (R-CHAT-6).");
  def_plain_query<&Engine::chat_count>(cls, "chat_count", "The number of chats ever created.");
  cls.def(
      "settings",
      [](const PyEngine& self) {
        const auto lock = self.shared();
        return settings_record(self.engine.settings());
      },
      "The merchant settings as a vshop.Settings record.");
  cls.def(
      "widget_state",
      [](const PyEngine& self, py::handle now, std::string page_url, std::string page_type,
         std::string shopper, std::string country, std::string city, std::string postal_code,
         std::string ip, py::handle rules) {
        const Instant t = to_instant(now, "now");
        const WidgetQuery query{std::move(page_url), std::move(page_type), std::move(shopper),
                                std::move(country),  std::move(city),      std::move(postal_code),
                                std::move(ip)};
        const WidgetRules r = widget_rules(rules);
        const auto lock = self.shared();
        return to_py(self.engine.widget_state(query, r, t));
      },
      "now"_a, py::kw_only(), "page_url"_a, "page_type"_a, "shopper"_a = "", "country"_a = "",
      "city"_a = "", "postal_code"_a = "", "ip"_a = "", "rules"_a = py::none(),
      "R-DISPLAY-1: what the on-site widget shows (a vshop.WidgetState).");
  cls.def(
      "_query_json",
      [](const PyEngine& self, std::string_view name, const std::vector<std::string>& args) {
        const auto lock = self.shared();
        return check(run_query(self.engine, name, args));
      },
      "name"_a, "args"_a,
      "A query of `vshop query` by name with text arguments: its canonical JSON answer.");
}

}  // namespace vshop::python
