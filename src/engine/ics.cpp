// RFC 5545 text of an appointment: escaping (§3.3.11), folding (§3.1), UTC DATE-TIME (§3.3.5).
#include "engine/ics.hpp"

#include "date/date.h"
#include "vshop/time.hpp"

namespace vshop::engine_detail {
namespace {

constexpr std::size_t kMaxLineOctets = 75;

// Form #2 of §3.3.5: `YYYYMMDDTHHMMSSZ`, the instant truncated to the second (the RFC 3339
// form of a whole second without its separators).
std::string utc_basic(std::int64_t ms) {
  const Instant t = date::floor<std::chrono::seconds>(from_epoch_ms(ms));
  std::string out;
  for (char c : format_instant(t)) {
    if (c != '-' && c != ':') out += c;
  }
  return out;
}

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string ics_escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\\':
      case ';':
      case ',':
        out += '\\';
        out += c;
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string ics_fold_line(std::string_view line) {
  std::string out;
  std::size_t budget = kMaxLineOctets;  // octets left on the physical line
  std::size_t pos = 0;
  while (line.size() - pos > budget) {
    std::size_t cut = pos + budget;
    while (cut > pos && continuation_byte(line[cut])) --cut;  // never split a character
    out.append(line, pos, cut - pos);
    out += "\r\n ";  // the leading space counts on the next line
    pos = cut;
    budget = kMaxLineOctets - 1;
  }
  out.append(line, pos);
  out += "\r\n";
  return out;
}

std::string write_ics(const IcsEvent& e) {
  std::string out;
  const auto line = [&](std::string_view name, std::string_view value) {
    std::string l(name);
    l += ':';
    l += value;
    out += ics_fold_line(l);
  };
  line("BEGIN", "VCALENDAR");
  line("VERSION", "2.0");
  line("PRODID", "-//vshop//vshop//EN");
  line("METHOD", "PUBLISH");
  line("BEGIN", "VEVENT");
  line("UID", ics_escape_text(e.uid));
  line("DTSTAMP", utc_basic(e.stamp_ms));
  line("DTSTART", utc_basic(e.start_ms));
  line("DTEND", utc_basic(e.end_ms));
  line("SUMMARY", ics_escape_text(e.summary));
  if (!e.location.empty()) line("LOCATION", ics_escape_text(e.location));
  line("END", "VEVENT");
  line("END", "VCALENDAR");
  return out;
}

}  // namespace vshop::engine_detail
