/* test_capi: a plain C program that calls every function of vshop.h on every path, success and
   error (NULL handles, NULL out-pointers, bad UTF-8, wrong options versions, each status code
   the engine can return: all but VSHOP_INTERNAL, kept for bugs and exceptions caught at the
   boundary, which no input reaches). Exit status 0 when every check passed. Runs under ASan+UBSan
   (asan preset) and valgrind memcheck (capi_valgrind). */
#include <stdlib.h>

#include "capi_test.h"

int capi_failures = 0;

int str_is(vshop_string s, const char *text) {
  return s.data != NULL && s.len == strlen(text) && memcmp(s.data, text, s.len) == 0 &&
         s.data[s.len] == '\0';
}

/* Versions, status names (stable: part of the ABI) and the thread's last error. */
void test_library(void) {
  static const char *const names[] = {"ok",
                                      "out_of_order_time",
                                      "invalid_argument",
                                      "not_found",
                                      "already_exists",
                                      "invalid_invite_code",
                                      "invalid_setting",
                                      "not_approved",
                                      "no_store",
                                      "store_closed",
                                      "at_capacity",
                                      "offer_not_pending",
                                      "not_chat_expert",
                                      "invalid_state",
                                      "transfer_pending",
                                      "target_not_eligible",
                                      "empty_note",
                                      "video_busy",
                                      "duplicate_order",
                                      "internal",
                                      "limit_exceeded",
                                      "channel_disabled"};
  int i;
  CHECK(strcmp(vshop_version(), VSHOP_VERSION_STRING) == 0);
  CHECK(vshop_version_number() == VSHOP_VERSION_NUMBER);
  CHECK(vshop_abi_version() == VSHOP_ABI_VERSION);
  for (i = 0; i <= 21; ++i) CHECK(strcmp(vshop_status_name(-i), names[i]) == 0);
  CHECK(strcmp(vshop_status_name(VSHOP_LIMIT_EXCEEDED), "limit_exceeded") == 0);
  CHECK(strcmp(vshop_status_name(VSHOP_INTERNAL), "internal") == 0);
  CHECK(strcmp(vshop_status_name(1), "unknown") == 0);
  CHECK(strcmp(vshop_status_name(-22), "unknown") == 0);
  CHECK(strcmp(vshop_status_name(INT32_MIN), "unknown") == 0);
  CHECK(strcmp(vshop_status_name(INT32_MAX), "unknown") == 0);
  CHECK(vshop_last_error() != NULL);
}

/* Every function given a NULL handle: invalid_argument naming the function, never a crash. */
void test_null_handles(void) {
  const char *text = NULL;
  size_t len = 0;
  int64_t ms = 0;
  int has = 0;
  int32_t state = 0;
  vshop_string chat;
  vshop_effect effect;
  vshop_expert_view expert;
  vshop_chat_view chat_view;
  vshop_metrics metrics;
  vshop_validation validation;
  vshop_summary summary;
  const vshop_string *list = NULL;
  const vshop_store_candidates *candidates = NULL;
  const vshop_interval *intervals = NULL;
  const vshop_daily_metrics *days = NULL;
  vshop_widget_query query = VSHOP_WIDGET_QUERY_INIT;
  effect.size = sizeof effect;
  expert.size = sizeof expert;
  chat_view.size = sizeof chat_view;
  metrics.size = sizeof metrics;
  validation.size = sizeof validation;
  summary.size = sizeof summary;

#define NULL_HANDLE(call, name)                            \
  do {                                                     \
    CHECK_STATUS(call, VSHOP_INVALID_ARGUMENT);            \
    CHECK(CONTAINS(vshop_last_error(), name));             \
    CHECK(CONTAINS(vshop_last_error(), "handle is NULL")); \
  } while (0)
  NULL_HANDLE(vshop_engine_apply_json(NULL, LIT("{}")), "vshop_engine_apply_json");
  NULL_HANDLE(vshop_engine_advance(NULL, T0), "vshop_engine_advance");
  NULL_HANDLE(vshop_engine_go_available(NULL, T0, LIT("a")), "vshop_engine_go_available");
  NULL_HANDLE(vshop_engine_go_unavailable(NULL, T0, LIT("a")), "vshop_engine_go_unavailable");
  NULL_HANDLE(vshop_engine_request_chat(NULL, T0, LIT("s"), NULL, NULL, &chat),
              "vshop_engine_request_chat");
  NULL_HANDLE(vshop_engine_claim(NULL, T0, LIT("a"), LIT("c")), "vshop_engine_claim");
  NULL_HANDLE(vshop_engine_decline(NULL, T0, LIT("a"), LIT("c")), "vshop_engine_decline");
  NULL_HANDLE(vshop_engine_finish_chat(NULL, T0, LIT("a"), LIT("c")), "vshop_engine_finish_chat");
  NULL_HANDLE(vshop_engine_send_message(NULL, T0, LIT("c"), VSHOP_SENDER_EXPERT),
              "vshop_engine_send_message");
  NULL_HANDLE(vshop_engine_record_purchase(NULL, T0, LIT("s"), LIT("o"), LIT("1.00"), 0, LIT("EUR"),
                                           NULL, 0),
              "vshop_engine_record_purchase");
  NULL_HANDLE(vshop_engine_drain_effects_json(NULL, &text, &len),
              "vshop_engine_drain_effects_json");
  NULL_HANDLE(vshop_engine_error_line_json(NULL, 1, &text, &len), "vshop_engine_error_line_json");
  NULL_HANDLE(vshop_engine_poll_effect(NULL, &effect, &has), "vshop_engine_poll_effect");
  NULL_HANDLE(vshop_engine_next_deadline(NULL, &ms, &has), "vshop_engine_next_deadline");
  NULL_HANDLE(vshop_engine_now(NULL, &ms), "vshop_engine_now");
  NULL_HANDLE(vshop_engine_set_journaling(NULL, 1), "vshop_engine_set_journaling");
  NULL_HANDLE(vshop_engine_drain_journal(NULL, &text, &len), "vshop_engine_drain_journal");
  NULL_HANDLE(vshop_engine_snapshot(NULL, &text, &len), "vshop_engine_snapshot");
  NULL_HANDLE(vshop_engine_expert(NULL, LIT("a"), &expert, &has), "vshop_engine_expert");
  NULL_HANDLE(vshop_engine_chat(NULL, LIT("c"), &chat_view, &has), "vshop_engine_chat");
  NULL_HANDLE(vshop_engine_open_chats(NULL, LIT("a"), &list, &len), "vshop_engine_open_chats");
  NULL_HANDLE(vshop_engine_pending_left_messages(NULL, &list, &len),
              "vshop_engine_pending_left_messages");
  NULL_HANDLE(vshop_engine_chat_count(NULL, &len), "vshop_engine_chat_count");
  NULL_HANDLE(vshop_engine_transfer_candidates(NULL, LIT("c"), &candidates, &len),
              "vshop_engine_transfer_candidates");
  NULL_HANDLE(vshop_engine_widget_state(NULL, &query, NULL, T0, &state),
              "vshop_engine_widget_state");
  NULL_HANDLE(vshop_engine_metrics(NULL, VSHOP_SCOPE_MERCHANT, NULL, 0, T0, T0 + DAY, &metrics),
              "vshop_engine_metrics");
  NULL_HANDLE(
      vshop_engine_daily_metrics(NULL, VSHOP_SCOPE_MERCHANT, NULL, 0, T0, T0 + DAY, &days, &len),
      "vshop_engine_daily_metrics");
  NULL_HANDLE(vshop_engine_metrics_report_json(NULL, &text, &len),
              "vshop_engine_metrics_report_json");
  NULL_HANDLE(vshop_engine_metrics_report_text(NULL, &text, &len),
              "vshop_engine_metrics_report_text");
  NULL_HANDLE(vshop_engine_query(NULL, LIT("chat"), NULL, 0, &text, &len), "vshop_engine_query");
  NULL_HANDLE(vshop_engine_export_chats(NULL, NULL, NULL, VSHOP_EXPORT_CSV, &text, &len),
              "vshop_engine_export_chats");
  NULL_HANDLE(vshop_engine_export_data(NULL, NULL, NULL, VSHOP_EXPORT_CSV, &text, &len),
              "vshop_engine_export_data");
  NULL_HANDLE(vshop_store_is_open(NULL, T0, &has), "vshop_store_is_open");
  NULL_HANDLE(vshop_store_next_change(NULL, T0, &ms, &has), "vshop_store_next_change");
  NULL_HANDLE(vshop_store_open_intervals(NULL, T0, T0 + DAY, &intervals, &len),
              "vshop_store_open_intervals");
  NULL_HANDLE(vshop_validator_validate(NULL, LIT("{}"), &validation), "vshop_validator_validate");
  NULL_HANDLE(vshop_validator_validate_lines(NULL, LIT("{}"), &len),
              "vshop_validator_validate_lines");
  NULL_HANDLE(vshop_validator_batch_document(NULL, 0, &len, &validation),
              "vshop_validator_batch_document");
  NULL_HANDLE(vshop_validator_batch_summary(NULL, &summary), "vshop_validator_batch_summary");
  NULL_HANDLE(vshop_validator_batch_json(NULL, &text, &len), "vshop_validator_batch_json");
  NULL_HANDLE(vshop_validator_batch_summary_json(NULL, &text, &len),
              "vshop_validator_batch_summary_json");
#undef NULL_HANDLE
  /* The last-error getters of a NULL handle read the thread's message; free accepts NULL. */
  CHECK(vshop_engine_last_error(NULL) == vshop_last_error());
  CHECK(vshop_store_last_error(NULL) == vshop_last_error());
  CHECK(vshop_validator_last_error(NULL) == vshop_last_error());
  vshop_engine_free(NULL);
  vshop_store_free(NULL);
  vshop_validator_free(NULL);
}

int main(void) {
  test_library();
  test_null_handles();
  test_engine_lifecycle();
  test_engine_commands();
  test_engine_outputs();
  test_engine_answers();
  test_limit_exceeded();
  test_store();
  test_validator();
  test_appointments_contacts();
  test_first_version_sizes();
  if (capi_failures != 0) {
    fprintf(stderr, "test_capi: %d check(s) failed\n", capi_failures);
    return EXIT_FAILURE;
  }
  printf("test_capi: all checks passed\n");
  return EXIT_SUCCESS;
}
