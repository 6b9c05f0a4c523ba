// An out-of-tree user of an installed vshop (see tests.cmake): one call into each part of the
// public API, so that a symbol missing from the shared library's exports fails to link.
#include <iostream>

#include "vshop/vshop.hpp"

int main() {
  const vshop::Instant t = vshop::parse_instant("2026-05-14T08:00:00Z").value();

  vshop::hours::WeeklyHours week =
      vshop::hours::parse_osm_opening_hours("Mo-Sa 10:00-18:00").value();
  const vshop::hours::OpeningHours hours =
      vshop::hours::OpeningHours::create("Europe/Amsterdam", week).value();

  vshop::Engine engine;
  const absl::Status added = engine.apply_json(
      R"({"cmd":"add_store","store":"ams","name":"Amsterdam","timezone":"Europe/Amsterdam",)"
      R"("osm_hours":"Mo-Sa 10:00-18:00"})");
  const absl::Status bad = engine.go_available(t, "nobody");

  const vshop::events::ValidationResult event = vshop::events::validate(R"({"event":"x"})");
  // A phone number checked through libphonenumber (R-CONTACT-2): the static library's private
  // dependency must reach the consumer's link line through the package.
  const absl::Status phone =
      engine.apply_json(R"({"cmd":"invite_contact","expert":"nobody","chat":"c1","channel":"sms",)"
                        R"("address":"+31012345678"})");

  std::cout << "store added: " << added.ok() << '\n'
            << "open at " << vshop::format_instant(t) << ": " << hours.is_open(t)
            << ", next change " << vshop::format_instant(*hours.next_change(t)) << '\n'
            << "unknown expert: " << vshop::error_code_name(vshop::error_code_of(bad)) << '\n'
            << "event issues: " << !event.issues.empty() << '\n'
            << "invalid phone: " << phone.message() << '\n';
  return 0;
}
