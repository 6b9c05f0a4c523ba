// `vshop inspect EVENTS.jsonl [--summary] [--format=json|text] [--feed FEED.jsonl]`: validates
// tracking events, one JSON document per line (SPEC §11, EVENTS.md §3).
#include <cstdio>
#include <iostream>
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

int run_inspect(const InspectOptions& options) {
  std::string text;
  std::string error;
  if (!read_input(options.input, text, error)) {
    std::cerr << "vshop inspect: " << error << "\n";
    return kExitUsage;
  }
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

  // One padded copy of the input; every line is parsed in place with one reused parser.
  const simdjson::padded_string padded(text);
  events::Validator validator(feed.get());
  events::StreamChecker stream;
  events::SummaryBuilder summary;
  const bool per_event = !options.summary && options.format == "json";
  std::string out;
  bool any_critical = false;
  events::for_each_line(
      std::string_view(padded.data(), padded.size()),
      [&](std::size_t line, std::size_t offset, std::string_view document) {
        events::DocumentResult result =
            validator.validate_padded(padded.data() + offset, document.size(), &stream);
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
      });
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
