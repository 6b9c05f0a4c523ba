# `vshop query` (docs/reference.md §12): every query's canonical JSON after a scenario, and
# one-line errors with exit 2 for bad arguments.
add_test(NAME why_query_cli
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check_query_cli.sh $<TARGET_FILE:vshop_cli>
                 ${CMAKE_CURRENT_LIST_DIR} ${CMAKE_CURRENT_BINARY_DIR}/why_query_cli)
set_tests_properties(why_query_cli PROPERTIES TIMEOUT 120)
