/* vshop_engine_query (docs/reference.md §12): the §12 answers and the other queries by name,
   as canonical JSON; shopper_event through vshop_engine_apply_json. */
#include "capi_test.h"

static int answer_is(vshop_engine *e, const char *name, const vshop_string *args, size_t n,
                     const char *want) {
  const char *text = NULL;
  size_t len = 0;
  vshop_status st = vshop_engine_query(e, name, strlen(name), args, n, &text, &len);
  if (st != VSHOP_OK) {
    fprintf(stderr, "query %s: %s (%s)\n", name, vshop_status_name(st), vshop_engine_last_error(e));
    return 0;
  }
  if (strcmp(text, want) != 0 || strlen(text) != len) {
    fprintf(stderr, "query %s: got %s\n            want %s\n", name, text, want);
    return 0;
  }
  return 1;
}

void test_engine_answers(void) {
  vshop_engine *e = make_world();
  const char *text = NULL;
  size_t len = 0;
  vshop_string args[3];
  ok_json(e, "{\"at\":\"2026-05-14T09:00:00Z\",\"cmd\":\"go_available\",\"expert\":\"ana\"}");
  ok_json(e,
          "{\"cmd\":\"request_chat\",\"shopper\":\"s1\",\"chat\":\"c1\",\"lat\":52.0,"
          "\"lon\":4.0}");
  ok_json(e,
          "{\"cmd\":\"shopper_event\",\"shopper\":\"s1\",\"event\":{\"type\":"
          "\"ecommerce:detail\",\"products\":[{\"id\":\"P1\",\"name\":\"Hat\",\"price\":3}]}}");
  /* A critical Inspector issue: invalid_argument naming its code. */
  CHECK_STATUS(vshop_engine_apply_json(
                   e, LIT("{\"cmd\":\"shopper_event\",\"shopper\":\"s1\",\"event\":{}}")),
               VSHOP_INVALID_ARGUMENT);
  CHECK(CONTAINS(vshop_engine_last_error(e), "type_missing"));
  drain(e);

  args[0].data = "c1";
  args[0].len = 2;
  args[1].data = "ana";
  args[1].len = 3;
  CHECK(answer_is(e, "shopper_context", args, 2,
                  "{\"shopper\":\"s1\",\"product_views\":[{\"id\":\"P1\",\"name\":\"Hat\"}],"
                  "\"location\":null,\"last_order\":null,\"last_activity\":"
                  "\"2026-05-14T09:00:00Z\",\"spoken_before\":false}"));
  CHECK(answer_is(e, "explain_expert", &args[1], 1,
                  "{\"expert\":\"ana\",\"eligible\":false,\"reasons\":[\"holding_offer\"],"
                  "\"unavailable_reason\":null}"));
  args[1].data = "1778749230000"; /* NOW: 30 s after the request */
  args[1].len = 13;
  CHECK(answer_is(e, "queue_status", args, 2,
                  "{\"chat\":\"c1\",\"state\":\"requested\",\"waves\":1,\"offered\":[\"ana\"],"
                  "\"time_left_ms\":60000,\"position\":null,\"expected_wait_ms\":null}"));
  args[0].data = "Europe/Paris";
  args[0].len = 12;
  CHECK(answer_is(e, "next_opening", args, 1,
                  "{\"open_now\":true,\"at\":\"2026-05-14T09:00:00Z\",\"local\":"
                  "\"2026-05-14T11:00\",\"weekday\":\"Thursday\",\"timezone\":\"Europe/Paris\"}"));
  args[0].data = "{\"page_type\":\"checkout\"}";
  args[0].len = strlen(args[0].data);
  CHECK(answer_is(e, "explain_widget", args, 1,
                  "{\"state\":\"hidden\",\"reasons\":[\"page_type_not_shown\"]}"));

  /* Errors: unknown query, wrong arity, an unknown id, NULL outputs and arguments. */
  CHECK_STATUS(vshop_engine_query(e, LIT("nope"), NULL, 0, &text, &len), VSHOP_INVALID_ARGUMENT);
  CHECK(CONTAINS(vshop_engine_last_error(e), "nope"));
  CHECK_STATUS(vshop_engine_query(e, LIT("shopper_context"), args, 1, &text, &len),
               VSHOP_INVALID_ARGUMENT);
  CHECK(CONTAINS(vshop_engine_last_error(e), "CHAT EXPERT"));
  args[0].data = "ghost";
  args[0].len = 5;
  CHECK_STATUS(vshop_engine_query(e, LIT("explain_expert"), args, 1, &text, &len), VSHOP_NOT_FOUND);
  CHECK_STATUS(vshop_engine_query(e, LIT("explain_expert"), NULL, 1, &text, &len),
               VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_query(e, LIT("chat"), args, 1, NULL, &len), VSHOP_INVALID_ARGUMENT);
  vshop_engine_free(e);
}
