// E.164 phone numbers validated by libphonenumber (R-CONTACT-2).
#include "engine/phone_number.hpp"

#include <algorithm>
#include <string>

#include "phonenumbers/phonenumber.pb.h"
#include "phonenumbers/phonenumberutil.h"

namespace vshop::engine_detail {

bool valid_e164_phone(std::string_view number) {
  // The written form first: libphonenumber's parser also accepts spaces, dashes and letters.
  if (number.size() < 9 || number.size() > 16 || number.front() != '+') return false;
  if (!std::all_of(number.begin() + 1, number.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  using i18n::phonenumbers::PhoneNumber;
  using i18n::phonenumbers::PhoneNumberUtil;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber parsed;
  if (util.Parse(std::string(number), "ZZ", &parsed) != PhoneNumberUtil::NO_PARSING_ERROR) {
    return false;
  }
  return util.IsValidNumber(parsed);
}

}  // namespace vshop::engine_detail
