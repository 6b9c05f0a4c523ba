// The RFC 5545 calendar text of an appointment (R-APPT-2): one VEVENT in a VCALENDAR, text values
// escaped (§3.3.11) and content lines folded at 75 octets on character boundaries (§3.1).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace vshop::engine_detail {

struct IcsEvent {
  std::string uid;
  std::int64_t stamp_ms = 0;  // DTSTAMP, truncated to the second
  std::int64_t start_ms = 0;  // DTSTART (UTC)
  std::int64_t end_ms = 0;    // DTEND (UTC)
  std::string summary;
  std::string location;  // empty: no LOCATION line
};

// A TEXT value escaped: `\` `;` `,` get a backslash, a line feed is written `\n`.
std::string ics_escape_text(std::string_view text);

// One content line (without its CRLF) folded so that no physical line exceeds 75 octets, never
// inside a UTF-8 sequence; every physical line ends with CRLF.
std::string ics_fold_line(std::string_view line);

// The whole VCALENDAR (VERSION 2.0, PRODID, METHOD PUBLISH) with CRLF line ends.
std::string write_ics(const IcsEvent& event);

}  // namespace vshop::engine_detail
