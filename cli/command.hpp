// How the `vshop` subcommands plug into the one executable: each cli/<name>_command.cpp
// registers itself at static-initialisation time; main() builds the CLI11 app from the registry.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"

namespace vshop::cli {

// Exit statuses shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;  // e.g. `inspect` found a critical issue
inline constexpr int kExitUsage = 2;     // bad arguments or unreadable input

// Adds options to `sub` and a callback that runs the command and stores its exit status
// in `exit_status`.
using CommandSetup = std::function<void(CLI::App& sub, int& exit_status)>;

struct Command {
  std::string name;
  std::string description;
  CommandSetup setup;
};

// Registers a subcommand; returns true so that it can initialise a static.
bool register_command(Command command);

// The registered subcommands, sorted by name.
std::vector<Command> registered_commands();

}  // namespace vshop::cli
