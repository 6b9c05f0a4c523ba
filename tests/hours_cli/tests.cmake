# CLI tests of `vshop hours` (the shared example reproduced byte for byte, errors, the demo).
set(_hours_data ${CMAKE_CURRENT_LIST_DIR}/../data/hours)
add_test(NAME hours_cli_example
         COMMAND ${CMAKE_COMMAND} -DVSHOP=$<TARGET_FILE:vshop_cli>
                 -DSTORE=${_hours_data}/store_hours.json
                 -DEXPECTED=${_hours_data}/hours_at.expected.json
                 -P ${CMAKE_CURRENT_LIST_DIR}/check_hours_examples.cmake)
add_test(NAME hours_cli_behaviour
         COMMAND ${CMAKE_COMMAND} -DVSHOP=$<TARGET_FILE:vshop_cli> -DDATA=${_hours_data}
                 -DSTORES=${CMAKE_CURRENT_LIST_DIR}/../../examples/stores
                 -P ${CMAKE_CURRENT_LIST_DIR}/check_hours_cli.cmake)
