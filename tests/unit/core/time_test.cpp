#include "vshop/time.hpp"

#include <doctest/doctest.h>

#include "vshop/error.hpp"

using namespace vshop;

TEST_CASE("R-TIME-2: RFC 3339 instants parse with Z, offsets and milliseconds") {
  CHECK(to_epoch_ms(*parse_instant("1970-01-01T00:00:00Z")) == 0);
  CHECK(format_instant(*parse_instant("2026-06-18T11:00:00+02:00")) == "2026-06-18T09:00:00Z");
  CHECK(format_instant(*parse_instant("2026-03-27T23:30:00-01:30")) == "2026-03-28T01:00:00Z");
  CHECK(format_instant(*parse_instant("2026-05-14T08:10:06.25Z")) == "2026-05-14T08:10:06.250Z");
  CHECK(format_instant(*parse_instant("2026-05-14T08:10:06.123456Z")) ==
        "2026-05-14T08:10:06.123Z");
  CHECK(format_instant(*parse_instant("1781769720000")) == "2026-06-18T08:02:00Z");
  CHECK(format_instant(*parse_instant("-1000")) == "1969-12-31T23:59:59Z");
}

TEST_CASE("R-TIME-2: canonical text prints milliseconds only when not zero") {
  CHECK(format_instant(from_epoch_ms(1'000)) == "1970-01-01T00:00:01Z");
  CHECK(format_instant(from_epoch_ms(1'001)) == "1970-01-01T00:00:01.001Z");
  CHECK(format_instant(from_epoch_ms(kMaxEpochMs)) == "9999-12-31T23:59:59.999Z");
  CHECK(format_instant(from_epoch_ms(kMinEpochMs)) == "0001-01-01T00:00:00Z");
}

TEST_CASE("R-TIME-2: malformed instants are rejected naming the field and the text") {
  for (const char* bad : {"", "2026-02-30T10:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T10:00:00",
                          "2026-01-01 10:00Z", "2026-01-01T10:00:00.Z", "2026-01-01T10:00:00+1:00",
                          "2026-01-01T10:00:00Zjunk", "99999999999999999999", "tomorrow",
                          "2026-13-01T00:00:00Z", "0000-01-01T00:00:00Z"}) {
    const auto parsed = parse_instant(bad, "at");
    CHECK_MESSAGE(!parsed.ok(), bad);
    CHECK(error_code_of(parsed.status()) == ErrorCode::kInvalidArgument);
    CHECK(parsed.status().message().find("at") != std::string_view::npos);
  }
}

TEST_CASE("Error codes keep their stable numbers and names") {
  CHECK(static_cast<int>(ErrorCode::kOutOfOrderTime) == 1);
  CHECK(static_cast<int>(ErrorCode::kDuplicateOrder) == 18);
  for (int i = 0; i < kErrorCodeCount; ++i) {
    const auto code = static_cast<ErrorCode>(i);
    CHECK(error_code_from_name(error_code_name(code)) == code);
  }
  const auto status = make_error(ErrorCode::kAtCapacity, "expert: \"lisa\" is at capacity");
  CHECK(error_code_of(status) == ErrorCode::kAtCapacity);
  CHECK(error_code_of(absl::InvalidArgumentError("x")) == ErrorCode::kInternal);
  CHECK(error_code_of(absl::OkStatus()) == ErrorCode::kOk);
}
