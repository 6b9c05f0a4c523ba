# `vshop simulate --report` / `--report=json` on the shared day_basic example (R-METRIC-1).
add_test(NAME report_cli_day_basic
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check_report.sh $<TARGET_FILE:vshop_cli>
                 ${CMAKE_CURRENT_LIST_DIR}/../data/examples/day_basic.jsonl
                 ${CMAKE_CURRENT_LIST_DIR}/../data/examples/day_basic.expected.jsonl
                 ${CMAKE_CURRENT_LIST_DIR}/day_basic.report.json
                 ${CMAKE_CURRENT_BINARY_DIR}/report_cli_day_basic)

# --from / --to / --daily / --report-file (issue 16, docs/metrics.md).
add_test(NAME metrics_cli_report_range
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check_report_range.sh $<TARGET_FILE:vshop_cli>
                 ${CMAKE_CURRENT_LIST_DIR}/../data/examples/day_basic.jsonl
                 ${CMAKE_CURRENT_BINARY_DIR}/metrics_cli_report_range)
set_tests_properties(metrics_cli_report_range PROPERTIES ENVIRONMENT "PYTHON=${Python3_EXECUTABLE}")

# --export-chats / --export-data (issue 16, docs/metrics.md "Exports") on the chain day.
add_test(NAME metrics_cli_exports
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/check_exports.py
                 $<TARGET_FILE:vshop_cli> ${PROJECT_SOURCE_DIR}/examples/scenarios/chain_day.jsonl
                 ${CMAKE_CURRENT_BINARY_DIR}/metrics_cli_exports)
