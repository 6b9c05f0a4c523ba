# Behaviour of `vshop hours` beyond the shared example: errors (exit 2, one line on stderr,
# nothing on stdout), --help, several --at, --from/--to, and the demo over several stores.
# Usage: cmake -DVSHOP=<vshop> -DDATA=<tests/data/hours> -DSTORES=<examples/stores> -P this-file
set(failures 0)
function(expect_failure name)
  execute_process(COMMAND "${VSHOP}" hours ${ARGN}
                  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
  string(REGEX MATCHALL "\n" newlines "${err}")
  list(LENGTH newlines lines)
  if(NOT rc EQUAL 2 OR NOT out STREQUAL "" OR NOT lines EQUAL 1)
    message(SEND_ERROR "${name}: want exit 2, no stdout, one stderr line; got exit ${rc}, "
                       "stdout [${out}], stderr [${err}]")
  endif()
endfunction()
function(expect_output name want)
  execute_process(COMMAND "${VSHOP}" hours ${ARGN}
                  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR NOT out STREQUAL "${want}")
    message(SEND_ERROR "${name}: exit ${rc}\n  got:  [${out}]\n  want: [${want}]\n  stderr: ${err}")
  endif()
endfunction()

set(store ${DATA}/store_hours.json)
expect_failure("missing file" ${DATA}/no_such_store.json --at 2026-03-28T20:59:59Z)
expect_failure("unknown zone" ${DATA}/bad_zone_store.json --at 2026-03-28T20:59:59Z)
expect_failure("OSM outside the subset" ${DATA}/bad_osm_store.json --at 2026-03-28T20:59:59Z)
expect_failure("bad instant" ${store} --at 2026-13-01T00:00:00Z)
expect_failure("--at with --from" ${store} --at 2026-03-28T20:59:59Z --from 1 --to 2)
expect_failure("--from without --to" ${store} --from 2026-03-28T20:59:59Z)
expect_failure("--to before --from" ${store} --from 2026-03-29T00:00:00Z --to 2026-03-28T00:00:00Z)
expect_failure("no store file" --at 2026-03-28T20:59:59Z)
expect_failure("unknown option" ${store} --bogus)

execute_process(COMMAND "${VSHOP}" hours --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT help MATCHES "--at" OR NOT help MATCHES "--from")
  message(SEND_ERROR "--help: exit ${rc}, output [${help}]")
endif()

# Several instants: one line each, in the order given.
expect_output("several --at"
  "{\"open\":false,\"next_change\":\"2026-03-28T21:00:00Z\"}\n{\"open\":true,\"next_change\":\"2026-03-29T03:00:00Z\"}\n"
  ${store} --at 2026-03-28T20:59:59Z --at 2026-03-29T01:30:00Z)
# The weekend of the DST change: Saturday 22:00 CET runs to Sunday 03:00 CEST (01:00Z), the
# skipped Sunday 02:30 opens at 03:30 CEST (01:30Z), closes 05:00 CEST (03:00Z), then 12-17.
expect_output("--from/--to"
  "{\"intervals\":[[\"2026-03-28T21:00:00Z\",\"2026-03-29T01:00:00Z\"],[\"2026-03-29T01:30:00Z\",\"2026-03-29T03:00:00Z\"],[\"2026-03-29T10:00:00Z\",\"2026-03-29T14:00:00Z\"]]}\n"
  ${store} --from 2026-03-28T12:00:00Z --to 2026-03-29T14:00:00Z)
expect_output("empty range" "{\"intervals\":[]}\n"
  ${store} --from 2026-03-23T00:00:00Z --to 2026-03-23T00:00:00Z)

# The demo: one readable line per store, each naming its zone.
file(GLOB stores ${STORES}/*.json)
list(LENGTH stores count)
execute_process(COMMAND "${VSHOP}" hours ${stores} OUTPUT_VARIABLE demo RESULT_VARIABLE rc)
string(REGEX MATCHALL "\n" newlines "${demo}")
list(LENGTH newlines lines)
if(NOT rc EQUAL 0 OR NOT lines EQUAL count OR count LESS 3)
  message(SEND_ERROR "demo: exit ${rc}, ${lines} lines for ${count} stores: [${demo}]")
endif()
foreach(zone Europe/Stockholm America/New_York Asia/Kathmandu Australia/Lord_Howe)
  if(NOT demo MATCHES "${zone}")
    message(SEND_ERROR "demo: no line for ${zone}: [${demo}]")
  endif()
endforeach()
