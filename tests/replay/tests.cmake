# Journal replay and `vshop simulate` throughput (issue 15): the reused Command of
# Engine::apply_json reads every line as a fresh one would, and the CLI's block line reader
# splits input as the stream reader did.
add_executable(test_replay ${CMAKE_CURRENT_LIST_DIR}/command_reuse_test.cpp
                           ${CMAKE_CURRENT_LIST_DIR}/line_reader_test.cpp
                           ${PROJECT_SOURCE_DIR}/cli/line_reader.cpp)
target_include_directories(test_replay PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/cli)
target_link_libraries(test_replay PRIVATE vshop_engine vshop_doctest_main vshop_warnings)
add_test(NAME replay_unit COMMAND test_replay)
