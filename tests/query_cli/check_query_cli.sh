#!/usr/bin/env bash
# Usage: check_query_cli.sh VSHOP DIR WORK_DIR
# `vshop query SCENARIO.jsonl QUERY [ARGS]` (docs/reference.md §12): each query's answer as one
# line of canonical JSON after the scenario, and bad arguments as one stderr line, exit 2.
set -uo pipefail
VSHOP=$1 DIR=$2 WORK=$3
rm -rf "$WORK" && mkdir -p "$WORK" || exit 1
cd "$WORK" || exit 1
S=$DIR/scenario.jsonl
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect WANT QUERY ARGS...: exit 0, stdout exactly WANT (one line), nothing on stderr.
expect() {
  local want=$1
  shift
  local rc=0
  timeout 20 "$VSHOP" query "$S" "$@" > out.txt 2> err.txt || rc=$?
  if [ "$rc" -ne 0 ] || [ "$(cat out.txt)" != "$want" ] || [ -s err.txt ]; then
    fail "query $*: exit $rc, got '$(cat out.txt)' (stderr '$(cat err.txt)'), want '$want'"
  fi
}
# usage NEEDLE ARGS...: exit 2, no stdout, one stderr line containing NEEDLE.
usage() {
  local needle=$1
  shift
  local rc=0
  timeout 20 "$VSHOP" query "$@" > out.txt 2> err.txt || rc=$?
  if [ "$rc" -ne 2 ] || [ -s out.txt ] || [ "$(wc -l < err.txt)" -ne 1 ] ||
    ! grep -qF -- "$needle" err.txt; then
    fail "query $*: want exit 2 and one stderr line naming '$needle'; got exit $rc: $(cat err.txt)"
  fi
}

# R-CTX-1: a1 claimed s1's earlier chat c1, a2 never spoke with s1; the critical event of
# line 14 was rejected, the view of line 13 kept.
CTX='{"shopper":"s1","product_views":[{"id":"SKU-1","name":"Red shoe"}],"location":"https://shop.example/p/sku-1","last_order":null,"last_activity":"2026-05-14T08:02:00Z","spoken_before":'
expect "${CTX}true}" shopper_context c2 a1
expect "${CTX}false}" shopper_context c2 a2
# R-QUEUE-1: c2 requested at 08:10:00 (claim window 90 s); one claim so far, after 20 s.
expect '{"chat":"c2","state":"requested","waves":1,"offered":["a1"],"time_left_ms":84000,"position":null,"expected_wait_ms":20000}' queue_status c2
expect '{"chat":"c2","state":"requested","waves":1,"offered":["a1"],"time_left_ms":70000,"position":null,"expected_wait_ms":20000}' queue_status c2 2026-05-14T08:10:20Z
# R-WHY-1.
expect '{"expert":"a1","eligible":false,"reasons":["holding_offer"],"unavailable_reason":null}' explain_expert a1
expect '{"expert":"a2","eligible":true,"reasons":[],"unavailable_reason":null}' explain_expert a2
expect '{"expert":"a2","eligible":false,"reasons":["store_closed"],"unavailable_reason":null}' explain_expert a2 2026-05-14T15:00:01Z
expect '{"expert":"p1","eligible":false,"reasons":["not_approved","no_store","unavailable"],"unavailable_reason":null}' explain_expert p1
expect '{"order":"o1","shopper":"s1","at":"2026-05-14T08:10:05Z","outcome":"sale_attributed","reasons":[],"shopper_known":true,"contact":{"expert":"a1","chat":"c1","at":"2026-05-14T08:05:00Z"},"window_days":1,"missed_by_ms":null}' explain_purchase o1
expect '{"order":"o2","shopper":"ghost","at":"2026-05-14T08:10:06Z","outcome":"sale_unattributed","reasons":["no_contact"],"shopper_known":false,"contact":null,"window_days":1,"missed_by_ms":null}' explain_purchase o2
expect '{"state":"hidden","reasons":["url_denied"]}' explain_widget \
  '{"page_url":"https://shop.example/checkout","page_type":"product","rules":{"deny_urls":["https://shop.example/checkout"]}}'
expect '{"state":"visible","reasons":["shown"]}' explain_widget '{"page_type":"home"}'
expect '{"state":"ongoing_only","reasons":["outside_opening_hours"]}' explain_widget '{"page_type":"home"}' 2026-05-14T18:00:00Z
expect '{"state":"visible"}' widget_state '{"page_type":"home"}'
# R-OPEN-1: Friday 18:00 Amsterdam -> Monday 09:00 CEST, shown in New York time.
expect '{"open_now":false,"at":"2026-05-18T07:00:00Z","local":"2026-05-18T03:00","weekday":"Monday","timezone":"America/New_York"}' next_opening America/New_York 2026-05-15T16:00:00Z
expect '{"open_now":true,"at":"2026-05-14T08:10:06Z","local":"2026-05-14T10:10","weekday":"Thursday","timezone":"Europe/Amsterdam"}' next_opening Europe/Amsterdam
# The other queries.
expect '{"id":"c2","shopper":"s1","state":"requested","expert":null,"transfer_pending":false,"video":false,"pending_offers":["a1"],"rating":0,"shopper_online":true,"left_message":false}' chat c2
expect '{"id":"a1","account":"approved","anonymized":false,"store":"ams","available":true,"active_chats":0,"missed_streak":0,"decline_streak":0,"pending_offer":"c2","pending_transfer":null,"video_chat":null}' expert a1
expect '[{"store":"ams","experts":["a2"]}]' transfer_candidates c1
# R-CONTACT-2 and R-SCHED-3: no contact yet; every piece of personal data the scenario gave.
expect '[]' contacts a1
expect '{"experts":[{"id":"a1","name":"Ann","email":"a1@x.example","employee_id":""},{"id":"a2","name":"Bob","email":"a2@x.example","employee_id":""},{"id":"p1","name":"Pat","email":"p1@x.example","employee_id":""}],"left_messages":[],"stores":[{"id":"ams","address":""}],"managers":[],"contacts":[],"invitations":[],"erased":false}' export_personal_data

# Bad arguments: one line naming the argument, exit 2.
usage 'unknown query "nope"' "$S" nope
usage 'takes CHAT EXPERT, got 1' "$S" shopper_context c2
usage 'takes EXPERT [NOW], got 3' "$S" explain_expert a1 2026-05-14T08:00:00Z extra
usage 'now:' "$S" explain_expert a1 yesterday
usage 'expert: no expert "zz"' "$S" explain_expert zz
usage 'chat: no chat "c9"' "$S" queue_status c9
usage 'tz: unknown IANA time zone' "$S" next_opening Mars/Base
usage 'order: no recorded order "o9"' "$S" explain_purchase o9
usage 'page: must be a JSON object' "$S" widget_state '[1]'
usage 'colour: unknown field' "$S" widget_state '{"colour":"red"}'
usage 'geo.result' "$S" explain_widget '{"rules":{"geo":[{"field":"ip","value":"1.2.3.4","result":"shown"}]}}'
usage 'chat: "c1" is finished' "$S" queue_status c1
usage 'missing.jsonl' missing.jsonl chat c1
usage 'expert: no expert "ghost"' "$S" contacts ghost
usage 'takes no arguments, got 1' "$S" export_personal_data extra

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "query CLI: all checks passed"
