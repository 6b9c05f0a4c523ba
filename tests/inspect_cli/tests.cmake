# `vshop inspect` end to end (docs/reference.md §11, docs/events.md §3): golden outputs and exit statuses.
set(_inspect_data ${CMAKE_CURRENT_SOURCE_DIR}/data/events)
set(_inspect_run ${CMAKE_CURRENT_SOURCE_DIR}/inspect_cli/run_case.cmake)

function(vshop_inspect_case name status expected stdin)
  add_test(NAME inspect_${name}
           COMMAND ${CMAKE_COMMAND} -DVSHOP=$<TARGET_FILE:vshop_cli> "-DARGS=${ARGN}"
                   -DSTATUS=${status} -DEXPECTED=${expected} -DSTDIN=${stdin}
                   -P ${_inspect_run})
endfunction()

# Realistic good events: no issue, exit 0.
vshop_inspect_case(good 0 ${_inspect_data}/good.expected.jsonl /dev/null ${_inspect_data}/good.jsonl)
# Faulty events of all six types, bad JSON, invalid UTF-8, blank line: exit 1.
vshop_inspect_case(bad 1 ${_inspect_data}/bad.expected.jsonl /dev/null ${_inspect_data}/bad.jsonl)
vshop_inspect_case(bad_summary 1 ${_inspect_data}/bad.summary.expected.jsonl /dev/null
                   --summary ${_inspect_data}/bad.jsonl)
vshop_inspect_case(bad_text 1 ${_inspect_data}/bad.text.expected.txt /dev/null
                   --format=text ${_inspect_data}/bad.jsonl)
# Standard input with "-".
vshop_inspect_case(stdin 1 ${_inspect_data}/bad.expected.jsonl ${_inspect_data}/bad.jsonl -)
# Envelopes: duplicate_event and category_with_product_view; warnings only, exit 0.
vshop_inspect_case(stream 0 ${_inspect_data}/stream.expected.jsonl /dev/null
                   ${_inspect_data}/stream.jsonl)
# Product feed.
vshop_inspect_case(feed 1 ${_inspect_data}/feed_events.expected.jsonl /dev/null
                   --feed ${_inspect_data}/feed.jsonl ${_inspect_data}/feed_events.jsonl)

# Bad arguments and unreadable files: exit 2 with a one-line error.
add_test(NAME inspect_missing_file
         COMMAND ${CMAKE_COMMAND} -DVSHOP=$<TARGET_FILE:vshop_cli> -DARGS=/nonexistent/events.jsonl
                 -DSTATUS=2 -DSTDIN=/dev/null "-DSTDERR_MATCH=cannot read" -P ${_inspect_run})
add_test(NAME inspect_bad_format
         COMMAND ${CMAKE_COMMAND} -DVSHOP=$<TARGET_FILE:vshop_cli>
                 "-DARGS=--format=xml;${_inspect_data}/good.jsonl" -DSTATUS=2 -DSTDIN=/dev/null
                 -P ${_inspect_run})
add_test(NAME inspect_bad_feed
         COMMAND ${CMAKE_COMMAND} -DVSHOP=$<TARGET_FILE:vshop_cli>
                 "-DARGS=--feed;${_inspect_data}/bad.jsonl;${_inspect_data}/good.jsonl"
                 -DSTATUS=2 -DSTDIN=/dev/null "-DSTDERR_MATCH=feed" -P ${_inspect_run})
