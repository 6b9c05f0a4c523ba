/* vshop.h additions of issue 14 (part A): appointment_sent and contact_* effects with their
   typed fields, channel_disabled, the contacts and personal-data JSON queries, and the
   presence / left-message flags of vshop_chat_view. */
#include "capi_test.h"

/* world: make_world() with chat c1 of shopper s1 claimed by bo (st1, UTC) and sms enabled. */
static vshop_engine *appt_world(void) {
  vshop_engine *e = make_world();
  ok_json(e,
          "{\"at\":\"2026-05-14T09:01:00Z\",\"cmd\":\"configure\",\"contact_channels\":[\"sms\"]}");
  ok_json(e, "{\"cmd\":\"go_available\",\"expert\":\"bo\"}");
  ok_json(e,
          "{\"cmd\":\"request_chat\",\"shopper\":\"s1\",\"chat\":\"c1\",\"lat\":52.0,"
          "\"lon\":4.0}");
  ok_json(e, "{\"cmd\":\"claim\",\"expert\":\"bo\",\"chat\":\"c1\"}");
  drain(e);
  return e;
}

void test_appointments_contacts(void) {
  vshop_engine *e = appt_world();
  vshop_effect effect;
  vshop_chat_view chat;
  const char *text = NULL;
  size_t len = 0;
  int has = 0, found = 0;

  CHECK_STATUS(vshop_engine_apply_json(
                   e, LIT("{\"cmd\":\"send_appointment\",\"expert\":\"bo\",\"chat\":\"c1\","
                          "\"title\":\"Fitting\",\"start\":\"2026-06-01T14:30\","
                          "\"duration_min\":30}")),
               VSHOP_OK);
  effect.size = sizeof effect;
  CHECK_STATUS(vshop_engine_poll_effect(e, &effect, &has), VSHOP_OK);
  CHECK(has == 1 && effect.kind == VSHOP_EFFECT_APPOINTMENT_SENT);
  CHECK(str_is(effect.name, "appointment_sent") && str_is(effect.chat, "c1"));
  CHECK(effect.start_ms == 1780324200000 && effect.end_ms == 1780324200000 + 30 * MINUTE);
  CHECK(effect.ics.len > 0 && CONTAINS(effect.ics.data, "UID:c1-1@vshop\r\n"));
  CHECK(CONTAINS(effect.ics.data, "DTSTART:20260601T143000Z\r\n"));

  /* channel_disabled comes after the other checks; the code and its name are stable. */
  CHECK_STATUS(vshop_engine_apply_json(
                   e, LIT("{\"cmd\":\"invite_contact\",\"expert\":\"bo\",\"chat\":\"c1\","
                          "\"channel\":\"email\",\"address\":\"s1@mail.example\"}")),
               VSHOP_CHANNEL_DISABLED);
  CHECK(strcmp(vshop_status_name(VSHOP_CHANNEL_DISABLED), "channel_disabled") == 0);
  CHECK_STATUS(vshop_engine_apply_json(
                   e, LIT("{\"cmd\":\"invite_contact\",\"expert\":\"bo\",\"chat\":\"c1\","
                          "\"channel\":\"sms\",\"address\":\"+31 6 12345678\"}")),
               VSHOP_INVALID_ARGUMENT);
  CHECK(CONTAINS(vshop_engine_last_error(e), "address"));
  CHECK_STATUS(vshop_engine_apply_json(
                   e, LIT("{\"cmd\":\"invite_contact\",\"expert\":\"bo\",\"chat\":\"c1\","
                          "\"channel\":\"sms\",\"address\":\"+31612345678\"}")),
               VSHOP_OK);
  CHECK_STATUS(vshop_engine_poll_effect(e, &effect, &has), VSHOP_OK);
  CHECK(has == 1 && effect.kind == VSHOP_EFFECT_CONTACT_INVITED);
  CHECK(str_is(effect.channel, "sms") && str_is(effect.shopper, "s1") && effect.ics.len == 0);
  CHECK_STATUS(vshop_engine_apply_json(
                   e, LIT("{\"cmd\":\"accept_contact\",\"shopper\":\"s1\",\"chat\":\"c1\"}")),
               VSHOP_OK);
  CHECK_STATUS(vshop_engine_poll_effect(e, &effect, &has), VSHOP_OK);
  CHECK(has == 1 && effect.kind == VSHOP_EFFECT_CONTACT_ADDED);
  CHECK(str_is(effect.address, "+31612345678") && str_is(effect.expert, "bo"));

  CHECK_STATUS(vshop_engine_contacts_json(e, LIT("bo"), &text, &len), VSHOP_OK);
  CHECK(strcmp(text, "[{\"shopper\":\"s1\",\"channel\":\"sms\",\"address\":\"+31612345678\"}]") ==
        0);
  CHECK(len == strlen(text));
  CHECK_STATUS(vshop_engine_contacts_json(e, LIT("ghost"), &text, &len), VSHOP_NOT_FOUND);
  CHECK_STATUS(vshop_engine_contacts_json(e, LIT("bo"), NULL, &len), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_contacts_json(NULL, LIT("bo"), &text, &len), VSHOP_INVALID_ARGUMENT);

  CHECK_STATUS(vshop_engine_export_personal_data(e, &text, &len), VSHOP_OK);
  CHECK(CONTAINS(text, "\"contacts\":[{\"expert\":\"bo\",\"shopper\":\"s1\""));
  CHECK(CONTAINS(text, "\"email\":\"bo@x.example\""));
  CHECK_STATUS(vshop_engine_export_personal_data(e, NULL, &len), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_export_personal_data(NULL, &text, &len), VSHOP_INVALID_ARGUMENT);

  /* R-CHAT-7 presence and the left-message origin in the chat view. */
  chat.size = sizeof chat;
  CHECK_STATUS(vshop_engine_chat(e, LIT("c1"), &chat, &found), VSHOP_OK);
  CHECK(found == 1 && chat.shopper_online == 1 && chat.left_message == 0);
  ok_json(e, "{\"cmd\":\"shopper_offline\",\"shopper\":\"s1\"}");
  CHECK_STATUS(vshop_engine_chat(e, LIT("c1"), &chat, &found), VSHOP_OK);
  CHECK(found == 1 && chat.shopper_online == 0);
  ok_json(e, "{\"cmd\":\"request_chat\",\"shopper\":\"s2\",\"chat\":\"c2\"}");
  CHECK_STATUS(vshop_engine_advance(e, T0 + 30 * MINUTE), VSHOP_OK); /* c2 is missed */
  ok_json(e,
          "{\"cmd\":\"leave_message\",\"chat\":\"c2\",\"text\":\"hi\",\"channel\":\"email\","
          "\"address\":\"s2@mail.example\"}");
  CHECK_STATUS(vshop_engine_chat(e, LIT("c2"), &chat, &found), VSHOP_OK);
  CHECK(found == 1 && chat.left_message == 1 && chat.shopper_online == 1);
  vshop_engine_free(e);
}

/* Structs the library fills only grow at the end: a caller built against the first vshop.h
   passes the first version's size, gets the fields it knows, and nothing past them is written.
   A size below the first version is refused. */
void test_first_version_sizes(void) {
  vshop_engine *e = appt_world();
  union {
    vshop_effect effect;
    unsigned char bytes[sizeof(vshop_effect)];
  } u;
  union {
    vshop_chat_view chat;
    unsigned char bytes[sizeof(vshop_chat_view)];
  } v;
  const size_t old_effect = offsetof(vshop_effect, start_ms);
  const size_t old_chat = offsetof(vshop_chat_view, shopper_online);
  size_t i;
  int has = 0, found = 0, untouched = 1;

  CHECK_STATUS(vshop_engine_apply_json(
                   e, LIT("{\"cmd\":\"send_appointment\",\"expert\":\"bo\",\"chat\":\"c1\","
                          "\"title\":\"Fitting\",\"start\":\"2026-06-01T14:30\","
                          "\"duration_min\":30}")),
               VSHOP_OK);
  memset(&u, 0xAB, sizeof u);
  u.effect.size = (uint32_t)old_effect;
  CHECK_STATUS(vshop_engine_poll_effect(e, &u.effect, &has), VSHOP_OK);
  CHECK(has == 1 && u.effect.kind == VSHOP_EFFECT_APPOINTMENT_SENT);
  CHECK(u.effect.size == old_effect && str_is(u.effect.chat, "c1"));
  for (i = old_effect; i < sizeof u.bytes; ++i) untouched &= u.bytes[i] == 0xAB;
  CHECK(untouched);
  u.effect.size = (uint32_t)(old_effect - 1);
  CHECK_STATUS(vshop_engine_poll_effect(e, &u.effect, &has), VSHOP_INVALID_ARGUMENT);
  CHECK(CONTAINS(vshop_engine_last_error(e), "out->size"));

  memset(&v, 0xCD, sizeof v);
  v.chat.size = (uint32_t)old_chat;
  CHECK_STATUS(vshop_engine_chat(e, LIT("c1"), &v.chat, &found), VSHOP_OK);
  CHECK(found == 1 && str_is(v.chat.id, "c1") && v.chat.size == old_chat);
  untouched = 1;
  for (i = old_chat; i < sizeof v.bytes; ++i) untouched &= v.bytes[i] == 0xCD;
  CHECK(untouched);
  v.chat.size = (uint32_t)(old_chat - 1);
  CHECK_STATUS(vshop_engine_chat(e, LIT("c1"), &v.chat, &found), VSHOP_INVALID_ARGUMENT);
  vshop_engine_free(e);
}
