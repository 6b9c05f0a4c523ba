/* test_capi: vshop_store (opening hours, R-HOURS-1..5) and vshop_validator (tracking events,
   single and batch with the summary). */
#include "capi_test.h"

/* Amsterdam, Mon-Sat 10:00-18:00: on Thursday 2026-05-14 open 08:00-16:00 UTC. */
static const char kStore[] =
    "{\"store\":\"ams\",\"timezone\":\"Europe/Amsterdam\",\"osm_hours\":\"Mo-Sa 10:00-18:00\"}";

void test_store(void) {
  vshop_store *store = (vshop_store *)&store;
  int open = -1, has = 0;
  int64_t ms = 0;
  const vshop_interval *intervals = NULL;
  size_t len = 0;

  CHECK_STATUS(vshop_store_new(NULL, LIT(kStore)), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_store_new(&store, LIT("{\"store\":\"x\",\"timezone\":\"Mars/Base\"}")),
               VSHOP_INVALID_ARGUMENT);
  CHECK(store == NULL);
  CHECK(CONTAINS(vshop_store_last_error(NULL), "Mars/Base"));
  CHECK_STATUS(vshop_store_new(&store, NULL, 1), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_store_new(&store, LIT("{\"store\":\"\xed\xa0\x80\"}")),
               VSHOP_INVALID_ARGUMENT); /* a UTF-16 surrogate is not UTF-8 */
  CHECK(CONTAINS(vshop_last_error(), "json is not valid UTF-8"));

  CHECK_STATUS(vshop_store_new(&store, LIT(kStore)), VSHOP_OK);
  CHECK(strcmp(vshop_store_last_error(store), "") == 0);
  CHECK_STATUS(vshop_store_is_open(store, T0 - 60 * MINUTE, &open), VSHOP_OK);
  CHECK(open == 1);
  CHECK_STATUS(vshop_store_is_open(store, T0 - 61 * MINUTE, &open), VSHOP_OK);
  CHECK(open == 0);
  CHECK_STATUS(vshop_store_is_open(store, T0, NULL), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_store_is_open(store, INT64_MIN, &open), VSHOP_INVALID_ARGUMENT);
  CHECK(CONTAINS(vshop_store_last_error(store), "at_ms"));
  CHECK_STATUS(vshop_store_next_change(store, T0, &ms, &has), VSHOP_OK);
  CHECK(has == 1 && ms == T0 + 7 * 60 * MINUTE);
  CHECK_STATUS(vshop_store_next_change(store, T0, NULL, &has), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_store_next_change(store, T0, &ms, NULL), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_store_open_intervals(store, T0 - 9 * 60 * MINUTE, T0 + 15 * 60 * MINUTE,
                                          &intervals, &len),
               VSHOP_OK);
  CHECK(len == 1 && intervals[0].open_ms == T0 - 60 * MINUTE &&
        intervals[0].close_ms == T0 + 7 * 60 * MINUTE);
  CHECK_STATUS(vshop_store_open_intervals(store, T0, T0 + 2000 * DAY, &intervals, &len),
               VSHOP_INVALID_ARGUMENT); /* over the 1000-day span of one call */
  CHECK_STATUS(vshop_store_open_intervals(store, T0, T0 + DAY, NULL, &len), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_store_open_intervals(store, T0, T0 + DAY, &intervals, NULL),
               VSHOP_INVALID_ARGUMENT);
  vshop_store_free(store);
}

static const char kFeed[] = "{\"id\":\"p1\",\"group\":\"p1\",\"name\":\"Shoe\",\"price\":10}\n";

void test_validator(void) {
  vshop_validator *v = (vshop_validator *)&v;
  vshop_validator_options options = VSHOP_VALIDATOR_OPTIONS_INIT;
  vshop_validation result;
  vshop_summary summary;
  const char *text = NULL;
  size_t len = 0, line = 0, i;
  int utf8_issue = 0;
  static const char kLines[] = "{\"type\":\"nope\"}\n\n\"just a string\"\n";

  options.version = 7;
  CHECK_STATUS(vshop_validator_new(&v, &options), VSHOP_INVALID_ARGUMENT);
  CHECK(v == NULL && CONTAINS(vshop_last_error(), "opts->version is 7"));
  CHECK_STATUS(vshop_validator_new(NULL, NULL), VSHOP_INVALID_ARGUMENT);
  options.version = VSHOP_VALIDATOR_OPTIONS_VERSION;
  options.product_feed.data = "{\"id\":";
  options.product_feed.len = 6;
  CHECK_STATUS(vshop_validator_new(&v, &options), VSHOP_INVALID_ARGUMENT);
  CHECK(CONTAINS(vshop_validator_last_error(NULL), "line 1"));
  options.product_feed.data = kFeed;
  options.product_feed.len = sizeof kFeed - 1;
  CHECK_STATUS(vshop_validator_new(&v, &options), VSHOP_OK);
  vshop_validator_free(v);
  CHECK_STATUS(vshop_validator_new(&v, NULL), VSHOP_OK);

  /* One document: issues come back typed; bad JSON or UTF-8 is an issue, not a failed call. */
  result.size = sizeof result;
  CHECK_STATUS(vshop_validator_validate(v, LIT("{\"type\":\"nope\"}"), &result), VSHOP_OK);
  CHECK(result.issues_len > 0 && result.has_critical == 1);
  CHECK(result.issues[0].code_name.len > 0 && str_is(result.issues[0].severity_name, "critical"));
  CHECK_STATUS(vshop_validator_validate(v, LIT("\"\xff\""), &result), VSHOP_OK);
  for (i = 0; i < result.issues_len; ++i) {
    if (str_is(result.issues[i].code_name, "utf8_invalid")) utf8_issue = 1;
  }
  CHECK(utf8_issue);
  CHECK(str_is(result.event_name, "unknown") && result.event == 0);
  CHECK_STATUS(vshop_validator_validate(v, NULL, 1, &result), VSHOP_INVALID_ARGUMENT);
  result.size = 1;
  CHECK_STATUS(vshop_validator_validate(v, LIT("{}"), &result), VSHOP_INVALID_ARGUMENT);
  result.size = sizeof result;

  /* A batch: no results before one was validated; then per document, summary and JSON. */
  summary.size = sizeof summary;
  CHECK_STATUS(vshop_validator_batch_summary(v, &summary), VSHOP_INVALID_STATE);
  CHECK_STATUS(vshop_validator_batch_json(v, &text, &len), VSHOP_INVALID_STATE);
  CHECK(CONTAINS(vshop_validator_last_error(v), "vshop_validator_validate_lines"));
  CHECK_STATUS(vshop_validator_validate_lines(v, LIT(kLines), &len), VSHOP_OK);
  CHECK(len == 2);
  CHECK_STATUS(vshop_validator_validate_lines(v, LIT(kLines), NULL), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_validator_batch_document(v, 1, &line, &result), VSHOP_OK);
  CHECK(line == 3 && result.has_critical == 1);
  CHECK_STATUS(vshop_validator_batch_document(v, 2, &line, &result), VSHOP_NOT_FOUND);
  CHECK_STATUS(vshop_validator_batch_document(v, 0, NULL, &result), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_validator_batch_summary(v, &summary), VSHOP_OK);
  CHECK(summary.events == 2 && summary.critical >= 2 && summary.by_code_len > 0);
  CHECK(summary.by_code[0].count > 0 && summary.by_code[0].first_line >= 1);
  CHECK_STATUS(vshop_validator_batch_summary(v, NULL), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_validator_batch_json(v, &text, &len), VSHOP_OK);
  CHECK(strncmp(text, "{\"line\":1,", 10) == 0 && CONTAINS(text, "\n{\"line\":3,"));
  CHECK(text[len - 1] == '\n');
  CHECK_STATUS(vshop_validator_batch_summary_json(v, &text, &len), VSHOP_OK);
  CHECK(len > 0 && text[len - 1] == '\n');
  CHECK_STATUS(vshop_validator_batch_summary_json(v, NULL, &len), VSHOP_INVALID_ARGUMENT);
  vshop_validator_free(v);
}
