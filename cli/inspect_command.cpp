// `vshop inspect EVENTS.jsonl [--summary] [--format=json|text] [--feed FEED.jsonl]`: validates
// tracking events, one JSON document per line (SPEC §11, EVENTS.md §3).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <memory>
#include <string>

#include "command.hpp"
#include "simdjson.h"
#include "vshop/events/batch.hpp"

namespace vshop::cli {
namespace {

struct InspectOptions {
  std::string input;
  std::string feed_path;
  std::string format = "json";
  bool summary = false;
};

// Reads one line at a time into a buffer sized for the largest accepted document, so memory
// stays bounded whatever the input size; a longer line is skipped to its end and reported as
// too large. The line is followed by simdjson's padding, so it is parsed in place.
class LineReader {
 public:
  explicit LineReader(std::istream& in)
      : in_(in), buffer_(kCapacity + simdjson::SIMDJSON_PADDING, ' ') {}

  // The next line (without its newline) or false at the end. `size` is the line's full length,
  // which exceeds `text.size()` only for a line too long to keep.
  bool next(std::string_view& text, std::size_t& size) {
    if (in_.eof()) return false;
    in_.getline(buffer_.data(), static_cast<std::streamsize>(kCapacity));
    const auto got = static_cast<std::size_t>(in_.gcount());
    if (in_.fail() && !in_.eof()) {
      // The line is longer than the buffer: skip the rest, counting it.
      in_.clear();
      in_.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
      const auto rest = static_cast<std::size_t>(in_.gcount());
      size = got + rest - (in_.eof() ? 0 : 1);
      text = std::string_view(buffer_.data(), got);
      return true;
    }
    if (got == 0 && in_.eof()) return false;
    size = in_.eof() ? got : got - 1;  // gcount includes the newline when one was read
    text = std::string_view(buffer_.data(), size);
    return true;
  }

  const char* data() const { return buffer_.data(); }

 private:
  // Room for a line of kMaxDocumentBytes + 1 bytes: enough to know that it is too large.
  static constexpr std::size_t kCapacity = events::kMaxDocumentBytes + 2;
  std::istream& in_;
  std::string buffer_;
};

int run_inspect(const InspectOptions& options) {
  std::string error;
  std::unique_ptr<events::ProductFeed> feed;
  if (!options.feed_path.empty()) {
    std::string feed_text;
    if (!read_input(options.feed_path, feed_text, error)) {
      std::cerr << "vshop inspect: --feed: " << error << "\n";
      return kExitUsage;
    }
    auto parsed = events::ProductFeed::from_json_lines(feed_text);
    if (!parsed.ok()) {
      std::cerr << "vshop inspect: --feed \"" << options.feed_path
                << "\": " << parsed.status().message() << "\n";
      return kExitUsage;
    }
    feed = std::make_unique<events::ProductFeed>(std::move(*parsed));
  }
  std::ifstream file;
  if (options.input != "-") {
    file.open(options.input, std::ios::binary);
    if (!file) {
      std::cerr << "vshop inspect: cannot read file \"" << options.input << "\"\n";
      return kExitUsage;
    }
  }
  std::istream& in = options.input == "-" ? std::cin : file;

  events::Validator validator(feed.get());
  events::StreamChecker stream;
  events::SummaryBuilder summary;
  const bool per_event = !options.summary && options.format == "json";
  std::string out;
  bool any_critical = false;
  LineReader reader(in);
  std::string_view text;
  std::size_t size = 0;
  std::size_t line = 0;
  while (reader.next(text, size)) {
    ++line;
    if (size == text.size() && events::is_blank_line(text)) continue;
    // An over-long line is passed with its full size: the validator reports too_large.
    const events::DocumentResult result = validator.validate_padded(reader.data(), size, &stream);
    any_critical = any_critical || result.result.has_critical();
    summary.add(line, result.result);
    if (per_event) {
      events::append_result_json(out, line, result.result);
      out += '\n';
      if (out.size() > (1 << 16)) {
        std::cout << out;
        out.clear();
      }
    }
  }
  if (in.bad()) {
    std::cerr << "vshop inspect: error while reading \"" << options.input << "\"\n";
    return kExitUsage;
  }
  if (!per_event) {
    const events::Summary totals = summary.finish();
    if (options.format == "text") {
      events::append_summary_text(out, totals);
    } else {
      events::append_summary_json(out, totals);
    }
  }
  std::cout << out;
  std::cout.flush();
  return any_critical ? kExitFindings : kExitOk;
}

const bool registered = register_command(
    {"inspect", "Validate tracking events (JSON Lines) and report issues by event or by code",
     [](CLI::App& sub, int& exit_status) {
       auto options = std::make_shared<InspectOptions>();
       sub.add_option("events", options->input, "Events file, one JSON payload per line ('-' = stdin)")
           ->required();
       sub.add_flag("--summary", options->summary,
                    "Print counts by code and severity instead of one line per event");
       sub.add_option("--format", options->format,
                      "json: one line per event (default); text: grouped report for people")
           ->check(CLI::IsMember({"json", "text"}));
       sub.add_option("--feed", options->feed_path,
                      "Product feed (JSON Lines: id, group, name, image, price, currency)");
       sub.callback([options, &exit_status] { exit_status = run_inspect(*options); });
     }});

}  // namespace
}  // namespace vshop::cli
