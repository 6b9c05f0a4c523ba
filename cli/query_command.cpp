// `vshop query SCENARIO.jsonl QUERY [ARGS...]` (docs/reference.md §12): runs the scenario like
// `vshop simulate` (rejected lines are skipped, as simulate does without --strict) and prints
// the query's answer as one line of canonical JSON. The queries and their arguments are the
// library's table (vshop/engine/query_table.hpp): `vshop query --help` lists them.
#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "command.hpp"
#include "diagnostics.hpp"
#include "files.hpp"
#include "line_reader.hpp"
#include "vshop/engine/engine.hpp"
#include "vshop/engine/query_table.hpp"
#include "vshop/text_lines.hpp"

namespace vshop::cli {
namespace {

struct QueryOptions {
  std::string scenario;
  std::string query;
  std::vector<std::string> args;
};

constexpr std::size_t kMaxCommandLineBytes = std::size_t{1} << 20;  // as simulate

int run_query_command(const QueryOptions& o) {
  constexpr std::string_view kCommand = "query";
  const auto& list = query_list();
  const bool known =
      std::any_of(list.begin(), list.end(), [&](const QueryInfo& q) { return q.name == o.query; });
  if (!known) {  // before reading the scenario: a typo costs nothing
    std::string names;
    for (const auto& q : list) names += (names.empty() ? "" : ", ") + std::string(q.name);
    return usage_error(
        kCommand, "QUERY: unknown query " + quoted_value(o.query) + " (queries: " + names + ")");
  }
  std::string err;
  InputFile scenario;
  if (!scenario.open(o.scenario, err)) return usage_error(kCommand, err);
  Engine engine;
  engine.set_journaling(false);
  LineReader reader(scenario.stream(), kMaxCommandLineBytes);
  std::string_view line;
  std::size_t size = 0;
  std::vector<Effect> effects;
  while (reader.next(line, size)) {
    if (size > kMaxCommandLineBytes || (size == line.size() && is_blank_line(line))) continue;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    (void)engine.apply_json(line);  // a rejected command changes nothing (R-ERR-1)
    effects.clear();
    engine.drain_effects(effects);  // nobody reads them: keep the outbox from filling up
  }
  if (reader.failed()) return usage_error(kCommand, "error while reading " + scenario.name());
  auto answer = run_query(engine, o.query, o.args);
  if (!answer.ok()) {
    return usage_error(kCommand, std::string(answer.status().message()));
  }
  std::cout << *answer << "\n";
  return kExitOk;
}

std::string query_footer() {
  std::string out = "Queries (NOW: RFC 3339 or epoch ms, default the scenario's last instant):";
  for (const auto& q : query_list()) {
    out +=
        "\n  " + std::string(q.name) + " " + std::string(q.usage) + "  " + std::string(q.summary);
  }
  return out;
}

const bool kRegistered = register_command(Command{
    "query", "Run a scenario, then print a query's answer as canonical JSON",
    [](CLI::App& sub, int& exit_status) {
      auto options = std::make_shared<QueryOptions>();
      sub.add_option("SCENARIO.jsonl", options->scenario, "commands, one JSON object per line")
          ->required();
      sub.add_option("QUERY", options->query, "the query's name (see below)")->required();
      sub.add_option("ARGS", options->args, "the query's arguments");
      sub.footer(query_footer());
      sub.callback([options, &exit_status] { exit_status = run_query_command(*options); });
    }});

}  // namespace
}  // namespace vshop::cli
