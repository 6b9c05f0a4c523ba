/* test_capi: vshop_engine creation and commands, with every status code the engine returns. */
#include <stdlib.h>

#include "capi_test.h"

/* Applies a JSON Lines command that must succeed. */
void ok_json(vshop_engine *e, const char *line) {
  vshop_status s = vshop_engine_apply_json(e, line, strlen(line));
  if (s != VSHOP_OK) {
    fprintf(stderr, "setup line failed (%s: %s): %s\n", vshop_status_name(s),
            vshop_engine_last_error(e), line);
    ++capi_failures;
  }
}

/* Applies a JSON Lines command that must fail with `expected`. */
static void fails_json(vshop_engine *e, const char *line, vshop_status expected) {
  vshop_status s = vshop_engine_apply_json(e, line, strlen(line));
  if (s != expected) {
    fprintf(stderr, "%s: got %s (%s), expected %s\n", line, vshop_status_name(s),
            vshop_engine_last_error(e), vshop_status_name(expected));
    ++capi_failures;
  }
}

/* Drops the pending effects. */
void drain(vshop_engine *e) {
  const char *text = NULL;
  size_t len = 0;
  CHECK_STATUS(vshop_engine_drain_effects_json(e, &text, &len), VSHOP_OK);
}

void test_engine_lifecycle(void) {
  vshop_engine *e = (vshop_engine *)&e; /* not NULL: new must reset it on failure */
  vshop_engine_options options = VSHOP_ENGINE_OPTIONS_INIT;
  const char *snapshot = NULL;
  size_t len = 0;

  CHECK_STATUS(vshop_engine_new(NULL, NULL), VSHOP_INVALID_ARGUMENT);
  CHECK(CONTAINS(vshop_last_error(), "out is NULL"));
  CHECK(vshop_engine_last_error(NULL) == vshop_last_error());

  options.version = 99; /* a version this library does not know */
  CHECK_STATUS(vshop_engine_new(&e, &options), VSHOP_INVALID_ARGUMENT);
  CHECK(e == NULL);
  CHECK(CONTAINS(vshop_last_error(), "opts->version is 99"));

  options.version = VSHOP_ENGINE_OPTIONS_VERSION;
  CHECK_STATUS(vshop_engine_new(&e, &options), VSHOP_OK);
  CHECK(e != NULL);
  CHECK(strcmp(vshop_engine_last_error(e), "") == 0);
  ok_json(e, "{\"at\":\"2026-05-14T09:00:00Z\",\"cmd\":\"configure\",\"invite_code\":\"SHOP123\"}");
  CHECK_STATUS(vshop_engine_snapshot(e, &snapshot, &len), VSHOP_OK);

  /* Snapshot -> restore -> snapshot gives the same bytes (R-DET-1). */
  {
    vshop_engine *copy = NULL;
    const char *again = NULL;
    size_t again_len = 0;
    char *saved = (char *)malloc(len + 1);
    memcpy(saved, snapshot, len + 1);
    CHECK_STATUS(vshop_engine_restore(&copy, saved, len, NULL), VSHOP_OK);
    CHECK_STATUS(vshop_engine_snapshot(copy, &again, &again_len), VSHOP_OK);
    CHECK(again_len == len && memcmp(again, saved, len) == 0);
    vshop_engine_free(copy);
    CHECK_STATUS(vshop_engine_restore(&copy, LIT("{\"version\":1}"), NULL), VSHOP_INVALID_ARGUMENT);
    CHECK(copy == NULL);
    CHECK(strlen(vshop_last_error()) > 0);
    CHECK_STATUS(vshop_engine_restore(&copy, NULL, 3, NULL), VSHOP_INVALID_ARGUMENT);
    CHECK(CONTAINS(vshop_last_error(), "snapshot is NULL"));
    CHECK_STATUS(vshop_engine_restore(&copy, LIT("\xff\xfe"), NULL), VSHOP_INVALID_ARGUMENT);
    CHECK(CONTAINS(vshop_last_error(), "UTF-8"));
    options.version = 0;
    CHECK_STATUS(vshop_engine_restore(&copy, saved, len, &options), VSHOP_INVALID_ARGUMENT);
    CHECK_STATUS(vshop_engine_restore(NULL, saved, len, NULL), VSHOP_INVALID_ARGUMENT);
    free(saved);
  }
  vshop_engine_free(e);
}

/* The world of the command tests: stores st1 and st2 open around the clock, shut (closed on
   Thursdays) and gone (deactivated); approved experts ana, bo (st1), cy (st2), sid (shut) and
   nox (gone); pat registered and pending. */
vshop_engine *make_world(void) {
  vshop_engine *e = NULL;
  static const char *const lines[] = {
      "{\"at\":\"2026-05-14T09:00:00Z\",\"cmd\":\"configure\",\"invite_code\":\"SHOP123\"}",
      "{\"cmd\":\"add_store\",\"store\":\"st1\",\"timezone\":\"UTC\",\"lat\":52.0,\"lon\":4.0,"
      "\"osm_hours\":\"24/7\"}",
      "{\"cmd\":\"add_store\",\"store\":\"st2\",\"timezone\":\"UTC\",\"lat\":48.0,\"lon\":2.0,"
      "\"osm_hours\":\"24/7\"}",
      "{\"cmd\":\"add_store\",\"store\":\"shut\",\"timezone\":\"UTC\",\"osm_hours\":\"Mo "
      "10:00-11:00\"}",
      "{\"cmd\":\"add_store\",\"store\":\"gone\",\"timezone\":\"UTC\",\"osm_hours\":\"24/7\"}",
      NULL};
  static const char *const experts[] = {"ana", "bo", "cy", "sid", "nox", "pat", NULL};
  static const char *const stores[] = {"st1", "st1", "st2", "shut", "gone", NULL};
  char line[256];
  int i;
  CHECK_STATUS(vshop_engine_new(&e, NULL), VSHOP_OK);
  for (i = 0; lines[i] != NULL; ++i) ok_json(e, lines[i]);
  for (i = 0; experts[i] != NULL; ++i) {
    sprintf(line,
            "{\"cmd\":\"register_expert\",\"expert\":\"%s\",\"email\":\"%s@x.example\","
            "\"invite_code\":\"SHOP123\",\"name\":\"N\"}",
            experts[i], experts[i]);
    ok_json(e, line);
    if (stores[i] == NULL) continue;
    sprintf(line, "{\"cmd\":\"approve_expert\",\"expert\":\"%s\",\"store\":\"%s\"}", experts[i],
            stores[i]);
    ok_json(e, line);
  }
  ok_json(e, "{\"cmd\":\"deactivate_store\",\"store\":\"gone\"}");
  return e;
}

void test_engine_commands(void) {
  vshop_engine *e = make_world();
  vshop_string c1, c2, c3;
  const double lat = 51.0, lon = 4.5;
  int64_t t = T0 + MINUTE;

  /* Errors of go_available, in the reference's order. */
  CHECK_STATUS(vshop_engine_go_available(e, t, LIT("ghost")), VSHOP_NOT_FOUND);
  CHECK(CONTAINS(vshop_engine_last_error(e), "ghost"));
  CHECK_STATUS(vshop_engine_go_available(e, t, LIT("pat")), VSHOP_NOT_APPROVED);
  CHECK_STATUS(vshop_engine_go_available(e, t, LIT("nox")), VSHOP_NO_STORE);
  CHECK_STATUS(vshop_engine_go_available(e, t, LIT("sid")), VSHOP_STORE_CLOSED);
  /* Boundary checks: bad UTF-8, NULL text, instants outside years 0001..9999. */
  CHECK_STATUS(vshop_engine_go_available(e, t, LIT("\xc3\x28")), VSHOP_INVALID_ARGUMENT);
  CHECK(CONTAINS(vshop_engine_last_error(e), "expert is not valid UTF-8"));
  CHECK_STATUS(vshop_engine_go_available(e, t, NULL, 3), VSHOP_INVALID_ARGUMENT);
  CHECK(CONTAINS(vshop_engine_last_error(e), "expert is NULL"));
  CHECK_STATUS(vshop_engine_go_available(e, INT64_MAX, LIT("ana")), VSHOP_INVALID_ARGUMENT);
  CHECK(CONTAINS(vshop_engine_last_error(e), "now_ms"));
  CHECK_STATUS(vshop_engine_go_available(e, t, LIT("ana")), VSHOP_OK);
  CHECK_STATUS(vshop_engine_go_available(e, t, LIT("bo")), VSHOP_OK);
  CHECK_STATUS(vshop_engine_go_available(e, t, LIT("cy")), VSHOP_OK);
  drain(e);

  /* request_chat: the chat id comes back; the shopper's open chat is returned again. */
  CHECK_STATUS(vshop_engine_request_chat(e, t, LIT("s1"), &lat, &lon, NULL),
               VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_request_chat(e, t, LIT("s1"), &lat, &lon, &c1), VSHOP_OK);
  CHECK(str_is(c1, "c1"));
  CHECK_STATUS(vshop_engine_request_chat(e, t, LIT("s1"), NULL, NULL, &c1), VSHOP_OK);
  CHECK(str_is(c1, "c1"));
  CHECK_STATUS(vshop_engine_claim(e, t, LIT("ghost"), LIT("c1")), VSHOP_NOT_FOUND);
  CHECK_STATUS(vshop_engine_claim(e, t, LIT("ana"), LIT("c1")), VSHOP_OK);
  CHECK_STATUS(vshop_engine_claim(e, t, LIT("bo"), LIT("c1")), VSHOP_OFFER_NOT_PENDING);
  CHECK_STATUS(vshop_engine_decline(e, t, LIT("bo"), LIT("c1")), VSHOP_OFFER_NOT_PENDING);
  CHECK_STATUS(vshop_engine_send_message(e, t, LIT("c1"), VSHOP_SENDER_SHOPPER), VSHOP_OK);
  CHECK_STATUS(vshop_engine_send_message(e, t, LIT("c1"), VSHOP_SENDER_EXPERT), VSHOP_OK);
  CHECK_STATUS(vshop_engine_send_message(e, t, LIT("c1"), 7), VSHOP_INVALID_ARGUMENT);
  CHECK(CONTAINS(vshop_engine_last_error(e), "from is 7"));
  CHECK_STATUS(vshop_engine_finish_chat(e, t, LIT("bo"), LIT("c1")), VSHOP_NOT_CHAT_EXPERT);

  /* A second chat: declined by one expert, claimed by ana; video busy across her two chats. */
  t += MINUTE;
  CHECK_STATUS(vshop_engine_request_chat(e, t, LIT("s2"), &lat, &lon, &c2), VSHOP_OK);
  CHECK(str_is(c2, "c2"));
  CHECK_STATUS(vshop_engine_decline(e, t, LIT("cy"), LIT("c2")), VSHOP_OK);
  CHECK_STATUS(vshop_engine_claim(e, t, LIT("ana"), LIT("c2")), VSHOP_OK);
  ok_json(e, "{\"cmd\":\"start_video\",\"expert\":\"ana\",\"chat\":\"c1\"}");
  fails_json(e, "{\"cmd\":\"start_video\",\"expert\":\"ana\",\"chat\":\"c2\"}", VSHOP_VIDEO_BUSY);
  /* Transfers: empty note, a target that cannot take it, one pending at a time. */
  fails_json(
      e, "{\"cmd\":\"transfer\",\"expert\":\"ana\",\"chat\":\"c1\",\"to\":\"cy\",\"note\":\"\"}",
      VSHOP_EMPTY_NOTE);
  fails_json(
      e, "{\"cmd\":\"transfer\",\"expert\":\"ana\",\"chat\":\"c1\",\"to\":\"pat\",\"note\":\"n\"}",
      VSHOP_TARGET_NOT_ELIGIBLE);
  ok_json(e,
          "{\"cmd\":\"transfer\",\"expert\":\"ana\",\"chat\":\"c1\",\"to\":\"cy\",\"note\":\"n\"}");
  fails_json(
      e, "{\"cmd\":\"transfer\",\"expert\":\"ana\",\"chat\":\"c1\",\"to\":\"bo\",\"note\":\"n\"}",
      VSHOP_TRANSFER_PENDING);
  /* A third chat offered to ana while her capacity drops to one: at_capacity. */
  t += MINUTE;
  CHECK_STATUS(vshop_engine_request_chat(e, t, LIT("s3"), &lat, &lon, &c3), VSHOP_OK);
  ok_json(e, "{\"cmd\":\"configure\",\"max_active_chats\":1}");
  CHECK_STATUS(vshop_engine_claim(e, t, LIT("ana"), LIT("c3")), VSHOP_AT_CAPACITY);
  /* Settings, registration, state. */
  fails_json(e, "{\"cmd\":\"configure\",\"max_active_chats\":99}", VSHOP_INVALID_SETTING);
  fails_json(e,
             "{\"cmd\":\"register_expert\",\"expert\":\"zed\",\"email\":\"z@x.example\","
             "\"invite_code\":\"WRONG12\",\"name\":\"Z\"}",
             VSHOP_INVALID_INVITE_CODE);
  fails_json(e,
             "{\"cmd\":\"register_expert\",\"expert\":\"ana\",\"email\":\"a2@x.example\","
             "\"invite_code\":\"SHOP123\",\"name\":\"A\"}",
             VSHOP_ALREADY_EXISTS);
  CHECK_STATUS(vshop_engine_finish_chat(e, t, LIT("ana"), LIT("c2")), VSHOP_OK);
  CHECK_STATUS(vshop_engine_finish_chat(e, t, LIT("ana"), LIT("c2")), VSHOP_INVALID_STATE);
  /* Purchases: attributed to ana, then the same order again. */
  CHECK_STATUS(vshop_engine_record_purchase(e, t, LIT("s2"), LIT("A-1"), LIT("89.95"), 0,
                                            LIT("EUR"), LIT("[{\"sku\":\"x\"}]")),
               VSHOP_OK);
  CHECK_STATUS(vshop_engine_record_purchase(e, t, LIT("s2"), LIT("A-1"), LIT("1.00"), 0, LIT("EUR"),
                                            NULL, 0),
               VSHOP_DUPLICATE_ORDER);
  CHECK_STATUS(vshop_engine_record_purchase(e, t, LIT("s2"), LIT("A-2"), LIT("1250"), 1, LIT("EUR"),
                                            NULL, 0),
               VSHOP_OK);
  CHECK_STATUS(vshop_engine_record_purchase(e, t, LIT("s2"), LIT("A-3"), LIT("1.00"), 0, LIT("EUR"),
                                            NULL, 4),
               VSHOP_INVALID_ARGUMENT);
  CHECK(CONTAINS(vshop_engine_last_error(e), "items is NULL"));
  /* Time never goes back (R-TIME-1); malformed lines are invalid_argument (R-PIN-1). */
  CHECK_STATUS(vshop_engine_advance(e, T0), VSHOP_OUT_OF_ORDER_TIME);
  CHECK_STATUS(vshop_engine_advance(e, t + MINUTE), VSHOP_OK);
  fails_json(e, "{\"cmd\":", VSHOP_INVALID_ARGUMENT);
  fails_json(e, "{\"cmd\":\"go_available\",\"expert\":\"\xff\"}", VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_apply_json(e, NULL, 5), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_apply_json(e, NULL, 0), VSHOP_INVALID_ARGUMENT); /* empty line */
  vshop_engine_free(e);
}

/* limit_exceeded: the outbox refuses commands once kMaxPendingEffectUnits wait undrained. */
void test_limit_exceeded(void) {
  vshop_engine *e = make_world();
  vshop_status s = VSHOP_OK;
  int i;
  for (i = 0; i < 70000 && s == VSHOP_OK; ++i) {
    s = (i % 2 == 0) ? vshop_engine_go_available(e, T0 + MINUTE, LIT("ana"))
                     : vshop_engine_go_unavailable(e, T0 + MINUTE, LIT("ana"));
  }
  CHECK_STATUS(s, VSHOP_LIMIT_EXCEEDED);
  CHECK(i > 60000);
  drain(e);
  CHECK_STATUS(vshop_engine_go_available(e, T0 + MINUTE, LIT("bo")), VSHOP_OK);
  vshop_engine_free(e);
}
