/* test_capi: vshop_engine outputs (typed and JSON effects, deadlines, journal, error lines) and
   queries (experts, chats, lists, transfer candidates, widget state, metrics, reports). */
#include "capi_test.h"

static void test_effects(vshop_engine *e) {
  vshop_effect effect;
  int has = 1;
  int64_t ms = 0;
  const char *text = NULL;
  size_t len = 0;
  vshop_string chat;
  const double lat = 51.0, lon = 4.5;

  /* Typed effects, one at a time, in emission order. */
  CHECK_STATUS(vshop_engine_go_available(e, T0 + MINUTE, LIT("ana")), VSHOP_OK);
  CHECK_STATUS(vshop_engine_request_chat(e, T0 + 2 * MINUTE, LIT("s1"), &lat, &lon, &chat),
               VSHOP_OK);
  effect.size = 4; /* older than the first version of the struct */
  CHECK_STATUS(vshop_engine_poll_effect(e, &effect, &has), VSHOP_INVALID_ARGUMENT);
  CHECK(CONTAINS(vshop_engine_last_error(e), "out->size is 4"));
  effect.size = sizeof effect;
  CHECK_STATUS(vshop_engine_poll_effect(e, NULL, &has), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_poll_effect(e, &effect, NULL), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_poll_effect(e, &effect, &has), VSHOP_OK);
  CHECK(has == 1 && effect.size == sizeof effect);
  CHECK(effect.kind == VSHOP_EFFECT_EXPERT_AVAILABLE && str_is(effect.name, "expert_available"));
  CHECK(str_is(effect.expert, "ana") && effect.at_ms == T0 + MINUTE);
  CHECK(str_is(effect.reason, "") && effect.experts_len == 0 && !effect.has_deadline);
  CHECK_STATUS(vshop_engine_poll_effect(e, &effect, &has), VSHOP_OK);
  CHECK(has == 1 && effect.kind == VSHOP_EFFECT_CHAT_OFFERED && str_is(effect.chat, "c1"));
  CHECK(effect.experts_len == 1 && str_is(effect.experts[0], "ana"));
  CHECK(effect.has_deadline && effect.deadline_ms == T0 + 2 * MINUTE + 30000);
  CHECK_STATUS(vshop_engine_poll_effect(e, &effect, &has), VSHOP_OK);
  CHECK(has == 0);

  /* next_deadline: the offer's timeout; advancing to it expires the offer (R-CHAT-5). */
  CHECK_STATUS(vshop_engine_next_deadline(e, &ms, &has), VSHOP_OK);
  CHECK(has == 1 && ms == T0 + 2 * MINUTE + 30000);
  CHECK_STATUS(vshop_engine_next_deadline(e, NULL, &has), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_next_deadline(e, &ms, NULL), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_advance(e, ms), VSHOP_OK);
  CHECK_STATUS(vshop_engine_now(e, &ms), VSHOP_OK);
  CHECK(ms == T0 + 2 * MINUTE + 30000);
  CHECK_STATUS(vshop_engine_now(e, NULL), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_poll_effect(e, &effect, &has), VSHOP_OK);
  CHECK(has == 1 && effect.kind == VSHOP_EFFECT_OFFER_EXPIRED);
  /* JSON Lines: what poll has not taken yet, then what the engine holds, as `vshop simulate`. */
  CHECK_STATUS(vshop_engine_drain_effects_json(e, NULL, &len), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_drain_effects_json(e, &text, NULL), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_drain_effects_json(e, &text, &len), VSHOP_OK);
  CHECK(len > 0 && text[len - 1] == '\n' && text[len] == '\0');
  CHECK(strcmp(text,
               "{\"at\":\"2026-05-14T09:02:30Z\",\"effect\":\"chat_missed\",\"chat\":\"c1\","
               "\"reason\":\"no_expert_available\"}\n") == 0);
  CHECK_STATUS(vshop_engine_drain_effects_json(e, &text, &len), VSHOP_OK);
  CHECK(len == 0 && strcmp(text, "") == 0);
}

static void test_journal_and_errors(vshop_engine *e) {
  vshop_effect effect;
  const char *text = NULL;
  size_t len = 0;
  int64_t ms = 0;
  int has = 0;

  CHECK_STATUS(vshop_engine_set_journaling(e, 1), VSHOP_OK);
  CHECK_STATUS(vshop_engine_go_available(e, T0 + 10 * MINUTE, LIT("bo")), VSHOP_OK);
  CHECK_STATUS(vshop_engine_drain_journal(e, NULL, &len), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_drain_journal(e, &text, &len), VSHOP_OK);
  CHECK(strcmp(text,
               "{\"at\":\"2026-05-14T09:10:00Z\",\"cmd\":\"go_available\",\"expert\":\"bo\"}\n") ==
        0);
  CHECK(len == strlen(text));
  CHECK_STATUS(vshop_engine_set_journaling(e, 0), VSHOP_OK);

  /* A typed effect with a reason, given as its JSON name (go_unavailable: `requested`). */
  effect.size = sizeof effect;
  CHECK_STATUS(vshop_engine_drain_effects_json(e, &text, &len), VSHOP_OK);
  CHECK_STATUS(vshop_engine_go_unavailable(e, T0 + 10 * MINUTE, LIT("bo")), VSHOP_OK);
  CHECK_STATUS(vshop_engine_poll_effect(e, &effect, &has), VSHOP_OK);
  CHECK(has == 1 && effect.kind == VSHOP_EFFECT_EXPERT_UNAVAILABLE);
  CHECK(str_is(effect.reason, "requested") && str_is(effect.expert, "bo"));
  CHECK_STATUS(vshop_engine_go_available(e, T0 + 10 * MINUTE, LIT("bo")), VSHOP_OK);

  /* The line `vshop simulate` prints for a rejected command. */
  CHECK_STATUS(vshop_engine_apply_json(e, LIT("{\"cmd\":\"go_available\",\"expert\":\"ghost\"}")),
               VSHOP_NOT_FOUND);
  CHECK_STATUS(vshop_engine_error_line_json(e, 7, &text, &len), VSHOP_OK);
  CHECK(
      strcmp(
          text,
          "{\"line\":7,\"error\":\"not_found\",\"message\":\"expert: no expert \\\"ghost\\\"\"}") ==
      0);
  CHECK_STATUS(vshop_engine_error_line_json(e, 7, NULL, &len), VSHOP_INVALID_ARGUMENT);

  /* vshop_command_at: the `at` of a line, or none; a malformed line is refused. */
  CHECK_STATUS(
      vshop_command_at(LIT("{\"at\":\"2026-05-14T09:00:00Z\",\"cmd\":\"advance\"}"), &ms, &has),
      VSHOP_OK);
  CHECK(has == 1 && ms == T0);
  CHECK_STATUS(vshop_command_at(LIT("{\"cmd\":\"advance\"}"), &ms, &has), VSHOP_OK);
  CHECK(has == 0);
  CHECK_STATUS(vshop_command_at(LIT("{\"cmd\":\"nope\"}"), &ms, &has), VSHOP_INVALID_ARGUMENT);
  CHECK(CONTAINS(vshop_last_error(), "nope"));
  CHECK_STATUS(vshop_command_at(NULL, 2, &ms, &has), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_command_at(LIT("{}"), NULL, &has), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_command_at(LIT("{}"), &ms, NULL), VSHOP_INVALID_ARGUMENT);
}

static void test_queries(vshop_engine *e) {
  vshop_expert_view expert;
  vshop_chat_view chat;
  const vshop_string *list = NULL;
  const vshop_store_candidates *candidates = NULL;
  size_t len = 0, i;
  int found = 0, cy_found = 0;
  vshop_string id;
  const double lat = 51.0, lon = 4.5;
  int64_t t = T0 + 20 * MINUTE;

  CHECK_STATUS(vshop_engine_go_available(e, t, LIT("cy")), VSHOP_OK);
  CHECK_STATUS(vshop_engine_request_chat(e, t, LIT("s9"), &lat, &lon, &id), VSHOP_OK);
  CHECK_STATUS(vshop_engine_claim(e, t, LIT("bo"), id.data, id.len), VSHOP_OK);

  expert.size = sizeof expert;
  CHECK_STATUS(vshop_engine_expert(e, LIT("bo"), &expert, &found), VSHOP_OK);
  CHECK(found == 1 && str_is(expert.id, "bo") && str_is(expert.store, "st1"));
  CHECK(expert.account == VSHOP_ACCOUNT_APPROVED && expert.available && expert.active_chats == 1);
  CHECK(str_is(expert.pending_offer, "") && !expert.anonymized);
  CHECK_STATUS(vshop_engine_expert(e, LIT("ghost"), &expert, &found), VSHOP_OK);
  CHECK(found == 0);
  CHECK_STATUS(vshop_engine_expert(e, LIT("bo"), &expert, NULL), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_expert(e, LIT("\xe0\x80\x80"), &expert, &found),
               VSHOP_INVALID_ARGUMENT); /* overlong UTF-8 */

  chat.size = sizeof chat;
  CHECK_STATUS(vshop_engine_chat(e, LIT("c2"), &chat, &found), VSHOP_OK);
  CHECK(found == 1 && str_is(chat.shopper, "s9") && chat.state == VSHOP_CHAT_ACTIVE);
  CHECK(str_is(chat.expert, "bo") && chat.pending_offers_len == 0 && chat.rating == 0);
  CHECK_STATUS(vshop_engine_chat(e, LIT("nope"), &chat, &found), VSHOP_OK);
  CHECK(found == 0);
  chat.size = 0;
  CHECK_STATUS(vshop_engine_chat(e, LIT("c2"), &chat, &found), VSHOP_INVALID_ARGUMENT);

  CHECK_STATUS(vshop_engine_open_chats(e, LIT("bo"), &list, &len), VSHOP_OK);
  CHECK(len == 1 && str_is(list[0], "c2"));
  CHECK_STATUS(vshop_engine_open_chats(e, LIT("bo"), NULL, &len), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_pending_left_messages(e, &list, &len), VSHOP_OK);
  CHECK(len == 0);
  CHECK_STATUS(vshop_engine_pending_left_messages(e, &list, NULL), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_chat_count(e, &len), VSHOP_OK);
  CHECK(len == 2);
  CHECK_STATUS(vshop_engine_chat_count(e, NULL), VSHOP_INVALID_ARGUMENT);

  /* R-XFER-1: cy (st2) can take bo's chat; bo himself is never a candidate. */
  CHECK_STATUS(vshop_engine_transfer_candidates(e, LIT("c2"), &candidates, &len), VSHOP_OK);
  for (i = 0; i < len; ++i) {
    size_t j;
    for (j = 0; j < candidates[i].experts_len; ++j) {
      CHECK(!str_is(candidates[i].experts[j], "bo"));
      if (str_is(candidates[i].store, "st2") && str_is(candidates[i].experts[j], "cy")) {
        cy_found = 1;
      }
    }
  }
  CHECK(cy_found);
  CHECK_STATUS(vshop_engine_transfer_candidates(e, LIT("nope"), &candidates, &len),
               VSHOP_NOT_FOUND);
}

/* R-DISPLAY-1 through the C structs, and R-METRIC-1. */
static void test_widget_and_metrics(vshop_engine *e) {
  vshop_widget_query query = VSHOP_WIDGET_QUERY_INIT;
  vshop_widget_rules rules = VSHOP_WIDGET_RULES_INIT;
  vshop_geo_rule geo;
  vshop_metrics metrics;
  const vshop_daily_metrics *days = NULL;
  const char *text = NULL;
  size_t len = 0;
  int32_t state = -1;

  query.page_url.data = "https://shop.example/p/1";
  query.page_url.len = strlen(query.page_url.data);
  query.page_type.data = "product";
  query.page_type.len = 7;
  query.country.data = "NL";
  query.country.len = 2;
  CHECK_STATUS(vshop_engine_widget_state(e, &query, NULL, T0 + 30 * MINUTE, &state), VSHOP_OK);
  CHECK(state == VSHOP_WIDGET_VISIBLE);
  geo.field.data = "country";
  geo.field.len = 7;
  geo.value.data = "NL";
  geo.value.len = 2;
  geo.result = VSHOP_WIDGET_HIDDEN;
  rules.geo = &geo;
  rules.geo_len = 1;
  CHECK_STATUS(vshop_engine_widget_state(e, &query, &rules, T0 + 30 * MINUTE, &state), VSHOP_OK);
  CHECK(state == VSHOP_WIDGET_HIDDEN);
  geo.result = 5;
  CHECK_STATUS(vshop_engine_widget_state(e, &query, &rules, T0, &state), VSHOP_INVALID_ARGUMENT);
  CHECK(CONTAINS(vshop_engine_last_error(e), "rules.geo[0].result is 5"));
  rules.version = 2;
  CHECK_STATUS(vshop_engine_widget_state(e, &query, &rules, T0, &state), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_widget_state(e, NULL, NULL, T0, &state), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_widget_state(e, &query, NULL, T0, NULL), VSHOP_INVALID_ARGUMENT);
  query.city.data = NULL;
  query.city.len = 1;
  CHECK_STATUS(vshop_engine_widget_state(e, &query, NULL, T0, &state), VSHOP_INVALID_ARGUMENT);
  CHECK(CONTAINS(vshop_engine_last_error(e), "query.city is NULL"));

  metrics.size = sizeof metrics;
  CHECK_STATUS(vshop_engine_metrics(e, VSHOP_SCOPE_MERCHANT, NULL, 0, T0, T0 + DAY, &metrics),
               VSHOP_OK);
  CHECK(metrics.initiated == 2 && metrics.claimed == 1 && metrics.missed == 1);
  CHECK(metrics.has_response_times == 1 && metrics.currencies_len == 0);
  CHECK_STATUS(vshop_engine_metrics(e, VSHOP_SCOPE_EXPERT, LIT("bo"), T0, T0 + DAY, &metrics),
               VSHOP_OK);
  CHECK(metrics.claimed == 1);
  CHECK_STATUS(vshop_engine_metrics(e, VSHOP_SCOPE_STORE, LIT("nope"), T0, T0 + DAY, &metrics),
               VSHOP_NOT_FOUND);
  CHECK_STATUS(vshop_engine_metrics(e, 9, NULL, 0, T0, T0 + DAY, &metrics), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_metrics(e, VSHOP_SCOPE_MERCHANT, NULL, 0, T0 + DAY, T0, &metrics),
               VSHOP_INVALID_ARGUMENT);
  /* One entry per reporting day (UTC) that [from, to) touches, empty days included. */
  CHECK_STATUS(
      vshop_engine_daily_metrics(e, VSHOP_SCOPE_MERCHANT, NULL, 0, T0, T0 + 2 * DAY, &days, &len),
      VSHOP_OK);
  CHECK(len == 3 && days[0].year == 2026 && days[0].month == 5 && days[0].day == 14);
  CHECK(days[2].day == 16 && days[0].metrics.size == sizeof(vshop_metrics));
  CHECK(days[0].metrics.initiated == 2 && days[0].metrics.claimed == 1);
  CHECK(days[1].metrics.initiated == 0);
  CHECK_STATUS(
      vshop_engine_daily_metrics(e, VSHOP_SCOPE_EXPERT, LIT("ghost"), T0, T0 + DAY, &days, &len),
      VSHOP_NOT_FOUND);
  CHECK_STATUS(
      vshop_engine_daily_metrics(e, VSHOP_SCOPE_MERCHANT, NULL, 0, T0, T0 + DAY, NULL, &len),
      VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_metrics_report_json(e, &text, &len), VSHOP_OK);
  CHECK(len > 2 && text[0] == '{' && text[len - 1] == '}');
  CHECK_STATUS(vshop_engine_metrics_report_text(e, &text, &len), VSHOP_OK);
  CHECK(len > 0 && strlen(text) == len);
  CHECK_STATUS(vshop_engine_metrics_report_json(e, NULL, &len), VSHOP_INVALID_ARGUMENT);
  /* The exports (docs/metrics.md): a CSV header then one line per chat; JSON Lines. */
  CHECK_STATUS(vshop_engine_export_chats(e, NULL, NULL, VSHOP_EXPORT_CSV, &text, &len), VSHOP_OK);
  CHECK(len > 0 && strncmp(text, "chat,shopper,requested_at,", 26) == 0 && strlen(text) == len);
  CHECK_STATUS(vshop_engine_export_data(e, "2026-05-14", "", VSHOP_EXPORT_JSON_LINES, &text, &len),
               VSHOP_OK);
  CHECK(len > 0 && text[0] == '{' && text[len - 1] == '\n');
  CHECK_STATUS(vshop_engine_export_chats(e, "2026-02-30", NULL, VSHOP_EXPORT_CSV, &text, &len),
               VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_export_data(e, NULL, NULL, 7, &text, &len), VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_export_data(e, NULL, NULL, VSHOP_EXPORT_CSV, NULL, &len),
               VSHOP_INVALID_ARGUMENT);
  CHECK_STATUS(vshop_engine_snapshot(e, &text, NULL), VSHOP_INVALID_ARGUMENT);
}

void test_engine_outputs(void) {
  vshop_engine *e = make_world();
  test_effects(e);
  test_journal_and_errors(e);
  test_queries(e);
  test_widget_and_metrics(e);
  vshop_engine_free(e);
}
