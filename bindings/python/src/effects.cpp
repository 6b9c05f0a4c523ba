// vshop.Effect: a drained effect as a small frozen object. The C++ value is kept as it is and
// each field becomes a Python value only when read, so draining costs one object per effect.
// `to_dict()` and the `repr` come from the package (vshop/_effects.py).
#include <pybind11/stl.h>

#include <string>
#include <utility>
#include <vector>

#include "conv.hpp"
#include "engine.hpp"
#include "vshop/engine/effect.hpp"

namespace vshop::python {

namespace {

// An id or text field: None when the effect kind does not carry it (empty).
py::object text_or_none(const std::string& text) {
  return text.empty() ? py::none() : py::object(py::str(text));
}

py::object reason_of(const Effect& e) {
  const EffectReason& r = e.reason;
  switch (r.vocabulary()) {
    case ReasonVocabulary::kNone:
      return py::none();
    case ReasonVocabulary::kUnavailable:
      return to_py(*r.as<UnavailableReason>());
    case ReasonVocabulary::kWithdraw:
      return to_py(*r.as<WithdrawReason>());
    case ReasonVocabulary::kMiss:
      return to_py(*r.as<MissReason>());
    case ReasonVocabulary::kTransferFail:
      return to_py(*r.as<TransferFailReason>());
    case ReasonVocabulary::kUnattributed:
      return to_py(*r.as<UnattributedReason>());
  }
  return py::none();
}

}  // namespace

py::list effects_to_list(std::vector<Effect>&& effects) {
  py::list out(effects.size());
  for (std::size_t i = 0; i < effects.size(); ++i) {
    out[i] = py::cast(std::move(effects[i]));
  }
  return out;
}

void bind_effects(py::module_& m) {
  py::class_<Effect> cls(m, "Effect",
                         "One effect (docs/reference.md §10): what the host must carry out. "
                         "Frozen; fields a kind does not carry are None (lists: empty).");
  cls.def_property_readonly("kind", [](const Effect& e) { return to_py(e.kind); });
  cls.def_property_readonly("at", [](const Effect& e) { return from_instant(e.at); });
  cls.def_property_readonly("chat", [](const Effect& e) { return text_or_none(e.chat); });
  cls.def_property_readonly("expert", [](const Effect& e) { return text_or_none(e.expert); });
  cls.def_property_readonly("shopper", [](const Effect& e) { return text_or_none(e.shopper); });
  cls.def_property_readonly(
      "from_", [](const Effect& e) { return text_or_none(e.from); },
      "transfer_*: the expert the chat is transferred from (JSON `from`).");
  cls.def_property_readonly("to", [](const Effect& e) { return text_or_none(e.to); });
  cls.def_property_readonly("experts", [](const Effect& e) { return e.experts; });
  cls.def_property_readonly("deadline",
                            [](const Effect& e) { return from_optional_instant(e.deadline); });
  cls.def_property_readonly("reason", &reason_of);
  cls.def_property_readonly(
      "channel",
      [](const Effect& e) {
        if (e.kind == EffectKind::kNotifyShopper) return to_py(e.channel);
        return text_or_none(e.contact_channel);
      },
      "notify_shopper: a vshop.NotifyChannel; contact_*: the str email, sms or whatsapp.");
  cls.def_property_readonly("address", [](const Effect& e) { return text_or_none(e.address); });
  cls.def_property_readonly("order", [](const Effect& e) { return text_or_none(e.order); });
  cls.def_property_readonly(
      "subtotal",
      [](const Effect& e) -> py::object {
        if (e.subtotal.empty()) return py::none();
        if (e.subtotal_is_integer) return py::int_(py::str(e.subtotal));
        return py::str(e.subtotal);
      },
      "sale_attributed: the subtotal as given (str decimal, or int minor units).");
  cls.def_property_readonly("currency", [](const Effect& e) { return text_or_none(e.currency); });
  cls.def_property_readonly("pending", [](const Effect& e) {
    return e.kind == EffectKind::kTeamDigest ? py::object(py::int_(e.pending))
                                             : py::object(py::none());
  });
  cls.def_property_readonly("managers", [](const Effect& e) { return e.managers; });
  const auto appointment_instant = [](Instant Effect::*member) {
    return [member](const Effect& e) -> py::object {
      if (e.kind != EffectKind::kAppointmentSent) return py::none();
      return from_instant(e.*member);
    };
  };
  cls.def_property_readonly("start", appointment_instant(&Effect::start),
                            "appointment_sent: the start (UTC datetime).");
  cls.def_property_readonly("end", appointment_instant(&Effect::end),
                            "appointment_sent: the end (UTC datetime).");
  cls.def_property_readonly(
      "ics", [](const Effect& e) { return text_or_none(e.ics); },
      "appointment_sent: the RFC 5545 VCALENDAR text (CRLF line ends).");
  cls.def("to_json", &effect_to_json,
          "The canonical JSON line of the effect (exactly `vshop simulate`'s, no newline).");
  cls.def("__eq__", [](const Effect& a, py::handle b) -> py::object {
    if (!py::isinstance<Effect>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
    return py::bool_(a == b.cast<const Effect&>());
  });
  cls.def("__hash__", [](const Effect& e) { return py::hash(py::str(effect_to_json(e))); });
}

}  // namespace vshop::python
