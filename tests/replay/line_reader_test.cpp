// The CLI's block line reader (cli/line_reader.hpp): the lines, numbers and sizes the stream
// reader gave, across block boundaries, over-long lines and a missing final newline.
#include "line_reader.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "vshop/events/batch.hpp"
#include "vshop/events/validator.hpp"

namespace {

struct Read {
  std::string text;
  std::size_t full_size;
  std::size_t number;
};

std::vector<Read> read_all(const std::string& input, std::size_t max_line, std::size_t padding,
                           bool* failed = nullptr) {
  std::istringstream in(input);
  vshop::cli::LineReader reader(in, max_line, padding);
  std::vector<Read> out;
  std::string_view text;
  std::size_t size = 0;
  while (reader.next(text, size)) {
    CHECK(reader.data() == text.data());
    // The padding after the line is readable (simdjson reads it).
    for (std::size_t i = 0; i < padding; ++i) (void)*(reader.data() + text.size() + i);
    out.push_back({std::string(text), size, reader.line_number()});
  }
  if (failed != nullptr) *failed = reader.failed();
  return out;
}

}  // namespace

TEST_CASE("replay: the line reader splits lines, counts blank ones, reads a final line") {
  const auto lines = read_all("a\n\nbc\r\n  \nlast", 16, 0);
  REQUIRE(lines.size() == 5);
  CHECK(lines[0].text == "a");
  CHECK(lines[1].text.empty());
  CHECK(lines[2].text == "bc\r");  // the caller strips the `\r`
  CHECK(lines[3].text == "  ");
  CHECK(lines[4].text == "last");
  CHECK(lines[4].number == 5);
  CHECK(read_all("", 16, 0).empty());
  CHECK(read_all("x\n", 16, 0).size() == 1);
}

TEST_CASE("replay: the line reader hands over an over-long line cut, with its full size") {
  const std::string big(100, 'x');
  const auto lines =
      read_all("ok\n" + big + "\n" + std::string(11, 'y') + "\nafter\n" + big, 10, 64);
  REQUIRE(lines.size() == 5);
  CHECK(lines[0].text == "ok");
  CHECK(lines[1].text == std::string(11, 'x'));  // the limit + 1 bytes
  CHECK(lines[1].full_size == 100);
  CHECK(lines[2].full_size == 11);
  CHECK(lines[2].text == std::string(11, 'y'));  // over the limit by one
  CHECK(lines[3].text == "after");
  CHECK(lines[3].number == 4);
  CHECK(lines[4].full_size == 100);
}

TEST_CASE("replay: the line reader gives the same lines for input far larger than its buffer") {
  std::string input;
  std::vector<std::string> want;
  for (int i = 0; i < 200'000; ++i) {
    want.push_back(std::string(static_cast<std::size_t>(i % 97), 'a' + i % 26) + std::to_string(i));
    input += want.back() + "\n";
  }
  const auto lines = read_all(input, 1000, 64);
  REQUIRE(lines.size() == want.size());
  bool same = true;
  for (std::size_t i = 0; i < want.size(); ++i) {
    same = same && lines[i].text == want[i] && lines[i].full_size == want[i].size() &&
           lines[i].number == i + 1;
  }
  CHECK(same);
}

TEST_CASE("replay: the line reader calls its hook before each read") {
  std::istringstream in("a\nb\n");
  vshop::cli::LineReader reader(in, 16);
  int reads = 0;
  reader.on_read([&] { ++reads; });
  std::string_view text;
  std::size_t size = 0;
  REQUIRE(reader.next(text, size));
  const int after_first = reads;
  CHECK(after_first >= 1);
  REQUIRE(reader.next(text, size));
  CHECK(reads == after_first);  // the second line was already buffered
  CHECK_FALSE(reader.next(text, size));
  CHECK_FALSE(reader.failed());
}

TEST_CASE("replay: inspect's padded read of a line gives what the validator gives for the line") {
  // A line cut after a number, followed by more input: what follows the line in the reader's
  // buffer must not change the verdict (the old getline reader left a NUL there, which moved
  // the reported offset to the number).
  const std::string cut = R"({"type":"ecommerce:purchase","total":29)";
  const std::string input = cut + "\n" + R"({"type":"ecommerce:detail","products":[]})" + "\n";
  std::istringstream in(input);
  vshop::cli::LineReader reader(in, vshop::events::kMaxDocumentBytes,
                                vshop::events::Validator::kReadPadding);
  vshop::events::Validator padded;
  vshop::events::Validator copied;
  std::string_view text;
  std::size_t size = 0;
  std::size_t line = 0;
  while (reader.next(text, size)) {
    std::string got;
    std::string want;
    vshop::events::append_result_json(got, ++line,
                                      padded.validate_padded(reader.data(), size).result);
    vshop::events::append_result_json(want, line, copied.validate_document(text).result);
    CHECK(got == want);
  }
  CHECK(line == 2);
}
