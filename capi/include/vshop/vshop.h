/* vshop.h: the stable C ABI of vshop (docs/reference.md; docs/decisions.md "## The C ABI").
 *
 * Conventions (libgit2 / SQLite / zstd style):
 *  - Opaque handles (vshop_engine, vshop_store, vshop_validator) made by vshop_<module>_new or
 *    _restore (out-parameter first) and released by vshop_<module>_free, which accepts NULL.
 *  - Every function returns vshop_status: 0 (VSHOP_OK) or a negative code mirroring the C++
 *    vshop::ErrorCode one to one (VSHOP_X == -(int)ErrorCode::kX); codes are never renumbered.
 *    Results go through out-parameters (last, except for constructors).
 *  - After a failure, vshop_<module>_last_error(handle) gives the message (never NULL); a failure
 *    with no handle to hold it (a constructor, a NULL handle) leaves it in vshop_last_error(),
 *    which is per thread; vshop_<module>_last_error(NULL) returns that one.
 *  - Strings in are (const char *, size_t) UTF-8; a NULL pointer is allowed only with length 0.
 *    Invalid UTF-8 or a NULL pointer gives VSHOP_INVALID_ARGUMENT and changes nothing.
 *  - Strings and arrays out are owned by the handle and stay valid until the next call on that
 *    handle (any call, the queries included). Every vshop_string out is also NUL-terminated.
 *  - Instants are int64_t milliseconds since the Unix epoch (UTC), years 0001..9999.
 *  - Structs filled by the library carry their size as first member: set `size` to
 *    sizeof(the struct) before the call. Structs only grow at the end: the library fills only
 *    what fits, so a program built against an older vshop.h (a smaller size) keeps working;
 *    a size below the struct's first version is VSHOP_INVALID_ARGUMENT.
 *    Options structs carry a version as first member and an _INIT macro that initializes every
 *    member (so -Wextra stays quiet); they only grow.
 *  - No C++ exception and no abort crosses this boundary (VSHOP_INTERNAL for a caught one).
 *  - A handle is not thread-safe: use one thread at a time per handle.
 */
#ifndef VSHOP_VSHOP_H
#define VSHOP_VSHOP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define VSHOP_C_API __attribute__((visibility("default")))
#else
#define VSHOP_C_API
#endif

/* ---- versions ---------------------------------------------------------------------------- */
#define VSHOP_VERSION_MAJOR 0
#define VSHOP_VERSION_MINOR 1
#define VSHOP_VERSION_PATCH 0
#define VSHOP_VERSION_NUMBER \
  (VSHOP_VERSION_MAJOR * 10000 + VSHOP_VERSION_MINOR * 100 + VSHOP_VERSION_PATCH)
#define VSHOP_VERSION_STRING "0.1.0"
/* Incremented whenever a change to this header breaks binary compatibility. */
#define VSHOP_ABI_VERSION 1

/* The library's version string ("0.1.0"), to compare with VSHOP_VERSION_STRING at run time. */
VSHOP_C_API const char *vshop_version(void);
/* The library's VSHOP_VERSION_NUMBER and VSHOP_ABI_VERSION, as built. */
VSHOP_C_API uint32_t vshop_version_number(void);
VSHOP_C_API uint32_t vshop_abi_version(void);

/* ---- status codes (mirror vshop::ErrorCode; never renumbered, only appended) ------------- */
typedef int32_t vshop_status;
#define VSHOP_OK 0
#define VSHOP_OUT_OF_ORDER_TIME (-1)
#define VSHOP_INVALID_ARGUMENT (-2)
#define VSHOP_NOT_FOUND (-3)
#define VSHOP_ALREADY_EXISTS (-4)
#define VSHOP_INVALID_INVITE_CODE (-5)
#define VSHOP_INVALID_SETTING (-6)
#define VSHOP_NOT_APPROVED (-7)
#define VSHOP_NO_STORE (-8)
#define VSHOP_STORE_CLOSED (-9)
#define VSHOP_AT_CAPACITY (-10)
#define VSHOP_OFFER_NOT_PENDING (-11)
#define VSHOP_NOT_CHAT_EXPERT (-12)
#define VSHOP_INVALID_STATE (-13)
#define VSHOP_TRANSFER_PENDING (-14)
#define VSHOP_TARGET_NOT_ELIGIBLE (-15)
#define VSHOP_EMPTY_NOTE (-16)
#define VSHOP_VIDEO_BUSY (-17)
#define VSHOP_DUPLICATE_ORDER (-18)
#define VSHOP_INTERNAL (-19)
#define VSHOP_LIMIT_EXCEEDED (-20)
#define VSHOP_CHANNEL_DISABLED (-21) /* R-CONTACT-2: the channel is not in contact_channels */

/* The stable snake_case name of a status ("ok", "store_closed", ...); "unknown" otherwise. */
VSHOP_C_API const char *vshop_status_name(vshop_status status);
/* The message of the last failed call on this thread that had no handle to hold it ("" if none). */
VSHOP_C_API const char *vshop_last_error(void);

/* A UTF-8 string: `data` points to `len` bytes. Out of the library it is NUL-terminated too. */
typedef struct vshop_string {
  const char *data;
  size_t len;
} vshop_string;

/* ==== engine ============================================================================== */
typedef struct vshop_engine vshop_engine;

typedef struct vshop_engine_options {
  uint32_t version; /* VSHOP_ENGINE_OPTIONS_VERSION; the struct only grows */
} vshop_engine_options;
#define VSHOP_ENGINE_OPTIONS_VERSION 1
#define VSHOP_ENGINE_OPTIONS_INIT \
  { VSHOP_ENGINE_OPTIONS_VERSION }

/* A new engine with default settings (opts NULL = defaults). Journaling starts off. */
VSHOP_C_API vshop_status vshop_engine_new(vshop_engine **out, const vshop_engine_options *opts);
/* Rebuilds an engine from vshop_engine_snapshot output (invalid_argument naming the field). */
VSHOP_C_API vshop_status vshop_engine_restore(vshop_engine **out, const char *snapshot, size_t len,
                                              const vshop_engine_options *opts);
/* Releases an engine and everything it handed out; NULL is allowed. */
VSHOP_C_API void vshop_engine_free(vshop_engine *engine);
/* The message of the last failed call on `engine` (never NULL; "" before any failure).
   NULL engine: vshop_last_error(). */
VSHOP_C_API const char *vshop_engine_last_error(const vshop_engine *engine);

/* ---- commands (docs/reference.md §11); on failure nothing changes beyond the passage of time */
/* Parses and applies one JSON Lines command (no newline needed): the text entry point. */
VSHOP_C_API vshop_status vshop_engine_apply_json(vshop_engine *engine, const char *line,
                                                 size_t len);
/* Moves the clock to now_ms firing due timers (out_of_order_time when now_ms is earlier). */
VSHOP_C_API vshop_status vshop_engine_advance(vshop_engine *engine, int64_t now_ms);
/* go_available / go_unavailable of `expert`. */
VSHOP_C_API vshop_status vshop_engine_go_available(vshop_engine *engine, int64_t now_ms,
                                                   const char *expert, size_t expert_len);
VSHOP_C_API vshop_status vshop_engine_go_unavailable(vshop_engine *engine, int64_t now_ms,
                                                     const char *expert, size_t expert_len);
/* request_chat; lat/lon NULL = absent. The chat id (new or the shopper's open chat) goes to
 *out_chat (owned by the engine). */
VSHOP_C_API vshop_status vshop_engine_request_chat(vshop_engine *engine, int64_t now_ms,
                                                   const char *shopper, size_t shopper_len,
                                                   const double *lat, const double *lon,
                                                   vshop_string *out_chat);
/* claim / decline / finish_chat of `chat` by `expert`. */
VSHOP_C_API vshop_status vshop_engine_claim(vshop_engine *engine, int64_t now_ms,
                                            const char *expert, size_t expert_len, const char *chat,
                                            size_t chat_len);
VSHOP_C_API vshop_status vshop_engine_decline(vshop_engine *engine, int64_t now_ms,
                                              const char *expert, size_t expert_len,
                                              const char *chat, size_t chat_len);
VSHOP_C_API vshop_status vshop_engine_finish_chat(vshop_engine *engine, int64_t now_ms,
                                                  const char *expert, size_t expert_len,
                                                  const char *chat, size_t chat_len);
#define VSHOP_SENDER_EXPERT 0
#define VSHOP_SENDER_SHOPPER 1
/* send_message in `chat` from VSHOP_SENDER_EXPERT or VSHOP_SENDER_SHOPPER. */
VSHOP_C_API vshop_status vshop_engine_send_message(vshop_engine *engine, int64_t now_ms,
                                                   const char *chat, size_t chat_len, int32_t from);
/* record_purchase: `subtotal` is a decimal string ("89.95"), or integer minor units written as
   digits when subtotal_is_integer is non-zero; `items` is an optional JSON list (NULL = absent). */
VSHOP_C_API vshop_status vshop_engine_record_purchase(vshop_engine *engine, int64_t now_ms,
                                                      const char *shopper, size_t shopper_len,
                                                      const char *order, size_t order_len,
                                                      const char *subtotal, size_t subtotal_len,
                                                      int32_t subtotal_is_integer,
                                                      const char *currency, size_t currency_len,
                                                      const char *items, size_t items_len);

/* The `at` of a JSON Lines command (*out_has 0 when it has none), so that a host can advance to
   each deadline before it: invalid_argument (the message apply_json would give) when the line
   is not a valid command. */
VSHOP_C_API vshop_status vshop_command_at(const char *line, size_t len, int64_t *out_ms,
                                          int *out_has);

/* ---- outputs ----------------------------------------------------------------------------- */
/* All pending effects as canonical JSON Lines (each line ends with '\n', exactly the bytes of
   `vshop simulate`); the buffer is owned by the handle, valid until the next call on it. */
VSHOP_C_API vshop_status vshop_engine_drain_effects_json(vshop_engine *engine, const char **out,
                                                         size_t *out_len);

/* The line `vshop simulate` prints for the last failed call on `engine` when it came from line
   `line` of a scenario: {"line":N,"error":"<status name>","message":"..."} (no newline). */
VSHOP_C_API vshop_status vshop_engine_error_line_json(vshop_engine *engine, uint64_t line,
                                                      const char **out, size_t *out_len);

typedef enum vshop_effect_kind {
  VSHOP_EFFECT_CHAT_OFFERED = 0,
  VSHOP_EFFECT_OFFER_WITHDRAWN = 1,
  VSHOP_EFFECT_OFFER_EXPIRED = 2,
  VSHOP_EFFECT_CHAT_CLAIMED = 3,
  VSHOP_EFFECT_CHAT_MISSED = 4,
  VSHOP_EFFECT_LEFT_MESSAGE_QUEUED = 5,
  VSHOP_EFFECT_CHAT_TAKEN = 6,
  VSHOP_EFFECT_NOTIFY_SHOPPER = 7,
  VSHOP_EFFECT_CHAT_FINISHED = 8,
  VSHOP_EFFECT_TRANSFER_OFFERED = 9,
  VSHOP_EFFECT_TRANSFER_COMPLETED = 10,
  VSHOP_EFFECT_TRANSFER_FAILED = 11,
  VSHOP_EFFECT_SHOPPER_BLOCKED = 12,
  VSHOP_EFFECT_EXPERT_AVAILABLE = 13,
  VSHOP_EFFECT_EXPERT_UNAVAILABLE = 14,
  VSHOP_EFFECT_VIDEO_STARTED = 15,
  VSHOP_EFFECT_VIDEO_ENDED = 16,
  VSHOP_EFFECT_SALE_ATTRIBUTED = 17,
  VSHOP_EFFECT_SALE_UNATTRIBUTED = 18,
  VSHOP_EFFECT_TEAM_DIGEST = 19,
  VSHOP_EFFECT_PII_ANONYMIZED = 20,
  VSHOP_EFFECT_APPOINTMENT_SENT = 21,
  VSHOP_EFFECT_CONTACT_INVITED = 22,
  VSHOP_EFFECT_CONTACT_ADDED = 23
} vshop_effect_kind;

/* One effect (docs/reference.md §11 lists which fields each kind uses; the others are empty).
   Enumerated values are given as their JSON names (`reason`, `channel`). */
typedef struct vshop_effect {
  uint32_t size;     /* in: sizeof(vshop_effect) */
  int32_t kind;      /* vshop_effect_kind */
  vshop_string name; /* "chat_offered", ... */
  int64_t at_ms;
  vshop_string chat, expert, shopper, from, to;
  const vshop_string *experts; /* chat_offered / offer_expired, in offer order */
  size_t experts_len;
  int64_t deadline_ms; /* chat_offered / transfer_offered, when has_deadline */
  int32_t has_deadline;
  vshop_string reason;                    /* "" when the kind has none */
  vshop_string channel;                   /* notify_shopper: "email" / "sms"; contact_*: also
                                             "whatsapp" */
  vshop_string address;                   /* notify_shopper, contact_added */
  vshop_string order, subtotal, currency; /* sale_* */
  int32_t subtotal_is_integer;            /* the subtotal is JSON integer minor units */
  int64_t pending;                        /* team_digest */
  const vshop_string *managers;           /* team_digest, sorted emails */
  size_t managers_len;
  int64_t start_ms, end_ms; /* appointment_sent: the appointment's UTC instants */
  vshop_string ics;         /* appointment_sent: the RFC 5545 VCALENDAR text (CRLF lines) */
} vshop_effect;

/* Takes the next pending effect (in emission order) into *out and sets *out_has to 1, or sets
 *out_has to 0 when none is pending. Its strings are owned by the engine. */
VSHOP_C_API vshop_status vshop_engine_poll_effect(vshop_engine *engine, vshop_effect *out,
                                                  int *out_has);
/* The earliest pending timer (*out_has 0 when none): when the host should call advance. */
VSHOP_C_API vshop_status vshop_engine_next_deadline(const vshop_engine *engine, int64_t *out_ms,
                                                    int *out_has);
/* The engine's current time. */
VSHOP_C_API vshop_status vshop_engine_now(const vshop_engine *engine, int64_t *out_ms);
/* Switches the journal of accepted commands on or off (off after new/restore). */
VSHOP_C_API vshop_status vshop_engine_set_journaling(vshop_engine *engine, int on);
/* The canonical journal lines accepted since the last drain, each ending with '\n'. */
VSHOP_C_API vshop_status vshop_engine_drain_journal(vshop_engine *engine, const char **out,
                                                    size_t *out_len);
/* The whole state as canonical JSON (no newline); equal states give equal bytes. */
VSHOP_C_API vshop_status vshop_engine_snapshot(vshop_engine *engine, const char **out,
                                               size_t *out_len);

/* ---- queries ----------------------------------------------------------------------------- */
#define VSHOP_ACCOUNT_PENDING 0
#define VSHOP_ACCOUNT_APPROVED 1
#define VSHOP_ACCOUNT_DEACTIVATED 2

typedef struct vshop_expert_view {
  uint32_t size; /* in: sizeof(vshop_expert_view) */
  vshop_string id;
  int32_t account; /* VSHOP_ACCOUNT_* */
  int32_t anonymized;
  vshop_string store; /* "" when none */
  int32_t available;
  int32_t active_chats, missed_streak, decline_streak;
  vshop_string pending_offer, pending_transfer, video_chat; /* chat ids, "" when none */
} vshop_expert_view;

#define VSHOP_CHAT_REQUESTED 0
#define VSHOP_CHAT_ACTIVE 1
#define VSHOP_CHAT_FINISHED 2
#define VSHOP_CHAT_MISSED 3
#define VSHOP_CHAT_LEFT_MESSAGE 4
#define VSHOP_CHAT_BLOCKED 5
#define VSHOP_CHAT_CLOSED 6

typedef struct vshop_chat_view {
  uint32_t size; /* in: sizeof(vshop_chat_view) */
  vshop_string id, shopper;
  int32_t state;       /* VSHOP_CHAT_* */
  vshop_string expert; /* the active (or last) expert, "" when never claimed */
  int32_t transfer_pending, video;
  const vshop_string *pending_offers; /* in offer order */
  size_t pending_offers_len;
  int32_t rating;         /* 0 = not rated */
  int32_t shopper_online; /* R-CHAT-7: the chat's shopper is online */
  int32_t left_message;   /* the chat started as a left message */
} vshop_chat_view;

/* The expert / chat `id` into *out and *out_found = 1, or *out_found = 0 when unknown. */
VSHOP_C_API vshop_status vshop_engine_expert(vshop_engine *engine, const char *id, size_t id_len,
                                             vshop_expert_view *out, int *out_found);
VSHOP_C_API vshop_status vshop_engine_chat(vshop_engine *engine, const char *id, size_t id_len,
                                           vshop_chat_view *out, int *out_found);
/* The open chats of `expert` (creation order), and the left messages waiting (request order). */
VSHOP_C_API vshop_status vshop_engine_open_chats(vshop_engine *engine, const char *expert,
                                                 size_t expert_len, const vshop_string **out,
                                                 size_t *out_len);
VSHOP_C_API vshop_status vshop_engine_pending_left_messages(vshop_engine *engine,
                                                            const vshop_string **out,
                                                            size_t *out_len);
/* How many chats the engine holds. */
VSHOP_C_API vshop_status vshop_engine_chat_count(const vshop_engine *engine, size_t *out);
/* R-CONTACT-2: the contacts of `expert` as canonical JSON, a list in shopper id order of
   {"shopper","channel","address"} (no newline); not_found for an unknown expert. */
VSHOP_C_API vshop_status vshop_engine_contacts_json(vshop_engine *engine, const char *expert,
                                                    size_t expert_len, const char **out,
                                                    size_t *out_len);
/* R-SCHED-3: every piece of personal data the engine holds, as one canonical JSON object (no
   newline); after the R-SCHED-2 erasure the same shape with nothing personal left. */
VSHOP_C_API vshop_status vshop_engine_export_personal_data(vshop_engine *engine, const char **out,
                                                           size_t *out_len);

/* R-XFER-1: eligible transfer targets of `chat`, grouped by store (stores and experts by id). */
typedef struct vshop_store_candidates {
  vshop_string store;
  const vshop_string *experts;
  size_t experts_len;
} vshop_store_candidates;
VSHOP_C_API vshop_status vshop_engine_transfer_candidates(vshop_engine *engine, const char *chat,
                                                          size_t chat_len,
                                                          const vshop_store_candidates **out,
                                                          size_t *out_len);

/* R-DISPLAY-1 */
#define VSHOP_WIDGET_VISIBLE 0
#define VSHOP_WIDGET_ONGOING_ONLY 1
#define VSHOP_WIDGET_HIDDEN 2

typedef struct vshop_widget_query {
  uint32_t version; /* VSHOP_WIDGET_QUERY_VERSION */
  vshop_string page_url, page_type;
  vshop_string shopper; /* optional ({NULL, 0} = none) */
  vshop_string country, city, postal_code, ip;
} vshop_widget_query;
#define VSHOP_WIDGET_QUERY_VERSION 1
#define VSHOP_WIDGET_QUERY_INIT                                                                   \
  {                                                                                               \
    VSHOP_WIDGET_QUERY_VERSION, {NULL, 0}, {NULL, 0}, {NULL, 0}, {NULL, 0}, {NULL, 0}, {NULL, 0}, \
    {                                                                                             \
      NULL, 0                                                                                     \
    }                                                                                             \
  }

typedef struct vshop_geo_rule {
  vshop_string field; /* country, city, postal_code or ip */
  vshop_string value; /* for ip: a.b.c.d/n */
  int32_t result;     /* VSHOP_WIDGET_ONGOING_ONLY or VSHOP_WIDGET_HIDDEN */
} vshop_geo_rule;

typedef struct vshop_widget_rules {
  uint32_t version;               /* VSHOP_WIDGET_RULES_VERSION */
  const vshop_string *page_types; /* NULL = the default home, collection, product */
  size_t page_types_len;
  const vshop_string *allow_urls, *deny_urls; /* substrings of the URL */
  size_t allow_urls_len, deny_urls_len;
  const vshop_geo_rule *geo;
  size_t geo_len;
} vshop_widget_rules;
#define VSHOP_WIDGET_RULES_VERSION 1
#define VSHOP_WIDGET_RULES_INIT \
  { VSHOP_WIDGET_RULES_VERSION, NULL, 0, NULL, NULL, 0, 0, NULL, 0 }

/* The widget state (VSHOP_WIDGET_*) for `query` at now_ms; rules NULL = the default rules. */
VSHOP_C_API vshop_status vshop_engine_widget_state(vshop_engine *engine,
                                                   const vshop_widget_query *query,
                                                   const vshop_widget_rules *rules, int64_t now_ms,
                                                   int32_t *out_state);

/* ---- metrics (R-METRIC-1) ---------------------------------------------------------------- */
#define VSHOP_SCOPE_MERCHANT 0
#define VSHOP_SCOPE_STORE 1
#define VSHOP_SCOPE_EXPERT 2
#define VSHOP_SCOPE_TEAM 3 /* `id` is the team: the experts whose current team it is */

typedef struct vshop_currency_metrics {
  vshop_string code; /* ISO 4217 */
  int32_t exponent;
  uint64_t orders;
  int64_t gross_minor;
  vshop_string gross, average; /* decimal strings; average "" without orders */
} vshop_currency_metrics;

typedef struct vshop_metrics {
  uint32_t size; /* in: sizeof(vshop_metrics) */
  uint64_t initiated, claimed, missed, taken, transfers_in, available_associates;
  uint64_t ratings, rating_sum, orders, unattributed_orders, converted, responses;
  int64_t response_median_ms, response_p90_ms; /* when has_response_times */
  int32_t has_response_times;
  const vshop_currency_metrics *currencies; /* sorted by code */
  size_t currencies_len;
} vshop_metrics;

/* Metrics of a scope (VSHOP_SCOPE_*, `id` of the store / expert, ignored for the merchant) over
   the reporting days [from_ms, to_ms) touches. not_found for an unknown id. */
VSHOP_C_API vshop_status vshop_engine_metrics(vshop_engine *engine, int32_t scope, const char *id,
                                              size_t id_len, int64_t from_ms, int64_t to_ms,
                                              vshop_metrics *out);
/* One reporting day of vshop_engine_daily_metrics: a local date in the reporting time zone. */
typedef struct vshop_daily_metrics {
  int32_t year;
  uint32_t month, day;   /* 1..12, 1..31 */
  vshop_metrics metrics; /* metrics.size is sizeof(vshop_metrics) */
} vshop_daily_metrics;
/* The same as vshop_engine_metrics, one entry per reporting day (empty days included). */
VSHOP_C_API vshop_status vshop_engine_daily_metrics(vshop_engine *engine, int32_t scope,
                                                    const char *id, size_t id_len, int64_t from_ms,
                                                    int64_t to_ms, const vshop_daily_metrics **out,
                                                    size_t *out_len);
/* The dashboard report of `vshop simulate --report=json` (one JSON object, no newline) and of
   --report (readable table). */
VSHOP_C_API vshop_status vshop_engine_metrics_report_json(vshop_engine *engine, const char **out,
                                                          size_t *out_len);
VSHOP_C_API vshop_status vshop_engine_metrics_report_text(vshop_engine *engine, const char **out,
                                                          size_t *out_len);
/* The Dashboard's exports (docs/metrics.md, "Exports") over the reporting days `from`..`to`
   (YYYY-MM-DD; NULL or "" for the first / last recorded day), as VSHOP_EXPORT_CSV or
   VSHOP_EXPORT_JSON_LINES: Export Chats (one record per chat) and Export Data (active days and
   sales per expert). */
#define VSHOP_EXPORT_CSV 0
#define VSHOP_EXPORT_JSON_LINES 1
VSHOP_C_API vshop_status vshop_engine_export_chats(vshop_engine *engine, const char *from,
                                                   const char *to, int32_t format, const char **out,
                                                   size_t *out_len);
VSHOP_C_API vshop_status vshop_engine_export_data(vshop_engine *engine, const char *from,
                                                  const char *to, int32_t format, const char **out,
                                                  size_t *out_len);

/* Any query of `vshop query` by name (docs/reference.md §12: "shopper_context",
   "explain_widget", "explain_expert", "explain_purchase", "queue_status", "next_opening",
   "expert", "chat", "transfer_candidates", "widget_state", ...) with its text arguments (an
   optional trailing NOW: RFC 3339 or epoch ms; default the engine's time). *out receives the
   canonical JSON answer, valid until the next call on the handle. VSHOP_INVALID_ARGUMENT names
   the query or argument; otherwise the query's own status (VSHOP_NOT_FOUND, ...). */
VSHOP_C_API vshop_status vshop_engine_query(vshop_engine *engine, const char *name, size_t name_len,
                                            const vshop_string *args, size_t args_len,
                                            const char **out, size_t *out_len);

/* ==== store: opening hours of one store (R-HOURS-1..5) ===================================== */
typedef struct vshop_store vshop_store;

/* Compiles a store document (the fields of add_store, docs/reference.md §11). */
VSHOP_C_API vshop_status vshop_store_new(vshop_store **out, const char *json, size_t len);
VSHOP_C_API void vshop_store_free(vshop_store *store);
/* Never NULL; NULL store: vshop_last_error(). */
VSHOP_C_API const char *vshop_store_last_error(const vshop_store *store);
/* Whether the store is open at at_ms (R-HOURS-4). */
VSHOP_C_API vshop_status vshop_store_is_open(vshop_store *store, int64_t at_ms, int *out_open);
/* The next opening or closing strictly after at_ms (*out_has 0 when none within 400 days). */
VSHOP_C_API vshop_status vshop_store_next_change(vshop_store *store, int64_t at_ms, int64_t *out_ms,
                                                 int *out_has);
typedef struct vshop_interval {
  int64_t open_ms, close_ms; /* [open, close) */
} vshop_interval;
/* The open intervals intersecting [from_ms, to_ms), clipped, in order (at most 1000 days). */
VSHOP_C_API vshop_status vshop_store_open_intervals(vshop_store *store, int64_t from_ms,
                                                    int64_t to_ms, const vshop_interval **out,
                                                    size_t *out_len);

/* ==== validator: tracking events (docs/reference.md §7) ==================================== */
typedef struct vshop_validator vshop_validator;

typedef struct vshop_validator_options {
  uint32_t version;          /* VSHOP_VALIDATOR_OPTIONS_VERSION; the struct only grows */
  vshop_string product_feed; /* JSON Lines product feed; {NULL, 0} = none */
} vshop_validator_options;
#define VSHOP_VALIDATOR_OPTIONS_VERSION 1
#define VSHOP_VALIDATOR_OPTIONS_INIT             \
  {                                              \
    VSHOP_VALIDATOR_OPTIONS_VERSION, { NULL, 0 } \
  }

#define VSHOP_SEVERITY_CRITICAL 0
#define VSHOP_SEVERITY_WARNING 1

typedef struct vshop_issue {
  int32_t severity; /* VSHOP_SEVERITY_* */
  int32_t code;     /* stable issue code number (docs/events.md §2 order) */
  vshop_string severity_name, code_name;
  vshop_string path; /* JSON Pointer, "" = the whole document */
  vshop_string message;
} vshop_issue;

typedef struct vshop_validation {
  uint32_t size; /* in: sizeof(vshop_validation) */
  int32_t event; /* event type number; 0 = unknown */
  vshop_string event_name;
  int32_t has_critical;
  const vshop_issue *issues;
  size_t issues_len;
} vshop_validation;

typedef struct vshop_code_count {
  int32_t code, severity;
  vshop_string code_name, severity_name;
  size_t count;
  size_t first_line;
  vshop_issue first_example;
} vshop_code_count;

typedef struct vshop_summary {
  uint32_t size; /* in: sizeof(vshop_summary) */
  size_t events, critical, warning;
  const vshop_code_count *by_code; /* most frequent first */
  size_t by_code_len;
} vshop_summary;

/* A validator (opts NULL = no product feed; invalid_argument naming the feed line). */
VSHOP_C_API vshop_status vshop_validator_new(vshop_validator **out,
                                             const vshop_validator_options *opts);
VSHOP_C_API void vshop_validator_free(vshop_validator *validator);
/* Never NULL; NULL validator: vshop_last_error(). */
VSHOP_C_API const char *vshop_validator_last_error(const vshop_validator *validator);
/* Validates one document (a payload or an envelope). Bad JSON or UTF-8 in it is an issue of
   the result, not a failed call. */
VSHOP_C_API vshop_status vshop_validator_validate(vshop_validator *validator, const char *json,
                                                  size_t len, vshop_validation *out);
/* Validates JSON Lines (stream checks included) and keeps the results for the calls below;
 *out_documents gets the number of non-blank lines. */
VSHOP_C_API vshop_status vshop_validator_validate_lines(vshop_validator *validator,
                                                        const char *jsonl, size_t len,
                                                        size_t *out_documents);
/* Document `index` (0-based) of the last batch and its 1-based line number. */
VSHOP_C_API vshop_status vshop_validator_batch_document(vshop_validator *validator, size_t index,
                                                        size_t *out_line, vshop_validation *out);
/* The summary of the last batch (by code). */
VSHOP_C_API vshop_status vshop_validator_batch_summary(vshop_validator *validator,
                                                       vshop_summary *out);
/* The last batch as `vshop inspect` prints it: one {"line":..} JSON line per document, and
   the --summary JSON lines; each line ends with '\n'. */
VSHOP_C_API vshop_status vshop_validator_batch_json(vshop_validator *validator, const char **out,
                                                    size_t *out_len);
VSHOP_C_API vshop_status vshop_validator_batch_summary_json(vshop_validator *validator,
                                                            const char **out, size_t *out_len);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* VSHOP_VSHOP_H */
