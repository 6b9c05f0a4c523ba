// R-CONTACT-2: phone numbers for sms and whatsapp contacts, checked with libphonenumber's
// metadata (never hand-written number rules).
#pragma once

#include <string_view>

namespace vshop::engine_detail {

// Whether `number` is written E.164 (`+` and 8..15 digits, nothing else) and is a valid number
// for its country by libphonenumber's metadata.
bool valid_e164_phone(std::string_view number);

}  // namespace vshop::engine_detail
