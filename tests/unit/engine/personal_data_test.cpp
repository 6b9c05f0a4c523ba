// R-SCHED-3: deactivate_merchant, export_personal_data before and after the R-SCHED-2 erasure,
// and the proof that no personal value survives anywhere the host can read.
#include <regex>
#include <string>
#include <vector>

#include "harness.hpp"

namespace vshop::test {
namespace {

// Every personal value the scenario below gives the engine.
const std::vector<std::string> kPersonal = {
    "Expert a1",          "a1@x.example",       "EMP-0042",         "Kalverstraat 1",
    "my secret question", "s1@mail.example",    "+31687654321",     "boss@merchant.example",
    "+31612345678",       "s2@shopper.example", "t@shopper.example"};

// A merchant holding every kind of personal data: expert names, emails and employee ids, a left
// message with its text and address, a store address, a manager's email, contacts and a
// pending invitation.
void personal_merchant(Harness& h) {
  standard_merchant(h, R"(,"contact_channels":["email","sms"])");
  h.ok(at(1) + R"("cmd":"register_expert","expert":"e9","email":"a9@x.example",)"
               R"("invite_code":"abc1234","name":"Nine","employee_id":"EMP-0042"})");
  h.ok(at(2) + R"("cmd":"update_store","store":"ams","timezone":"Europe/Amsterdam",)"
               R"("address":"Kalverstraat 1, Amsterdam"})");
  h.ok(at(3) + R"("cmd":"subscribe_digest","manager":"m1","email":"boss@merchant.example"})");
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s1","department":"toys"})");
  h.ok(at(11) + R"("cmd":"leave_message","chat":"c1","text":"my secret question",)"
                R"("channel":"email","address":"s1@mail.example"})");
  h.ok(at(12) + R"("cmd":"request_chat","shopper":"s2","department":"shoes"})");
  h.ok(at(13) + R"("cmd":"claim","expert":"a1","chat":"c2"})");
  h.ok(at(14) + R"("cmd":"invite_contact","expert":"a1","chat":"c2","channel":"sms",)"
                R"("address":"+31612345678"})");
  h.ok(at(15) + R"("cmd":"accept_contact","shopper":"s2","chat":"c2"})");
  h.ok(at(16) + R"("cmd":"invite_contact","expert":"a1","chat":"c2","channel":"email",)"
                R"("address":"s2@shopper.example"})");
  h.ok(at(17) + R"("cmd":"request_chat","shopper":"s3","department":"kids"})");
  h.ok(at(18) + R"("cmd":"claim","expert":"r1","chat":"c3"})");
  h.ok(at(19) + R"("cmd":"invite_contact","expert":"r1","chat":"c3","channel":"email",)"
                R"("address":"t@shopper.example"})");
  h.ok(at(20) + R"("cmd":"accept_contact","shopper":"s3","chat":"c3"})");
  h.ok(at(21) + R"("cmd":"invite_contact","expert":"r1","chat":"c3","channel":"sms",)"
                R"("address":"+31687654321"})");
}

// The names of the lists of the export object, in order: its shape.
std::vector<std::string> shape(const std::string& json) {
  static const std::regex kList(R"re("([a-z_]+)":\[)re");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(json.begin(), json.end(), kList);
       it != std::sregex_iterator(); ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

}  // namespace

TEST_CASE("R-SCHED-3: export_personal_data lists every personal value before the erasure") {
  Harness h;
  personal_merchant(h);
  const std::string before = h.engine.export_personal_data();
  for (const std::string& value : kPersonal) {
    INFO(value);
    CHECK(before.find(value) != std::string::npos);
  }
  CHECK(shape(before) == std::vector<std::string>{"experts", "left_messages", "stores", "managers",
                                                  "contacts", "invitations"});
  CHECK(before.find(R"("erased":false)") != std::string::npos);
  // Canonical: equal states give equal bytes, a restored engine included.
  auto restored = Engine::restore(h.engine.snapshot());
  REQUIRE(restored.ok());
  CHECK(restored->export_personal_data() == before);
}

TEST_CASE(
    "R-SCHED-3: after the erasure no personal value is left in the snapshot, the journal "
    "or the export") {
  Harness h;
  personal_merchant(h);
  const std::string before = h.engine.export_personal_data();
  h.ok(at(30) + R"("cmd":"deactivate_merchant"})");
  h.fails(at(31) + R"("cmd":"deactivate_merchant"})", ErrorCode::kInvalidState);
  // deactivate_merchant changes nothing else until the erasure.
  CHECK(h.engine.export_personal_data() == before);
  (void)h.engine.drain_journal();
  Lines effects = h.advance(30 + 60 * 86'400);
  REQUIRE(!effects.empty());
  CHECK(effects.back() == R"({"at":")" + T(30 + 60 * 86'400) + R"(","effect":"pii_anonymized"})");
  effects = {effects.back()};  // the digests before the erasure still named the manager
  std::string journal;
  for (const std::string& line : h.engine.drain_journal()) journal += line + "\n";
  for (const std::string& e :
       h.ok(at(30 + 60 * 86'400 + 1) + R"("cmd":"go_unavailable","expert":"a2"})")) {
    effects.push_back(e);
  }
  for (const std::string& line : h.engine.drain_journal()) journal += line + "\n";
  const std::string after = h.engine.export_personal_data();
  const std::string snapshot = h.engine.snapshot();
  for (const std::string& value : kPersonal) {
    INFO(value);
    CHECK(snapshot.find(value) == std::string::npos);
    CHECK(journal.find(value) == std::string::npos);
    CHECK(after.find(value) == std::string::npos);
    for (const std::string& e : effects) CHECK(e.find(value) == std::string::npos);
  }
  CHECK(shape(after) == shape(before));
  CHECK(after.find(R"("erased":true)") != std::string::npos);
  CHECK(after.find(R"("id":"a1","name":"","email":"","employee_id":"")") != std::string::npos);
  // The erasure ended the digest subscriptions and took the contacts.
  CHECK(h.engine.contacts("a1")->empty());
  CHECK(h.engine.check_invariants().ok());
  CHECK(h.engine.snapshot() == Engine::restore(h.engine.snapshot())->snapshot());
  // The engine keeps working after the erasure: a new subscription, a new contact.
  h.ok(at(30 + 60 * 86'400 + 2) +
       R"("cmd":"subscribe_digest","manager":"m1","email":"new@merchant.example"})");
  h.ok(at(30 + 60 * 86'400 + 3) + R"("cmd":"go_available","expert":"a2"})");
  h.ok(at(30 + 60 * 86'400 + 3) + R"("cmd":"request_chat","shopper":"s4","department":"bags"})");
  h.ok(at(30 + 60 * 86'400 + 4) + R"("cmd":"claim","expert":"a2","chat":"c4"})");
  h.ok(at(30 + 60 * 86'400 + 5) + R"("cmd":"invite_contact","expert":"a2","chat":"c4",)"
                                  R"("channel":"email","address":"s4@shopper.example"})");
  h.ok(at(30 + 60 * 86'400 + 6) + R"("cmd":"accept_contact","shopper":"s4","chat":"c4"})");
  CHECK(h.engine.contacts("a2")->size() == 1);
  CHECK(h.engine.check_invariants().ok());
}

}  // namespace vshop::test
