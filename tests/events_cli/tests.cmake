# `vshop inspect` block reading (cli/inspect_command.cpp): results identical to per-line runs.
add_test(NAME events_inspect_blocks
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/inspect_blocks.py
                 $<TARGET_FILE:vshop_cli> ${CMAKE_CURRENT_BINARY_DIR}/events_inspect_blocks)
