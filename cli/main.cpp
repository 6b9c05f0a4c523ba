// The `vshop` command: subcommands register themselves (see command.hpp).
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "command.hpp"

namespace vshop::cli {
namespace {

std::vector<Command>& registry() {
  static std::vector<Command> commands;
  return commands;
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

bool read_input(const std::string& path, std::string& contents, std::string& error) {
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    contents = buffer.str();
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read file \"" + path + "\"";
    return false;
  }
  contents.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) {
    error = "error while reading \"" + path + "\"";
    return false;
  }
  return true;
}

}  // namespace vshop::cli

int main(int argc, char** argv) {
  using namespace vshop::cli;
  std::ios::sync_with_stdio(false);
  CLI::App app{"vshop: live-shopping operations model (stores, experts, chats, events)", "vshop"};
  app.require_subcommand(1);
  int exit_status = kExitOk;
  for (const Command& command : registered_commands()) {
    CLI::App* sub = app.add_subcommand(command.name, command.description);
    command.setup(*sub, exit_status);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "vshop: " << e.what() << " (see vshop --help)\n";
    return kExitUsage;
  }
  std::cout.flush();
  return exit_status;
}
