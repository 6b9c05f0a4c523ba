// The fast paths of issue 15 give exactly what the straightforward code gave: the result line
// written without JsonWriter, the bracket count before the depth walk, the word-at-a-time string
// scan of the error locator.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/json_writer.hpp"
#include "events/error_locator.hpp"
#include "events/https_url.hpp"
#include "vshop/events/batch.hpp"

using namespace vshop::events;

namespace {

// The result line as JsonWriter writes it (the code append_result_json replaced).
std::string with_writer(std::size_t line, const ValidationResult& result) {
  vshop::JsonWriter writer;
  writer.begin_object();
  writer.key("line").integer(static_cast<std::int64_t>(line));
  writer.key("event").string(event_type_name(result.event));
  writer.key("issues").begin_array();
  for (const Issue& issue : result.issues) {
    writer.begin_object();
    writer.key("severity").string(severity_name(issue.severity));
    writer.key("code").string(issue_code_name(issue.code));
    writer.key("path").string(issue.path);
    writer.key("message").string(issue.message);
    writer.end_object();
  }
  writer.end_array();
  writer.end_object();
  return writer.str();
}

// The byte-at-a-time scan first_string_fault replaced.
std::size_t string_fault_bytewise(std::string_view text) {
  bool in_string = false;
  std::size_t opened = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!in_string) {
      if (c == '"') {
        in_string = true;
        opened = i;
      }
    } else if (c == '\\') {
      ++i;
    } else if (c == '"') {
      in_string = false;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      return i;
    }
  }
  return in_string ? opened : text.size();
}

// The byte-at-a-time URL rule is_absolute_https_url replaced.
bool https_bytewise(std::string_view url) {
  constexpr std::string_view kScheme = "https://";
  if (url.size() <= kScheme.size()) return false;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    const char c = static_cast<char>(url[i] | (kScheme[i] >= 'a' ? 0x20 : 0));
    if (c != kScheme[i]) return false;
  }
  for (const char ch : url) {
    const auto u = static_cast<unsigned char>(ch);
    if (u <= 0x20 || u == 0x7F) return false;
  }
  const char first = url[kScheme.size()];
  return first != '/' && first != '?' && first != '#';
}

}  // namespace

TEST_CASE("EVT-URL: the word-at-a-time https check agrees with the byte rule") {
  const std::string base = "https://cdn.example/img/a-rather-long-path/sku-1211-s.jpg?x=1";
  std::vector<std::string> urls = {"HTTPS://cdn.example/a",
                                   "hTtPs://x",
                                   "https:/x",
                                   "http://x",
                                   "https://",
                                   "https:///x",
                                   "https://?q",
                                   "https://#f",
                                   "hxtps://x",
                                   "https:\\x",
                                   "",
                                   "//cdn.example/x",
                                   "https://caf\xc3\xa9.example/\xe2\x82\xac",
                                   "Https;//x"};
  // A space, a control character, DEL or a high byte at every position, whatever the word.
  for (const char bad : {' ', '\t', '\x01', '\x1f', '\x7f', '\x80', '\xff', '!'}) {
    for (std::size_t at = 0; at < base.size(); ++at) {
      std::string url = base;
      url[at] = bad;
      urls.push_back(url);
    }
  }
  for (std::size_t cut = 0; cut <= base.size(); ++cut) urls.push_back(base.substr(0, cut));
  for (const std::string& url : urls) {
    CAPTURE(url);
    CHECK(is_absolute_https_url(url) == https_bytewise(url));
  }
}

TEST_CASE("EVT-OUTPUT: the direct result line is byte for byte JsonWriter's, escapes included") {
  ValidationResult result;
  result.event = EventType::kPurchase;
  result.issues.push_back({Severity::kCritical, IssueCode::kJsonInvalid, "",
                           "invalid JSON at byte offset 12: bad \"x\" \\ \t\n\x01\x1f \x7f é"});
  result.issues.push_back({Severity::kWarning, IssueCode::kUnknownField, "/we\"ird~1key", "m"});
  result.issues.push_back({Severity::kWarning, IssueCode::kFieldType, "/products/10/name", ""});
  for (const std::size_t line : {std::size_t{1}, std::size_t{9}, std::size_t{1234567890123}}) {
    std::string out = "prefix";
    append_result_json(out, line, result);
    CHECK(out == "prefix" + with_writer(line, result));
  }
  std::string empty;
  append_result_json(empty, 7, ValidationResult{});
  CHECK(empty == with_writer(7, ValidationResult{}));
}

TEST_CASE("R-EVT-3: opening brackets are counted outside and inside strings alike") {
  CHECK(count_opening_brackets("") == 0);
  CHECK(count_opening_brackets(R"({"a":[{"b":"[{"}],"c":{}})") == 6);
  CHECK(count_opening_brackets("]}{[;{") == 3);  // ';' (0x3B) | 0x20 is not '{'
  // Long texts go eight bytes at a time, summed every 255 words: compare with a byte count.
  std::string text;
  for (int i = 0; i < 5000; ++i) text += static_cast<char>("{[x;K\xfb\xdb\"]"[i * 7 % 9]);
  for (const std::size_t size : {std::size_t{7}, std::size_t{8}, std::size_t{2039},
                                 std::size_t{2040}, std::size_t{2041}, text.size()}) {
    const std::string_view part(text.data(), size);
    CHECK(count_opening_brackets(part) ==
          static_cast<std::size_t>(std::count(part.begin(), part.end(), '{') +
                                   std::count(part.begin(), part.end(), '[')));
  }
}

TEST_CASE("R-EVT-3: the block-at-a-time string scan finds what the byte scan finds") {
  const std::string cases[] = {
      R"({"name":"a long enough string without any fault","x":1})",
      R"({"name":"an unclosed string that runs to the end)",
      "{\"name\":\"a raw control \x01 character\"}",
      "{\"name\":\"a raw tab\there and more text after it\"}",
      R"({"name":"escaped \" quote and \\ backslash then unclosed)",
      R"({"k":"v"} "trailing unclosed)",
      "{\"name\":\"non-ASCII \xc3\xa9\xe2\x82\xac then control \x1f\"}",
      R"({"name":"ends in a backslash \)",
      "\"",
      "",
  };
  for (const std::string& text : cases) {
    CAPTURE(text);
    CHECK(first_string_fault(text) == string_fault_bytewise(text));
  }
  // Random texts over the bytes that matter, escapes across 16-byte blocks included.
  std::uint32_t state = 15;
  auto next = [&state] { return (state = state * 1664525u + 1013904223u) >> 24; };
  static constexpr char kAlphabet[] = {'"', '\\', 'a', 'b', ' ', '\x01', '\x1f', '\xc3', '{'};
  for (int round = 0; round < 3000; ++round) {
    std::string text(next() % 80, 'a');
    for (char& c : text) {
      const unsigned pick = next() % 32;
      c = pick < sizeof kAlphabet ? kAlphabet[pick] : 'x';  // mostly plain bytes
    }
    CAPTURE(text);
    CHECK(first_string_fault(text) == string_fault_bytewise(text));
  }
  // Every cut of a document, so that faults fall at every position within an 8-byte word.
  const std::string doc = "{\"a\":\"0123456789abcdef\\\"\\\\xyz\",\"b\":\"\x02tail text\"}";
  for (std::size_t cut = 0; cut <= doc.size(); ++cut) {
    CAPTURE(cut);
    CHECK(first_string_fault(doc.substr(0, cut)) == string_fault_bytewise(doc.substr(0, cut)));
  }
}
