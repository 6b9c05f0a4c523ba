# examples/cpp, the host program the README shows, built against the library and run; its output
# must match examples/cpp/expected.txt line for line.
add_executable(vshop_example_cpp ${PROJECT_SOURCE_DIR}/examples/cpp/main.cpp)
target_link_libraries(vshop_example_cpp PRIVATE vshop::vshop vshop_warnings)
add_test(NAME example_cpp
         COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:vshop_example_cpp>
                 -DEXPECTED=${PROJECT_SOURCE_DIR}/examples/cpp/expected.txt
                 -DOUT=${CMAKE_CURRENT_BINARY_DIR}/example_cpp.out
                 -P ${CMAKE_CURRENT_LIST_DIR}/check_output.cmake)
