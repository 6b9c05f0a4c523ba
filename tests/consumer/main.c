/* The same out-of-tree user as main.cpp, in plain C through the C ABI (vshop.h): it must print
   the same lines (expected.txt), linked to libvshop.so or to libvshop.a. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "vshop/vshop.h"

/* Prints epoch milliseconds as RFC 3339 (whole seconds, UTC). */
static void print_instant(int64_t ms) {
  char text[32];
  time_t seconds = (time_t)(ms / 1000);
  strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", gmtime(&seconds));
  fputs(text, stdout);
}

int main(void) {
  static const char kAt[] = "{\"at\":\"2026-05-14T08:00:00Z\",\"cmd\":\"advance\"}";
  static const char kStore[] =
      "{\"store\":\"ams\",\"timezone\":\"Europe/Amsterdam\",\"osm_hours\":\"Mo-Sa 10:00-18:00\"}";
  static const char kAddStore[] =
      "{\"cmd\":\"add_store\",\"store\":\"ams\",\"name\":\"Amsterdam\",\"timezone\":"
      "\"Europe/Amsterdam\",\"osm_hours\":\"Mo-Sa 10:00-18:00\"}";
  static const char kEvent[] = "{\"event\":\"x\"}";
  static const char kInvite[] =
      "{\"cmd\":\"invite_contact\",\"expert\":\"nobody\",\"chat\":\"c1\",\"channel\":\"sms\","
      "\"address\":\"+31012345678\"}";
  int64_t t = 0, change = 0;
  int has = 0, open = 0;
  vshop_store *store = NULL;
  vshop_engine *engine = NULL;
  vshop_validator *validator = NULL;
  vshop_validation result;
  vshop_status added, bad;

  if (vshop_command_at(kAt, strlen(kAt), &t, &has) != VSHOP_OK ||
      vshop_store_new(&store, kStore, strlen(kStore)) != VSHOP_OK ||
      vshop_store_is_open(store, t, &open) != VSHOP_OK ||
      vshop_store_next_change(store, t, &change, &has) != VSHOP_OK ||
      vshop_engine_new(&engine, NULL) != VSHOP_OK ||
      vshop_validator_new(&validator, NULL) != VSHOP_OK) {
    fprintf(stderr, "consumer: %s\n", vshop_last_error());
    return 1;
  }
  added = vshop_engine_apply_json(engine, kAddStore, strlen(kAddStore));
  bad = vshop_engine_go_available(engine, t, "nobody", 6);
  result.size = sizeof result;
  if (vshop_validator_validate(validator, kEvent, strlen(kEvent), &result) != VSHOP_OK) return 1;

  printf("store added: %d\nopen at ", added == VSHOP_OK);
  print_instant(t);
  printf(": %d, next change ", open);
  print_instant(change);
  printf("\nunknown expert: %s\nevent issues: %d\n", vshop_status_name(bad), result.issues_len > 0);
  /* A phone number checked through libphonenumber (R-CONTACT-2), whichever way vshop is linked. */
  if (vshop_engine_apply_json(engine, kInvite, strlen(kInvite)) != VSHOP_INVALID_ARGUMENT) return 1;
  printf("invalid phone: %s\n", vshop_engine_last_error(engine));
  vshop_validator_free(validator);
  vshop_engine_free(engine);
  vshop_store_free(store);
  return 0;
}
