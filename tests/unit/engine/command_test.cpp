// The text form of commands (docs/reference.md §11): parsing, canonical writing, malformed lines.
#include "vshop/engine/command.hpp"

#include <doctest/doctest.h>

#include "vshop/error.hpp"

using namespace vshop;

TEST_CASE("reference §11: every command name round-trips and the canonical form is stable") {
  for (int k = 0; k < kCommandKindCount; ++k) {
    const auto kind = static_cast<CommandKind>(k);
    CHECK(command_kind_from_name(command_name(kind)) == kind);
  }
  auto c = parse_command(
      R"({"expert":"e1","cmd":"transfer","note":"n \"q\"","chat":"c1","to":"e2","at":"2026-01-01T01:00:00+01:00"})");
  REQUIRE(c.ok());
  CHECK(
      command_to_json(*c) ==
      R"({"at":"2026-01-01T00:00:00Z","cmd":"transfer","expert":"e1","chat":"c1","to":"e2","note":"n \"q\""})");
  auto p = parse_command(
      R"({"cmd":"record_purchase","order":"o","shopper":"s","subtotal":8995,"currency":"EUR","items":[{"id":"x", "quantity":1}]})");
  REQUIRE(p.ok());
  CHECK(p->subtotal_is_integer);
  CHECK(
      command_to_json(*p) ==
      R"({"at":"1970-01-01T00:00:00Z","cmd":"record_purchase","order":"o","shopper":"s","subtotal":8995,"currency":"EUR","items":[{"id":"x","quantity":1}]})");
}

TEST_CASE("reference §11: malformed lines are invalid_argument naming the field") {
  const auto code = [](std::string_view line) {
    return error_code_of(parse_command(line).status());
  };
  const auto message = [](std::string_view line) {
    return std::string(parse_command(line).status().message());
  };
  CHECK(code("{") == ErrorCode::kInvalidArgument);
  CHECK(code("[1]") == ErrorCode::kInvalidArgument);
  CHECK(code(R"({"at":"2026-01-01T00:00:00Z"})") == ErrorCode::kInvalidArgument);
  CHECK(message(R"({"cmd":"fly"})").find("cmd") != std::string::npos);
  CHECK(message(R"({"cmd":"claim","expert":"e"})").find("chat") != std::string::npos);
  CHECK(message(R"({"cmd":"claim","expert":"e","chat":3})").find("chat") != std::string::npos);
  CHECK(message(R"({"cmd":"claim","expert":"e","chat":"c","extra":1})").find("extra") !=
        std::string::npos);
  CHECK(code(R"({"cmd":"claim","expert":"e","chat":"c","chat":"d"})") ==
        ErrorCode::kInvalidArgument);
  CHECK(code(R"({"cmd":"rate_chat","shopper":"s","chat":"c","stars":4.5})") ==
        ErrorCode::kInvalidArgument);
  CHECK(
      message(
          R"({"cmd":"record_purchase","order":"o","shopper":"s","subtotal":89.95,"currency":"EUR"})")
          .find("subtotal") != std::string::npos);
  CHECK(code(R"({"cmd":"add_store","store":"s"})") == ErrorCode::kInvalidArgument);
  CHECK(code("{\"cmd\":\"advance\",\"x\":\"\xff\"}") == ErrorCode::kInvalidArgument);
}
