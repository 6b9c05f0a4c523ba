// The core checks every command itself (R-ERR-1, R-ID-1, R-PIN-1, R-DET-1): commands built in
// C++ meet the same checks, errors and messages as JSON lines, nothing throws out of the core,
// and every journal line the engine writes replays to the same state.
#include <doctest/doctest.h>

#include <limits>

#include "harness.hpp"

using namespace vshop;
using namespace vshop::test;

namespace {

Instant t(std::int64_t seconds) { return from_epoch_ms(1778745600000 + seconds * 1000); }

// The journal of a harness, kept across the drains of the checks below.
std::vector<std::string> journal;

void keep(Harness& h) {
  for (std::string& line : h.engine.drain_journal()) journal.push_back(std::move(line));
}

// Applies `c` to `h`, which must reject it with invalid_argument before the clock moves and
// change nothing (journal included).
std::string rejected_early(Harness& h, const Command& c) {
  keep(h);
  const std::string before = h.engine.snapshot();
  const Instant now = h.engine.now();
  absl::Status s;
  CHECK_NOTHROW(s = h.engine.apply(c));
  CHECK(error_code_of(s) == ErrorCode::kInvalidArgument);
  CHECK(h.engine.now() == now);
  CHECK(h.engine.snapshot() == before);
  CHECK(h.engine.drain_journal().empty());
  CHECK(h.effects().empty());
  return std::string(s.message());
}

// Replays the journal of `h` into a fresh engine: every line accepted, the same snapshot.
void replays(Harness& h) {
  keep(h);
  Engine replayed;
  for (const std::string& line : journal) {
    INFO(line);
    CHECK(replayed.apply_json(line).ok());
  }
  journal.clear();
  CHECK(replayed.snapshot() == h.engine.snapshot());
}

}  // namespace

TEST_CASE("R-ERR-1: integer minor units that are not an integer are refused, nothing thrown") {
  journal.clear();
  Harness h;
  standard_merchant(h);
  Command c;
  c.kind = CommandKind::kRecordPurchase;
  c.at = t(10);
  c.order = "o1";
  c.shopper = "s1";
  c.subtotal = "abc";
  c.subtotal_is_integer = true;
  c.currency = "EUR";
  CHECK(rejected_early(h, c).find("subtotal") != std::string::npos);
  for (const char* text : {"", "-", "01", "+5", "99999999999999999999", "1.5"}) {
    INFO(text);
    c.subtotal = text;
    rejected_early(h, c);
  }
  c.subtotal = "995";
  CHECK(h.engine.apply(c).ok());
  replays(h);
}

TEST_CASE("R-ID-1: ids given in C++ are checked by the core, as the JSON reader checks them") {
  Harness h;
  standard_merchant(h);
  (void)h.engine.drain_journal();
  const Instant now = h.engine.now();
  const auto r = h.engine.request_chat(t(10), "");
  CHECK(error_code_of(r.status()) == ErrorCode::kInvalidArgument);
  CHECK(std::string(r.status().message()) ==
        std::string(parse_command(R"({"cmd":"request_chat","shopper":""})").status().message()));
  CHECK(h.engine.now() == now);  // before the clock moves (R-PIN-1)
  CHECK(h.engine.drain_journal().empty());
  CHECK(error_code_of(h.engine.request_chat(t(10), std::string(129, 's')).status()) ==
        ErrorCode::kInvalidArgument);
  CHECK(error_code_of(h.engine.claim(t(10), "a1", "c\n1")) == ErrorCode::kInvalidArgument);
  CHECK(error_code_of(h.engine.go_available(t(10), "")) == ErrorCode::kInvalidArgument);

  Command bad_kind;
  bad_kind.kind = static_cast<CommandKind>(200);  // from a binding passing any integer
  CHECK(rejected_early(h, bad_kind).find("cmd") == 0);
  CHECK(command_name(bad_kind.kind) == "unknown");

  Command c;
  c.kind = CommandKind::kTransfer;
  c.expert = "a1";
  c.chat = "c1";
  c.note = "n";  // `to` missing
  CHECK(rejected_early(h, c).find("to") == 0);
  c.kind = CommandKind::kRequestChat;
  c.shopper = "s1";
  c.chat = "\x7f";  // optional, but an id when given
  CHECK(rejected_early(h, c).find("chat") == 0);
}

TEST_CASE("R-PIN-1: values a JSON line cannot carry are refused before the clock moves") {
  journal.clear();
  Harness h;
  standard_merchant(h);
  Command c;
  c.kind = CommandKind::kRequestChat;
  c.at = t(10);
  c.shopper = "s1";
  c.lat = std::numeric_limits<double>::quiet_NaN();
  c.lon = 4.0;
  CHECK(rejected_early(h, c).find("lat") == 0);
  c.lat = 52.0;
  c.lon = std::numeric_limits<double>::infinity();
  CHECK(rejected_early(h, c).find("lon") == 0);
  c.lon = 4.0;
  c.city = std::string("\xff\xfe");  // not UTF-8
  CHECK(rejected_early(h, c).find("city") == 0);
  c.city.reset();

  Command p;
  p.kind = CommandKind::kRecordPurchase;
  p.order = "o1";
  p.shopper = "s1";
  p.subtotal = "1.00";
  p.currency = "EUR";
  p.items_json = "not json";
  CHECK(rejected_early(h, p).find("items") == 0);
  p.items_json = R"({"id":"x"})";  // not a list
  CHECK(rejected_early(h, p).find("items") == 0);

  Command store;
  store.kind = CommandKind::kAddStore;
  store.store = "new";  // but no store fields
  CHECK(rejected_early(h, store).find("store") == 0);
  store.store_spec = hours::StoreSpec{};
  store.store_spec->id = "new";
  store.store_spec->timezone = "localtime";
  CHECK(rejected_early(h, store).find("timezone") == 0);
  store.store_spec->timezone = "Europe/Lisbon";
  store.store_spec->lat = 91;
  store.store_spec->lon = 0;
  CHECK(rejected_early(h, store).find("lat") == 0);
  store.store_spec->lat = 38.7;
  store.store = "other";  // differs from the store fields' id
  CHECK(rejected_early(h, store).find("store") == 0);
  store.store.clear();
  CHECK(h.engine.apply(store).ok());
  replays(h);
}

TEST_CASE("R-DET-1: -0 and C++ values journal in the form a replay reads back") {
  Harness h;
  standard_merchant(h);
  // -0.0 from C++ and from JSON: journaled as 0, so the replay's journal is byte-identical.
  REQUIRE(h.engine.request_chat(t(10), "s1", -0.0, -0.0).ok());
  h.ok(at(11) + R"("cmd":"request_chat","shopper":"s2","lat":-0.0,"lon":-0})");
  Command p;
  p.kind = CommandKind::kRecordPurchase;
  p.at = t(20);
  p.order = "o1";
  p.shopper = "s1";
  p.subtotal = "1.00";
  p.currency = "EUR";
  p.items_json = "[ {\"id\" : \"x\"} ]";
  REQUIRE(h.engine.apply(p).ok());
  const std::vector<std::string> journal = h.engine.drain_journal();
  Engine replayed;
  std::vector<std::string> again;
  for (const std::string& line : journal) {
    INFO(line);
    CHECK(line.find(R"("lat":-)") == std::string::npos);
    CHECK(line.find(R"("lon":-)") == std::string::npos);
    REQUIRE(replayed.apply_json(line).ok());
    for (std::string& l : replayed.drain_journal()) again.push_back(std::move(l));
  }
  CHECK(again == journal);
  CHECK(replayed.snapshot() == h.engine.snapshot());
  CHECK(journal.back().find(R"("items":[{"id":"x"}])") != std::string::npos);
}

TEST_CASE("R-TIME-2: instants outside years 0001..9999 are refused at every entry") {
  Harness h;
  standard_merchant(h);
  const Instant now = h.engine.now();
  CHECK(error_code_of(h.engine.advance(from_epoch_ms(kMaxEpochMs + 1))) ==
        ErrorCode::kInvalidArgument);
  CHECK(error_code_of(h.engine.go_available(from_epoch_ms(kMaxEpochMs + 1), "a1")) ==
        ErrorCode::kInvalidArgument);
  CHECK(h.engine.now() == now);
  CHECK(error_code_of(h.engine.apply_json(R"({"at":"10000-01-01T00:00:00Z","cmd":"advance"})")) ==
        ErrorCode::kInvalidArgument);
  // Metrics queries too: bounds outside the range are refused naming them.
  CHECK(std::string(h.engine.metrics(MetricsScope::merchant(), from_epoch_ms(kMinEpochMs - 1), t(0))
                        .status()
                        .message())
            .find("from:") == 0);
  CHECK(std::string(
            h.engine.daily_metrics(MetricsScope::merchant(), t(0), from_epoch_ms(kMaxEpochMs + 1))
                .status()
                .message())
            .find("to:") == 0);
  // The last instant itself is fine, and prints as year 9999.
  REQUIRE(h.engine.advance(from_epoch_ms(kMaxEpochMs)).ok());
  CHECK(format_instant(h.engine.now()) == "9999-12-31T23:59:59.999Z");
}

TEST_CASE("R-TIME-2: no deadline leaves year 9999; the anonymization timer is clamped to its end") {
  Harness h;
  h.ok(R"({"at":"9999-12-01T00:00:00Z","cmd":"deactivate_merchant"})");
  REQUIRE(h.engine.next_deadline());
  CHECK(format_instant(*h.engine.next_deadline()) == "9999-12-31T23:59:59.999Z");
  REQUIRE(h.engine.advance(from_epoch_ms(kMaxEpochMs)).ok());
  CHECK(h.effects() == Lines{R"({"at":"9999-12-31T23:59:59.999Z","effect":"pii_anonymized"})"});
  CHECK(h.engine.check_invariants().ok());
  // A digest subscription at the very end arms no timer past it.
  h.ok(R"({"cmd":"subscribe_digest","manager":"m1","email":"m@x.example"})");
  CHECK(!h.engine.next_deadline());
}

// Found by fuzz_restore: a fresh simdjson DOM parser crashes on an empty buffer, so no empty
// text may reach it (R-ERR-1: bad input gets an error, never a crash).
TEST_CASE("R-ERR-1: an empty snapshot or command line is invalid_argument, not a crash") {
  const auto restored = Engine::restore("");
  REQUIRE(!restored.ok());
  CHECK(error_code_of(restored.status()) == ErrorCode::kInvalidArgument);
  Engine engine;
  CHECK(error_code_of(engine.apply_json("")) == ErrorCode::kInvalidArgument);
  CHECK(error_code_of(parse_command("").status()) == ErrorCode::kInvalidArgument);
}
