// R-CONTACT-2: invite_contact, accept_contact within 7 days, the contacts query, and the
// erasure of contacts with their expert.
#include <string>

#include "harness.hpp"

namespace vshop::test {
namespace {

// The standard merchant with email and sms enabled, chat c1 of shopper s claimed by a1.
void active_chat(Harness& h) {
  standard_merchant(h, R"(,"contact_channels":["email","sms"])");
  h.ok(at(10) + R"("cmd":"request_chat","shopper":"s"})");
  h.ok(at(11) + R"("cmd":"claim","expert":"a1","chat":"c1"})");
}

std::string invite(std::int64_t s, std::string_view channel, std::string_view address,
                   std::string_view expert = "a1", std::string_view chat = "c1") {
  return at(s) + fmt::format(R"("cmd":"invite_contact","expert":"{}","chat":"{}",)"
                             R"("channel":"{}","address":"{}"}})",
                             expert, chat, channel, address);
}

std::string accept(std::int64_t s, std::string_view shopper = "s", std::string_view chat = "c1") {
  return at(s) +
         fmt::format(R"("cmd":"accept_contact","shopper":"{}","chat":"{}"}})", shopper, chat);
}

}  // namespace

TEST_CASE("R-CONTACT-2: an invitation accepted within 7 days adds the contact") {
  Harness h;
  active_chat(h);
  CHECK(h.ok(invite(20, "sms", "+31612345678")) ==
        Lines{R"({"at":")" + T(20) +
              R"(","effect":"contact_invited","chat":"c1","expert":"a1","shopper":"s",)"
              R"("channel":"sms"})"});
  h.ok(at(30) + R"("cmd":"finish_chat","expert":"a1","chat":"c1"})");
  // Whatever the chat's state now, within 7 x 24 h inclusive.
  const std::int64_t last = 20 + 7 * 86'400;
  h.advance(last);  // the stores' closings in between
  const Lines added = h.ok(accept(last));
  CHECK(added == Lines{R"({"at":")" + T(last) +
                       R"(","effect":"contact_added","expert":"a1","shopper":"s","channel":"sms",)"
                       R"("address":"+31612345678"})"});
  auto contacts = h.engine.contacts("a1");
  REQUIRE(contacts.ok());
  REQUIRE(contacts->size() == 1);
  CHECK((*contacts)[0].shopper == "s");
  CHECK((*contacts)[0].channel == "sms");
  CHECK((*contacts)[0].address == "+31612345678");
  // The invitation is used up.
  h.fails(accept(last + 1), ErrorCode::kInvalidState);
  CHECK(error_code_of(h.engine.contacts("nobody").status()) == ErrorCode::kNotFound);
  CHECK(h.engine.contacts("a2")->empty());
}

TEST_CASE("R-CONTACT-2: an invitation expires after 7 days; a new one replaces the old") {
  Harness h;
  active_chat(h);
  h.fails(accept(15), ErrorCode::kInvalidState);  // no invitation yet
  h.ok(invite(20, "email", "old@shopper.example"));
  h.ok(invite(25, "email", " new@shopper.example "));  // trimmed, as for experts
  h.fails(accept(25 + 7 * 86'400 + 1), ErrorCode::kInvalidState);
  h.ok(invite(25 + 7 * 86'400 + 2, "email", "new@shopper.example"));
  const Lines added = h.ok(accept(25 + 7 * 86'400 + 3));
  REQUIRE(added.size() == 1);
  CHECK(added[0].find(R"("address":"new@shopper.example")") != std::string::npos);
  // Accepting again after a new invitation replaces the contact and emits contact_added again.
  h.ok(invite(25 + 7 * 86'400 + 4, "sms", "+31612345678"));
  CHECK(h.ok(accept(25 + 7 * 86'400 + 5)).size() == 1);
  REQUIRE(h.engine.contacts("a1")->size() == 1);
  CHECK(h.engine.contacts("a1")->at(0).channel == "sms");
}

TEST_CASE(
    "R-CONTACT-2: invalid_argument, not_found, invalid_state, not_chat_expert, "
    "channel_disabled in that order") {
  Harness h;
  active_chat(h);
  h.fails(invite(20, "pigeon", "x"), ErrorCode::kInvalidArgument);
  h.fails(invite(20, "email", "no-at-sign"), ErrorCode::kInvalidArgument);
  h.fails(invite(20, "sms", "0612345678"), ErrorCode::kInvalidArgument);         // not E.164
  h.fails(invite(20, "sms", "+31 6 1234 5678"), ErrorCode::kInvalidArgument);    // spaces
  h.fails(invite(20, "sms", "+3161234567890123"), ErrorCode::kInvalidArgument);  // 16 digits
  h.fails(invite(20, "sms", "+31012345678"), ErrorCode::kInvalidArgument);       // not valid in NL
  h.fails(invite(20, "sms", "+1555"), ErrorCode::kInvalidArgument);              // too short
  // invalid_argument comes before channel_disabled even for a disabled channel.
  h.fails(invite(20, "whatsapp", "12"), ErrorCode::kInvalidArgument);
  h.fails(invite(20, "sms", "+31612345678", "zz"), ErrorCode::kNotFound);
  h.fails(invite(20, "sms", "+31612345678", "a1", "zz"), ErrorCode::kNotFound);
  h.fails(invite(20, "sms", "+31612345678", "a2"), ErrorCode::kNotChatExpert);
  h.fails(invite(20, "whatsapp", "+31612345678"), ErrorCode::kChannelDisabled);
  // Valid numbers of other countries by libphonenumber's metadata.
  CHECK(h.ok(invite(21, "sms", "+442079460958")).size() == 1);  // GB
  CHECK(h.ok(invite(22, "sms", "+493012345678")).size() == 1);  // DE
  // Another shopper's chat is not found; an unknown chat too.
  h.fails(accept(23, "other"), ErrorCode::kNotFound);
  h.fails(accept(23, "s", "zz"), ErrorCode::kNotFound);
  h.ok(at(30) + R"("cmd":"finish_chat","expert":"a1","chat":"c1"})");
  h.fails(invite(31, "sms", "+31612345678"), ErrorCode::kInvalidState);
}

TEST_CASE("R-CONTACT-2: anonymize_expert erases the expert's contacts and invitations") {
  Harness h;
  active_chat(h);
  h.ok(invite(20, "sms", "+31612345678"));
  h.ok(accept(21));
  h.ok(at(22) + R"("cmd":"request_chat","shopper":"t"})");
  h.ok(at(23) + R"("cmd":"claim","expert":"a1","chat":"c2"})");
  h.ok(invite(24, "email", "t@shopper.example", "a1", "c2"));
  h.ok(at(25) + R"("cmd":"finish_chat","expert":"a1","chat":"c2"})");
  h.ok(at(26) + R"("cmd":"deactivate_expert","expert":"a1"})");
  h.ok(at(27) + R"("cmd":"anonymize_expert","expert":"a1"})");
  CHECK(h.engine.contacts("a1")->empty());
  h.fails(accept(28, "t", "c2"), ErrorCode::kInvalidState);  // the invitation went with it
  const std::string snapshot = h.engine.snapshot();
  CHECK(snapshot.find("+31612345678") == std::string::npos);
  CHECK(snapshot.find("t@shopper.example") == std::string::npos);
  CHECK(h.engine.check_invariants().ok());
}

TEST_CASE("R-CONTACT-2: contacts and invitations survive snapshot and restore") {
  Harness h;
  active_chat(h);
  h.ok(invite(20, "sms", "+31612345678"));
  h.ok(accept(21));
  h.ok(invite(22, "email", "s@shopper.example"));
  auto restored = Engine::restore(h.engine.snapshot());
  REQUIRE(restored.ok());
  CHECK(restored->snapshot() == h.engine.snapshot());
  CHECK(restored->contacts("a1")->size() == 1);
  REQUIRE(restored->apply_json(accept(23)).ok());
  CHECK(restored->contacts("a1")->at(0).channel == "email");
}

}  // namespace vshop::test
