# `vshop simulate --report` / `--report=json` on the shared day_basic example (R-METRIC-1).
add_test(NAME report_cli_day_basic
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check_report.sh $<TARGET_FILE:vshop_cli>
                 ${CMAKE_CURRENT_LIST_DIR}/../data/examples/day_basic.jsonl
                 ${CMAKE_CURRENT_LIST_DIR}/../data/examples/day_basic.expected.jsonl
                 ${CMAKE_CURRENT_LIST_DIR}/day_basic.report.json
                 ${CMAKE_CURRENT_BINARY_DIR}/report_cli_day_basic)
