// `vshop simulate SCENARIO.jsonl` and `vshop replay JOURNAL.jsonl` (docs/reference.md §11).
// Both stream: they read one line at a time and write as they go (memory does not grow with the
// input); every file argument is opened before the first command runs.
//   simulate: prints effects and errors, one per line, in order; --strict stops at the first
//             rejected command (exit 1); --journal FILE writes the canonical journal;
//             --snapshot FILE writes the final snapshot; --summary adds a readable summary;
//             --report adds the R-METRIC-1 analytics of the whole simulated period as a table
//             (--report=json: one canonical JSON object), --from / --to pick reporting-zone
//             dates, --daily adds per-day rows, --report-file writes the report to a file;
//             --export-chats / --export-data (csv or jsonl) write the Dashboard's exports.
//   replay:   replays a journal (optionally on top of --from SNAPSHOT) and prints the effects,
//             or with --snapshot only the final snapshot.
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "command.hpp"
#include "date/date.h"
#include "diagnostics.hpp"
#include "files.hpp"
#include "line_reader.hpp"
#include "vshop/engine/engine.hpp"
#include "vshop/error.hpp"
#include "vshop/json_text.hpp"
#include "vshop/text_lines.hpp"

namespace vshop::cli {
namespace {

std::string error_line(std::size_t line, const absl::Status& status) {
  std::string out = R"({"line":)" + std::to_string(line) + R"(,"error":)";
  append_json_string(out, error_code_name(error_code_of(status)));
  out += R"(,"message":)";
  append_json_string(out, std::string_view(status.message().data(), status.message().size()));
  out += '}';
  return out;
}

// Counts for the readable summary of a run (what the demo shows).
struct Summary {
  std::map<std::string_view, long> by_effect;
  std::map<std::string, std::map<std::string_view, long>> by_expert;
  long errors = 0;

  void add(const Effect& e) {
    ++by_effect[effect_name(e.kind)];
    switch (e.kind) {
      case EffectKind::kChatOffered:
        for (const auto& x : e.experts) ++by_expert[x]["offered"];
        break;
      case EffectKind::kChatClaimed:
        ++by_expert[e.expert]["claimed"];
        break;
      case EffectKind::kChatTaken:
        ++by_expert[e.expert]["taken"];
        break;
      case EffectKind::kChatFinished:
        ++by_expert[e.expert]["finished"];
        break;
      case EffectKind::kOfferExpired:
        for (const auto& x : e.experts) ++by_expert[x]["expired"];
        break;
      case EffectKind::kOfferWithdrawn:
        if (e.reason == WithdrawReason::kDeclined) ++by_expert[e.expert]["declined"];
        break;
      case EffectKind::kTransferCompleted:
        ++by_expert[e.to]["transfers_in"];
        break;
      case EffectKind::kSaleAttributed:
        ++by_expert[e.expert]["sales"];
        break;
      default:
        break;
    }
  }

  void print(std::ostream& os) const {
    const auto count = [&](std::string_view name) {
      auto it = by_effect.find(name);
      return it == by_effect.end() ? 0L : it->second;
    };
    os << "\n== summary ==\n";
    os << "chats offered (waves):  " << count("chat_offered") << "\n";
    os << "chats claimed:          " << count("chat_claimed") << "\n";
    os << "chats missed:           " << count("chat_missed") << "\n";
    os << "left messages queued:   " << count("left_message_queued") << "\n";
    os << "left messages taken:    " << count("chat_taken") << "\n";
    os << "chats finished:         " << count("chat_finished") << "\n";
    os << "transfers completed:    " << count("transfer_completed") << "\n";
    os << "transfers failed:       " << count("transfer_failed") << "\n";
    os << "shoppers blocked:       " << count("shopper_blocked") << "\n";
    os << "sales attributed:       " << count("sale_attributed") << "\n";
    os << "sales unattributed:     " << count("sale_unattributed") << "\n";
    os << "rejected commands:      " << errors << "\n\n";
    const char* cols[] = {"offered", "claimed",      "declined", "expired",
                          "taken",   "transfers_in", "finished", "sales"};
    os << fmt_row("expert", cols) << "\n";
    for (const auto& [expert, counts] : by_expert) {
      std::string row = pad(expert, 14);
      for (const char* c : cols) {
        auto it = counts.find(c);
        row += pad(std::to_string(it == counts.end() ? 0 : it->second), 13);
      }
      os << row << "\n";
    }
  }

  static std::string pad(std::string s, std::size_t width) {
    if (s.size() < width) s.append(width - s.size(), ' ');
    return s;
  }
  template <std::size_t N>
  static std::string fmt_row(std::string_view first, const char* (&cols)[N]) {
    std::string row = pad(std::string(first), 14);
    for (const char* c : cols) row += pad(c, 13);
    return row;
  }
};

// The longest command line read; a longer one is reported as rejected and skipped. It matches
// the core's own limit on one JSON Lines command (1 MiB).
constexpr std::size_t kMaxCommandLineBytes = std::size_t{1} << 20;

struct RunOptions {
  bool strict = false;
  bool summary = false;
  bool print_effects = true;
};

// Where a run writes as it goes: effects, rejected-command lines, and the journal (optional).
struct RunOutput {
  std::ostream& effects;
  std::ostream& errors;
  std::ostream* journal = nullptr;
  std::size_t lines_on_effects = 0;  // lines written to `effects` (errors too when they share it)
};

absl::Status line_too_long(std::size_t size) {
  return make_error(ErrorCode::kInvalidArgument,
                    "line of " + std::to_string(size) + " bytes, over the limit of " +
                        std::to_string(kMaxCommandLineBytes) + " bytes");
}

// Text written to a stream in large blocks: one write per ~64 KiB instead of one per line.
class BufferedOut {
 public:
  explicit BufferedOut(std::ostream* os) : os_(os) {
    if (os_ != nullptr) text_.reserve(kBlock + kBlock / 4);
  }
  ~BufferedOut() { flush(); }
  BufferedOut(const BufferedOut&) = delete;
  BufferedOut& operator=(const BufferedOut&) = delete;

  std::string& text() { return text_; }
  // Ends a line; writes the block once it is full.
  void end_line() {
    text_ += '\n';
    if (text_.size() >= kBlock) flush();
  }
  void flush() {
    if (os_ != nullptr && !text_.empty())
      os_->write(text_.data(), static_cast<std::streamsize>(text_.size()));
    text_.clear();
  }

 private:
  static constexpr std::size_t kBlock = std::size_t{1} << 16;
  std::ostream* os_;
  std::string text_;
};

// Feeds every non-blank line to the engine, writing effects, errors and journal lines as it
// goes (buffered, in order); returns false when --strict stopped the run.
bool run_lines(Engine& engine, LineReader& reader, const RunOptions& opt, Summary& summary,
               RunOutput& out) {
  std::vector<Effect> effects;
  std::vector<std::string> journal;
  std::string_view line;
  std::size_t size = 0;
  BufferedOut effects_out(&out.effects);
  // Errors written to another stream than the effects (stderr with --quiet) go unbuffered.
  const bool errors_with_effects = &out.errors == &out.effects;
  BufferedOut journal_out(out.journal);
  // Before the reader waits for input, everything written so far goes out (a pipe streams).
  reader.on_read([&] {
    effects_out.flush();
    journal_out.flush();
  });
  struct Unhook {
    LineReader& reader;
    ~Unhook() { reader.on_read(nullptr); }
  } unhook{reader};
  while (reader.next(line, size)) {
    if (size == line.size() && is_blank_line(line)) continue;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const absl::Status status =
        size > kMaxCommandLineBytes ? line_too_long(size) : engine.apply_json(line);
    effects.clear();
    engine.drain_effects(effects);
    for (const Effect& e : effects) {
      if (opt.summary) summary.add(e);
      if (opt.print_effects) {
        append_effect_json(effects_out.text(), e);
        effects_out.end_line();
        ++out.lines_on_effects;
      }
    }
    if (out.journal != nullptr) {
      engine.drain_journal(journal);
      for (const std::string& entry : journal) {
        journal_out.text() += entry;
        journal_out.end_line();
      }
    }
    if (!status.ok()) {
      ++summary.errors;
      if (errors_with_effects) {
        effects_out.text() += error_line(reader.line_number(), status);
        effects_out.end_line();
        ++out.lines_on_effects;
      } else {
        out.errors << error_line(reader.line_number(), status) << '\n';
      }
      if (opt.strict) return false;
    }
  }
  return true;
}

struct SimulateOptions {
  bool quiet = false;
  std::string scenario;
  std::string journal;
  std::string snapshot;
  std::string report;  // "", "text" or "json"
  std::string report_file;
  std::string from, to;  // reporting-zone dates (YYYY-MM-DD), "" for the whole history
  bool daily = false;
  std::string export_chats, export_data;  // "", "csv" or "jsonl"
  std::string export_file;
  RunOptions run;
};

// Opens an output file argument unless it is the input or another output (which opening would
// truncate).
bool open_output(OutputFile& file, const std::string& flag, const std::string& path,
                 const std::vector<const std::string*>& taken, std::string& error) {
  for (const std::string* other : taken) {
    if (*other == path || same_file(*other, path)) {
      error = flag + " " + quoted_value(path) + " is also another file argument of this command";
      return false;
    }
  }
  if (!file.open(path, error)) {
    error = flag + ": " + error;
    return false;
  }
  return true;
}

// A YYYY-MM-DD date argument, or an error naming the flag.
bool parse_date(const std::string& flag, const std::string& text,
                std::optional<analytics::LocalDate>& out, std::string& error) {
  if (text.empty()) return true;
  auto date = analytics::parse_local_date(text, flag);
  if (!date.ok()) {
    error = std::string(date.status().message());
    return false;
  }
  out = *date;
  return true;
}

// The report request from the options, or a usage error message.
bool report_request(const SimulateOptions& o, MetricsReportRequest& request, std::string& error) {
  if (!o.report.empty() && o.report != "text" && o.report != "json") {
    error = "--report: " + quoted_value(o.report) + " is not text or json";
    return false;
  }
  const bool exporting = !o.export_chats.empty() || !o.export_data.empty();
  if (o.report.empty() && (o.daily || !o.report_file.empty())) {
    error = "--daily and --report-file need --report";
    return false;
  }
  if (o.report.empty() && !exporting && (!o.from.empty() || !o.to.empty())) {
    error = "--from and --to need --report, --export-chats or --export-data";
    return false;
  }
  if (!o.export_chats.empty() && !o.export_data.empty()) {
    error = "--export-chats and --export-data: one export per run";
    return false;
  }
  for (const auto& [flag, value] :
       {std::pair{"--export-chats", &o.export_chats}, std::pair{"--export-data", &o.export_data}}) {
    if (!value->empty() && *value != "csv" && *value != "jsonl") {
      error = std::string(flag) + ": " + quoted_value(*value) + " is not csv or jsonl";
      return false;
    }
  }
  if (!exporting && !o.export_file.empty()) {
    error = "--export-file needs --export-chats or --export-data";
    return false;
  }
  request.json = o.report == "json";
  request.daily = o.daily;
  if (!parse_date("--from", o.from, request.from, error) ||
      !parse_date("--to", o.to, request.to, error)) {
    return false;
  }
  // Checked before the run as well as by the engine, so the error comes first and alone.
  if (request.from && request.to && date::sys_days{*request.to} < date::sys_days{*request.from}) {
    error = "--to: " + o.to + " is before --from " + o.from;
    return false;
  }
  return true;
}

int simulate(const SimulateOptions& o) {
  constexpr std::string_view kCommand = "simulate";
  MetricsReportRequest request;
  std::string err;
  if (!report_request(o, request, err)) return usage_error(kCommand, err);
  InputFile scenario;
  if (!scenario.open(o.scenario, err)) return usage_error(kCommand, err);
  OutputFile journal;
  OutputFile snapshot;
  OutputFile report_file;
  std::vector<const std::string*> taken = {&o.scenario};
  if (!o.journal.empty()) {
    if (!open_output(journal, "--journal", o.journal, taken, err)) {
      return usage_error(kCommand, err);
    }
    taken.push_back(&o.journal);
  }
  if (!o.snapshot.empty()) {
    if (!open_output(snapshot, "--snapshot", o.snapshot, taken, err)) {
      return usage_error(kCommand, err);
    }
    taken.push_back(&o.snapshot);
  }
  if (!o.report_file.empty()) {
    if (!open_output(report_file, "--report-file", o.report_file, taken, err)) {
      return usage_error(kCommand, err);
    }
    taken.push_back(&o.report_file);
  }
  OutputFile export_file;
  if (!o.export_file.empty() &&
      !open_output(export_file, "--export-file", o.export_file, taken, err)) {
    return usage_error(kCommand, err);
  }

  Engine engine;
  engine.set_journaling(!o.journal.empty());
  Summary summary;
  RunOptions run = o.run;
  run.print_effects = !o.quiet;
  // With --quiet, standard output holds only what is asked for at the end (the summary, the
  // report: exactly one JSON object with --report=json); rejected commands go to stderr.
  RunOutput out{std::cout, o.quiet ? std::cerr : std::cout,
                o.journal.empty() ? nullptr : &journal.stream()};
  LineReader reader(scenario.stream(), kMaxCommandLineBytes);
  const bool ok = run_lines(engine, reader, run, summary, out);
  if (reader.failed()) {
    return usage_error(kCommand, "error while reading " + scenario.name());
  }
  if (o.run.summary) summary.print(std::cout);
  if (!o.report.empty()) {
    const absl::StatusOr<std::string> report = engine.metrics_report(request);
    if (!report.ok()) return usage_error(kCommand, std::string(report.status().message()));
    if (!o.report_file.empty()) {
      report_file.stream() << *report << (request.json ? "\n" : "");
      if (!report_file.close(err)) return usage_error(kCommand, err);
    } else if (request.json) {
      std::cout << *report << "\n";
    } else {
      // A blank line separates the table from what was printed before it.
      std::cout << (out.lines_on_effects > 0 || o.run.summary ? "\n" : "") << *report;
    }
  }
  if (!o.export_chats.empty() || !o.export_data.empty()) {
    const std::string& format = o.export_chats.empty() ? o.export_data : o.export_chats;
    ExportRequest exp{
        request.from, request.to,
        format == "csv" ? analytics::ExportFormat::kCsv : analytics::ExportFormat::kJsonLines};
    const absl::StatusOr<std::string> text =
        o.export_chats.empty() ? engine.export_data(exp) : engine.export_chats(exp);
    if (!text.ok()) return usage_error(kCommand, std::string(text.status().message()));
    if (o.export_file.empty()) {
      std::cout << *text;
    } else {
      export_file.stream() << *text;
      if (!export_file.close(err)) return usage_error(kCommand, err);
    }
  }
  if (!o.journal.empty() && !journal.close(err)) return usage_error(kCommand, err);
  if (!o.snapshot.empty()) {
    snapshot.stream() << engine.snapshot() << '\n';
    if (!snapshot.close(err)) return usage_error(kCommand, err);
  }
  return ok ? kExitOk : kExitFindings;
}

struct ReplayOptions {
  std::string journal;
  std::string from;
  bool snapshot = false;
};

int replay(const ReplayOptions& o) {
  constexpr std::string_view kCommand = "replay";
  std::string err;
  InputFile journal;
  if (!journal.open(o.journal, err)) return usage_error(kCommand, err);
  Engine engine;
  if (!o.from.empty()) {
    InputFile from;
    std::string snap;
    if (!from.open(o.from, err) || !read_all(from, snap, err)) {
      return usage_error(kCommand, "--from: " + err);
    }
    auto restored = Engine::restore(snap);
    if (!restored.ok()) {
      return usage_error(kCommand,
                         "--from " + from.name() + ": " + std::string(restored.status().message()));
    }
    engine = std::move(*restored);
  }
  engine.set_journaling(false);
  Summary summary;
  RunOptions run;
  run.strict = true;  // a journal holds only accepted commands: any rejection is corruption
  run.print_effects = !o.snapshot;
  LineReader reader(journal.stream(), kMaxCommandLineBytes);
  RunOutput out{std::cout, std::cout};
  const bool ok = run_lines(engine, reader, run, summary, out);
  if (reader.failed()) return usage_error(kCommand, "error while reading " + journal.name());
  if (o.snapshot && ok) std::cout << engine.snapshot() << '\n';
  return ok ? kExitOk : kExitFindings;
}

const bool kRegistered =
    register_command(
        {"simulate", "Run a scenario of commands (JSON Lines) and print effects and errors",
         [](CLI::App& sub, int& exit_status) {
           auto opt = std::make_shared<SimulateOptions>();
           sub.add_option("scenario", opt->scenario, "Scenario file (JSON Lines), - for stdin")
               ->required();
           sub.add_flag("--strict", opt->run.strict, "Stop at the first rejected command (exit 1)");
           sub.add_flag("--summary", opt->run.summary,
                        "Print a readable summary after the effects");
           sub.add_flag("--quiet", opt->quiet,
                        "Do not print the effect lines; rejected commands go to standard error");
           sub.add_flag("--report{text}", opt->report,
                        "Print the analytics (R-METRIC-1) of the whole run after the effects: a "
                        "table, or --report=json for JSON");
           sub.add_option("--report-file", opt->report_file,
                          "Write the report to this file instead of standard output");
           sub.add_option("--from", opt->from,
                          "First reporting day of the report (YYYY-MM-DD, reporting_timezone)");
           sub.add_option("--to", opt->to, "Last reporting day of the report (YYYY-MM-DD)");
           sub.add_flag("--daily", opt->daily, "Add one merchant row per day to the report");
           sub.add_option("--export-chats", opt->export_chats,
                          "Export Chats (csv or jsonl): one record per chat of --from..--to");
           sub.add_option("--export-data", opt->export_data,
                          "Export Data (csv or jsonl): active days and sales per expert");
           sub.add_option("--export-file", opt->export_file,
                          "Write the export to this file instead of standard output");
           sub.add_option("--journal", opt->journal, "Write the canonical journal to this file");
           sub.add_option("--snapshot", opt->snapshot, "Write the final snapshot to this file");
           sub.callback([opt, &exit_status] { exit_status = simulate(*opt); });
         }}) &&
    register_command(
        {"replay", "Replay a journal and print its effects or the final snapshot",
         [](CLI::App& sub, int& exit_status) {
           auto opt = std::make_shared<ReplayOptions>();
           sub.add_option("journal", opt->journal, "Journal file (JSON Lines), - for stdin")
               ->required();
           sub.add_flag("--snapshot", opt->snapshot, "Print only the final snapshot");
           sub.add_option("--from", opt->from, "Restore this snapshot before replaying");
           sub.callback([opt, &exit_status] { exit_status = replay(*opt); });
         }});

}  // namespace
}  // namespace vshop::cli
