// `vshop simulate SCENARIO.jsonl` and `vshop replay JOURNAL.jsonl` (SPEC §11).
//   simulate: prints effects and errors, one per line, in order; --strict stops at the first
//             rejected command (exit 1); --journal FILE writes the canonical journal;
//             --snapshot FILE writes the final snapshot; --summary adds a readable summary;
//             --report adds the R-METRIC-1 analytics of the whole simulated period as a table
//             (--report=json: one canonical JSON object).
//   replay:   replays a journal (optionally on top of --from SNAPSHOT) and prints the effects,
//             or with --snapshot only the final snapshot.
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "command.hpp"
#include "vshop/engine/engine.hpp"
#include "vshop/error.hpp"
#include "vshop/json_text.hpp"

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
      case EffectKind::kChatClaimed: ++by_expert[e.expert]["claimed"]; break;
      case EffectKind::kChatTaken: ++by_expert[e.expert]["taken"]; break;
      case EffectKind::kChatFinished: ++by_expert[e.expert]["finished"]; break;
      case EffectKind::kOfferExpired:
        for (const auto& x : e.experts) ++by_expert[x]["expired"];
        break;
      case EffectKind::kOfferWithdrawn:
        if (e.reason == WithdrawReason::kDeclined) ++by_expert[e.expert]["declined"];
        break;
      case EffectKind::kTransferCompleted: ++by_expert[e.to]["transfers_in"]; break;
      case EffectKind::kSaleAttributed: ++by_expert[e.expert]["sales"]; break;
      default: break;
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
    const char* cols[] = {"offered", "claimed", "declined", "expired", "taken",
                          "transfers_in", "finished", "sales"};
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

struct RunOptions {
  bool strict = false;
  bool summary = false;
  bool print_effects = true;
};

// Feeds every non-blank line to the engine; returns false when --strict stopped the run.
bool run_lines(Engine& engine, const std::string& text, const RunOptions& opt, Summary& summary,
               std::string& out) {
  std::size_t line_no = 0, pos = 0;
  std::vector<Effect> effects;
  bool ok = true;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    const absl::Status status = engine.apply_json(line);
    effects.clear();
    engine.drain_effects(effects);
    for (const Effect& e : effects) {
      if (opt.summary) summary.add(e);
      if (opt.print_effects) {
        out += effect_to_json(e);
        out += '\n';
      }
    }
    if (!status.ok()) {
      ++summary.errors;
      out += error_line(line_no, status);
      out += '\n';
      if (opt.strict) {
        ok = false;
        break;
      }
    }
  }
  return ok;
}

bool write_file(const std::string& path, const std::string& contents) {
  std::ofstream f(path, std::ios::binary);
  f << contents;
  return static_cast<bool>(f);
}

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) {
    s += l;
    s += '\n';
  }
  return s;
}

struct SimulateOptions {
  bool quiet = false;
  std::string scenario;
  std::string journal;
  std::string snapshot;
  std::string report;  // "", "text" or "json"
  RunOptions run;
};

int simulate(const SimulateOptions& o) {
  if (!o.report.empty() && o.report != "text" && o.report != "json") {
    std::cerr << "vshop simulate: --report: \"" << o.report << "\" is not text or json\n";
    return kExitUsage;
  }
  std::string text, err;
  if (!read_input(o.scenario, text, err)) {
    std::cerr << "vshop simulate: " << err << "\n";
    return kExitUsage;
  }
  Engine engine;
  engine.set_journaling(!o.journal.empty());
  Summary summary;
  std::string out;
  RunOptions run = o.run;
  run.print_effects = !o.quiet;
  const bool ok = run_lines(engine, text, run, summary, out);
  std::cout << out;
  if (o.run.summary) summary.print(std::cout);
  // A blank line separates the table from what was printed before it.
  if (o.report == "text") {
    std::cout << (out.empty() && !o.run.summary ? "" : "\n") << engine.metrics_report_text();
  }
  if (o.report == "json") std::cout << engine.metrics_report_json() << "\n";
  if (!o.journal.empty() && !write_file(o.journal, joined(engine.drain_journal()))) {
    std::cerr << "vshop simulate: cannot write \"" << o.journal << "\"\n";
    return kExitUsage;
  }
  if (!o.snapshot.empty() && !write_file(o.snapshot, engine.snapshot() + "\n")) {
    std::cerr << "vshop simulate: cannot write \"" << o.snapshot << "\"\n";
    return kExitUsage;
  }
  return ok ? kExitOk : kExitFindings;
}

struct ReplayOptions {
  std::string journal;
  std::string from;
  bool snapshot = false;
};

int replay(const ReplayOptions& o) {
  std::string text, err;
  if (!read_input(o.journal, text, err)) {
    std::cerr << "vshop replay: " << err << "\n";
    return kExitUsage;
  }
  Engine engine;
  if (!o.from.empty()) {
    std::string snap;
    if (!read_input(o.from, snap, err)) {
      std::cerr << "vshop replay: " << err << "\n";
      return kExitUsage;
    }
    auto restored = Engine::restore(snap);
    if (!restored.ok()) {
      std::cerr << "vshop replay: " << o.from << ": " << restored.status().message() << "\n";
      return kExitUsage;
    }
    engine = std::move(*restored);
  }
  engine.set_journaling(false);
  Summary summary;
  std::string out;
  RunOptions run;
  run.strict = true;  // a journal holds only accepted commands: any rejection is corruption
  run.print_effects = !o.snapshot;
  const bool ok = run_lines(engine, text, run, summary, out);
  if (o.snapshot && ok) {
    out = engine.snapshot();
    out += '\n';
  }
  std::cout << out;
  return ok ? kExitOk : kExitFindings;
}

const bool kRegistered = register_command(
    {"simulate", "Run a scenario of commands (JSON Lines) and print effects and errors",
     [](CLI::App& sub, int& exit_status) {
       auto opt = std::make_shared<SimulateOptions>();
       sub.add_option("scenario", opt->scenario, "Scenario file (JSON Lines), - for stdin")
           ->required();
       sub.add_flag("--strict", opt->run.strict, "Stop at the first rejected command (exit 1)");
       sub.add_flag("--summary", opt->run.summary, "Print a readable summary after the effects");
       sub.add_flag("--quiet", opt->quiet, "Do not print the effect lines (errors still print)");
       sub.add_flag("--report{text}", opt->report,
                    "Print the analytics (R-METRIC-1) of the whole run after the effects: a "
                    "table, or --report=json for JSON");
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
