// vshop._vshop.Engine: commands (the text form, the typed hot path), outputs and persistence.
// The other typed commands are built by the package (vshop/_engine.py) through apply_json.
#include "engine.hpp"

#include <pybind11/stl.h>

#include <string>
#include <utility>
#include <vector>

#include "conv.hpp"
#include "engine/core.hpp"  // CoreAccess: the chat id a request_chat with options returned
#include "vshop/text_lines.hpp"

namespace vshop::python {

namespace {

using namespace pybind11::literals;

constexpr const char* kThreads =
    " Threads: a command holds the engine exclusively (other threads wait); queries may run "
    "together.";

// Runs `f` with the GIL released and the engine held: exclusively for a command (unique_lock),
// shared for a const call (shared_lock).
template <template <typename> class Lock = std::unique_lock, typename F>
auto without_gil(const PyEngine& self, F&& f) {
  py::gil_scoped_release release;
  Lock<std::shared_mutex> lock(self.mutex);
  return f();
}

// The lines of a JSON Lines text or of an iterable of str/bytes such as an open file (blank
// lines kept, so that numbers match the input; a line's trailing newline dropped).
std::vector<std::string> lines_of(py::handle source) {
  std::vector<std::string> lines;
  if (PyUnicode_Check(source.ptr()) || PyBytes_Check(source.ptr())) {
    const std::string_view text = text_of(source, "lines");
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      lines.emplace_back(text.substr(start, end - start));
      start = end + 1;
    }
    return lines;
  }
  for (const py::handle item : py::iter(source)) {
    std::string_view line = text_of(item, "lines");
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    lines.emplace_back(line);
  }
  return lines;
}

// Binds a typed shortcut taking (at, id) or (at, expert, chat) to the C++ method `Method`.
template <auto Method, typename... Names>
void def_shortcut(py::class_<PyEngine>& cls, const char* name, const char* doc, Names... names) {
  cls.def(
      name,
      [](PyEngine& self, py::handle at, std::conditional_t<true, std::string_view, Names>... ids) {
        const Instant t = to_instant(at, "at");
        const auto lock = self.exclusive();
        check((self.engine.*Method)(t, ids...));
      },
      py::arg("at"), py::arg(names)..., doc);
}

void bind_commands(py::class_<PyEngine>& cls) {
  cls.def(
      "apply_json",
      [](PyEngine& self, py::handle line) {
        const std::string_view text = text_of(line, "line");
        const auto lock = self.exclusive();
        check(self.engine.apply_json(text));
      },
      "line"_a,
      "Parses and applies one command line of the SPEC §11 text form; raises vshop.Error (the "
      "subclass of its code) when it is rejected.");
  cls.def(
      "replay",
      [](PyEngine& self, py::handle source) {
        std::vector<std::string> lines = lines_of(source);
        std::vector<Effect> effects;
        std::size_t failed_line = 0;
        const absl::Status status = without_gil(self, [&] {
          for (std::size_t i = 0; i < lines.size(); ++i) {
            if (is_blank_line(lines[i])) continue;
            if (absl::Status s = self.engine.apply_json(lines[i]); !s.ok()) {
              failed_line = i + 1;
              return s;
            }
          }
          self.engine.drain_effects(effects);
          return absl::OkStatus();
        });
        if (!status.ok()) {
          raise_error(error_code_of(status),
                      "line " + std::to_string(failed_line) + ": " + std::string(status.message()));
        }
        return effects_to_list(std::move(effects));
      },
      "lines"_a,
      "Applies JSON Lines (a str/bytes text or an iterable of lines; blank lines skipped) with "
      "the GIL released and returns the drained effects. The first rejected line raises its "
      "vshop.Error ('line N: ...'); the lines before it stay applied and their effects stay "
      "to drain.");
  cls.def(
      "advance",
      [](PyEngine& self, py::handle now) {
        const Instant t = to_instant(now, "now");
        const auto lock = self.exclusive();
        check(self.engine.advance(t));
      },
      "now"_a, "Moves the clock to `now`, firing every timer due at or before it.");
  def_shortcut<&Engine::go_available>(cls, "go_available", "R-AVAIL-1: the expert goes available.",
                                      "expert");
  def_shortcut<&Engine::go_unavailable>(cls, "go_unavailable", "The expert goes unavailable.",
                                        "expert");
  def_shortcut<&Engine::claim>(cls, "claim", "R-CHAT-3: claims an offered chat.", "expert", "chat");
  def_shortcut<&Engine::decline>(cls, "decline", "R-CHAT-4: declines an offered chat.", "expert",
                                 "chat");
  def_shortcut<&Engine::finish_chat>(cls, "finish_chat", "R-CHAT-8: finishes an active chat.",
                                     "expert", "chat");
  cls.def(
      "request_chat",
      [](PyEngine& self, py::handle at, std::string_view shopper, std::optional<std::string> chat,
         std::optional<double> lat, std::optional<double> lon, std::optional<std::string> country,
         std::optional<std::string> city, std::optional<std::string> postal_code,
         std::optional<std::string> ip, std::optional<std::string> department,
         std::optional<std::string> page_url) {
        Command c;
        c.kind = CommandKind::kRequestChat;
        c.at = to_instant(at, "at");
        c.shopper = shopper;
        c.chat = chat.value_or("");
        c.lat = lat;
        c.lon = lon;
        c.country = std::move(country);
        c.city = std::move(city);
        c.postal_code = std::move(postal_code);
        c.ip = std::move(ip);
        c.department = std::move(department);
        c.page_url = std::move(page_url);
        const auto lock = self.exclusive();
        check(self.engine.apply(c));
        return engine_detail::CoreAccess::core(self.engine).last_chat_id;
      },
      "at"_a, "shopper"_a, py::kw_only(), "chat"_a = py::none(), "lat"_a = py::none(),
      "lon"_a = py::none(), "country"_a = py::none(), "city"_a = py::none(),
      "postal_code"_a = py::none(), "ip"_a = py::none(), "department"_a = py::none(),
      "page_url"_a = py::none(),
      "R-CHAT-1/2: requests a chat; returns the id of the shopper's open chat (new or existing).");
  cls.def(
      "send_message",
      [](PyEngine& self, py::handle at, std::string_view chat, py::handle sender,
         std::optional<std::string> kind) {
        const Instant t = to_instant(at, "at");
        const MessageSender from = from_py<MessageSender>(sender, "sender");
        const auto lock = self.exclusive();
        if (!kind) return check(self.engine.send_message(t, chat, from));
        Command c;
        c.kind = CommandKind::kSendMessage;
        c.at = t;
        c.chat = chat;
        c.from = message_sender_name(from);
        c.message_kind = std::move(kind);
        check(self.engine.apply(c));
      },
      "at"_a, "chat"_a, "sender"_a, py::kw_only(), "kind"_a = py::none(),
      "R-CHAT-7: records a message (`sender`: MessageSender or 'expert'/'shopper'; the JSON "
      "field `from`).");
  cls.def(
      "record_purchase",
      [](PyEngine& self, py::handle at, std::string order, std::string shopper, py::handle subtotal,
         std::string currency, py::handle items) {
        Command c;
        c.kind = CommandKind::kRecordPurchase;
        c.at = to_instant(at, "at");
        c.order = std::move(order);
        c.shopper = std::move(shopper);
        c.currency = std::move(currency);
        if (PyLong_Check(subtotal.ptr()) && !PyBool_Check(subtotal.ptr())) {
          c.subtotal = py::str(subtotal).cast<std::string>();
          c.subtotal_is_integer = true;
        } else if (PyUnicode_Check(subtotal.ptr()) ||
                   py::isinstance(subtotal, py::module_::import("decimal").attr("Decimal"))) {
          c.subtotal = py::str(subtotal).cast<std::string>();
        } else {
          raise_error(ErrorCode::kInvalidArgument,
                      "subtotal: give a decimal str, a Decimal or an int of minor units, not " +
                          py::repr(subtotal).cast<std::string>());
        }
        if (!items.is_none()) {
          c.items_json = py::module_::import("json")
                             .attr("dumps")(items, "ensure_ascii"_a = false)
                             .cast<std::string>();
        }
        const auto lock = self.exclusive();
        check(self.engine.apply(c));
      },
      "at"_a, "order"_a, "shopper"_a, "subtotal"_a, "currency"_a, py::kw_only(),
      "items"_a = py::none(),
      "R-ATTR-1: records a purchase (`subtotal`: decimal str/Decimal, or int minor units).");
}

void bind_outputs(py::class_<PyEngine>& cls) {
  cls.def(
      "drain_effects",
      [](PyEngine& self) {
        std::vector<Effect> effects;
        {
          const auto lock = self.exclusive();
          self.engine.drain_effects(effects);
        }
        return effects_to_list(std::move(effects));
      },
      "Moves the pending effects out, in emission order.");
  cls.def(
      "drain_journal",
      [](PyEngine& self) {
        const auto lock = self.exclusive();
        return self.engine.drain_journal();
      },
      "Moves out the canonical journal lines of the accepted commands (R-TIME-3 advances "
      "included).");
  cls.def(
      "set_journaling",
      [](PyEngine& self, bool on) {
        const auto lock = self.exclusive();
        self.engine.set_journaling(on);
      },
      "on"_a, "Switches the journal on or off (for hosts that persist commands themselves).");
  cls.def_property_readonly(
      "next_deadline",
      [](const PyEngine& self) {
        const auto lock = self.shared();
        return from_optional_instant(self.engine.next_deadline());
      },
      "The earliest pending timer (aware UTC datetime), or None: when to call advance.");
  cls.def_property_readonly(
      "now",
      [](const PyEngine& self) {
        const auto lock = self.shared();
        return from_instant(self.engine.now());
      },
      "The engine's time (aware UTC datetime).");
}

void bind_persistence(py::class_<PyEngine>& cls) {
  cls.def(
      "snapshot",
      [](PyEngine& self) {
        std::string text =
            without_gil<std::shared_lock>(self, [&] { return self.engine.snapshot(); });
        return py::str(text);
      },
      "The whole state as canonical JSON (equal states give equal bytes); runs without the GIL.");
  cls.def(
      "_load_snapshot",
      [](PyEngine& self, py::handle snapshot) {
        const std::string text(text_of(snapshot, "snapshot"));
        const absl::Status status = without_gil(self, [&] {
          absl::StatusOr<Engine> restored = Engine::restore(text);
          if (!restored.ok()) return restored.status();
          self.engine = *std::move(restored);
          return absl::OkStatus();
        });
        check(status);
      },
      "snapshot"_a, "Replaces the state by a snapshot's (Engine.restore uses it).");
  cls.def(
      "check_invariants",
      [](const PyEngine& self) {
        const auto lock = self.shared();
        check(self.engine.check_invariants());
      },
      "Raises vshop.Internal naming the first broken consistency rule of the state.");
}

}  // namespace

void bind_engine(py::module_& /*m*/, py::class_<PyEngine>& cls) {
  cls.doc() = std::string("The chat engine of one merchant (docs/reference.md).") + kThreads;
  cls.def(py::init<>());
  bind_commands(cls);
  bind_outputs(cls);
  bind_persistence(cls);
}

}  // namespace vshop::python
