// The `vshop` command: subcommands register themselves (see command.hpp). Every failure is one
// line on standard error with exit status 2; no exception leaves main.
#include <algorithm>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>

#include "command.hpp"
#include "diagnostics.hpp"

#ifndef VSHOP_VERSION
#error "VSHOP_VERSION (the CMake project version) must be defined when building the vshop tool"
#endif

namespace vshop::cli {
namespace {

std::vector<Command>& registry() {
  static std::vector<Command> commands;
  return commands;
}

// The first argument that is not an option names the subcommand (the top level takes no option
// with a value). Empty when there is none or it is a known one.
std::string unknown_subcommand(int argc, char** argv, const std::vector<Command>& commands) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (!arg.empty() && arg.front() == '-') continue;
    const bool known = std::any_of(commands.begin(), commands.end(),
                                   [&](const Command& c) { return c.name == arg; });
    return known ? std::string() : std::string(arg);
  }
  return {};
}

int run(int argc, char** argv) {
  CLI::App app{"vshop: live-shopping operations model (stores, experts, chats, events)", "vshop"};
  app.set_version_flag("--version", std::string("vshop ") + VSHOP_VERSION,
                       "Print the version and exit");
  app.require_subcommand(1);
  int exit_status = kExitOk;
  const std::vector<Command> commands = registered_commands();
  std::string names;
  for (const Command& command : commands) {
    CLI::App* sub = app.add_subcommand(command.name, command.description);
    command.setup(*sub, exit_status);
    names += (names.empty() ? "" : ", ") + command.name;
  }
  if (const std::string unknown = unknown_subcommand(argc, argv, commands); !unknown.empty()) {
    return usage_error("", "unknown subcommand " + quoted_value(unknown) +
                               " (subcommands: " + names + "; see vshop --help)");
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return usage_error("", std::string(e.what()) + " (see vshop --help)");
  }
  return exit_status;
}

}  // namespace

bool register_command(Command command) {
  registry().push_back(std::move(command));
  return true;
}

std::vector<Command> registered_commands() {
  auto commands = registry();
  std::sort(commands.begin(), commands.end(),
            [](const Command& a, const Command& b) { return a.name < b.name; });
  return commands;
}

}  // namespace vshop::cli

int main(int argc, char** argv) {
  using namespace vshop::cli;
  std::ios::sync_with_stdio(false);
  int status = kExitUsage;
  try {
    status = run(argc, argv);
  } catch (const std::exception& e) {
    return usage_error("", std::string("internal error: ") + e.what());
  } catch (...) {
    return usage_error("", "internal error: unknown exception");
  }
  // Output is buffered: report here a write that failed (a full disk, a closed pipe).
  if (!std::cout.flush()) return usage_error("", "error while writing standard output");
  return status;
}
