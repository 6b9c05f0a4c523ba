// Builds the seed corpora of the command and restore fuzzers at run time from the example
// scenarios, so that no large generated file is committed:
//   make_seeds commands OUTDIR FILE.jsonl...   small command streams: each file whole when it
//       fits in kMaxSeedBytes, else its set-up lines (those before the first request_chat)
//       followed by successive windows of its other lines;
//   make_seeds snapshots OUTDIR FILE.jsonl...  the engine's snapshot after every few lines of
//       each file (those up to kMaxSnapshotBytes).
// Exit status 2 on a usage or file error.
#include <algorithm>
#include <cstddef>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "vshop/engine/engine.hpp"

namespace {

// Matches the -max_len of the command fuzzer (fuzz_commands.cpp kMaxInputBytes).
constexpr std::size_t kMaxSeedBytes = 8 * 1024;
// Matches the -max_len of the restore fuzzer (fuzz_restore.cpp kMaxInputBytes).
constexpr std::size_t kMaxSnapshotBytes = 32 * 1024;
constexpr std::size_t kMaxWindowsPerFile = 48;
constexpr std::size_t kMaxSnapshotsPerFile = 48;

bool read_lines(const std::string& path, std::vector<std::string>& lines) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return false;
  std::istringstream split(text.str());
  for (std::string line; std::getline(split, line);) lines.push_back(line);
  return true;
}

bool write_file(const std::string& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary);
  out << contents;
  return static_cast<bool>(out);
}

std::string base_name(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  const std::size_t dot = name.find('.');
  return dot == std::string::npos ? name : name.substr(0, dot);
}

std::string joined(const std::vector<std::string>& lines, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += lines[i] + "\n";
  return out;
}

bool command_seeds(const std::string& dir, const std::string& name,
                   const std::vector<std::string>& lines) {
  const std::string whole = joined(lines, 0, lines.size());
  if (whole.size() <= kMaxSeedBytes) return write_file(dir + "/" + name + ".jsonl", whole);
  std::size_t setup_end = 0;
  while (setup_end < lines.size() &&
         lines[setup_end].find("\"request_chat\"") == std::string::npos) {
    ++setup_end;
  }
  const std::string setup = joined(lines, 0, setup_end);
  std::size_t pos = setup_end;
  for (std::size_t w = 0; w < kMaxWindowsPerFile && pos < lines.size(); ++w) {
    std::string seed = setup;
    while (pos < lines.size() && seed.size() + lines[pos].size() + 1 <= kMaxSeedBytes) {
      seed += lines[pos++] + "\n";
    }
    if (seed.size() == setup.size()) ++pos;  // a line too long for any window
    if (!write_file(dir + "/" + name + "-" + std::to_string(w) + ".jsonl", seed)) return false;
  }
  return true;
}

bool snapshot_seeds(const std::string& dir, const std::string& name,
                    const std::vector<std::string>& lines) {
  const std::size_t every = std::max<std::size_t>(1, lines.size() / kMaxSnapshotsPerFile);
  vshop::Engine engine;
  engine.set_journaling(false);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    (void)engine.apply_json(lines[i]);
    (void)engine.drain_effects();
    if ((i + 1) % every != 0 && i + 1 != lines.size()) continue;
    const std::string snapshot = engine.snapshot();
    if (snapshot.size() > kMaxSnapshotBytes) continue;
    if (!write_file(dir + "/" + name + "-" + std::to_string(i + 1) + ".json", snapshot)) {
      return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: make_seeds commands|snapshots OUTDIR FILE.jsonl...\n";
    return 2;
  }
  const std::string_view mode = argv[1];
  const std::string dir = argv[2];
  if (mode != "commands" && mode != "snapshots") {
    std::cerr << "make_seeds: unknown mode \"" << mode << "\"\n";
    return 2;
  }
  for (int i = 3; i < argc; ++i) {
    std::vector<std::string> lines;
    if (!read_lines(argv[i], lines)) {
      std::cerr << "make_seeds: cannot read \"" << argv[i] << "\"\n";
      return 2;
    }
    const std::string name = base_name(argv[i]);
    const bool ok =
        mode == "commands" ? command_seeds(dir, name, lines) : snapshot_seeds(dir, name, lines);
    if (!ok) {
      std::cerr << "make_seeds: cannot write into \"" << dir << "\"\n";
      return 2;
    }
  }
  return 0;
}
