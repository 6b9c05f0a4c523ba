# The C ABI (capi/, include/vshop/vshop.h; docs/decisions.md "## The C ABI"). CTest prefix capi_:
#   capi_header_c99, capi_header_c11, capi_header_cxx  vshop.h compiles as strict C99, C11, C++
#   capi_test       test_capi (plain C): every function and error path, on libvshop.so
#   capi_valgrind   test_capi under valgrind memcheck, zero errors and zero leaks (not in
#                   sanitizer builds, where valgrind cannot run)
#   capi_exports    libvshop.so exports exactly the functions of vshop.h (nm -D; the script
#                   of package_exports, tests/consumer/check_exports.sh)
#   capi_example_*  examples/c on each scenario: stdout byte for byte `vshop simulate`'s
set(_capi_include ${PROJECT_SOURCE_DIR}/capi/include)
set(_capi_strict -pedantic -Wall -Wextra -Werror -fsyntax-only -I${_capi_include})
foreach(std c99 c11)
  add_test(NAME capi_header_${std}
           COMMAND ${CMAKE_C_COMPILER} -std=${std} ${_capi_strict}
                   ${CMAKE_CURRENT_LIST_DIR}/header_check.c)
endforeach()
add_test(NAME capi_header_cxx
         COMMAND ${CMAKE_CXX_COMPILER} -std=c++11 ${_capi_strict} -x c++
                 ${CMAKE_CURRENT_LIST_DIR}/header_check.c)

file(GLOB _capi_test_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/test_capi_*.c)
add_executable(test_capi ${_capi_test_sources})
set_target_properties(test_capi PROPERTIES C_STANDARD 99 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
target_compile_options(test_capi PRIVATE -Wall -Wextra -Wpedantic
                                         $<$<BOOL:${VSHOP_WERROR}>:-Werror>)
target_link_libraries(test_capi PRIVATE vshop::shared)
add_test(NAME capi_test COMMAND test_capi)

find_program(VSHOP_VALGRIND valgrind)
if(NOT CMAKE_C_FLAGS MATCHES "-fsanitize=")
  if(VSHOP_VALGRIND)
    add_test(NAME capi_valgrind
             COMMAND ${VSHOP_VALGRIND} --leak-check=full --show-leak-kinds=definite,indirect,possible
                     --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=1 --quiet
                     --suppressions=${CMAKE_CURRENT_LIST_DIR}/valgrind.supp
                     $<TARGET_FILE:test_capi>)
    set_tests_properties(capi_valgrind PROPERTIES TIMEOUT 600)
  else()
    add_test(NAME capi_valgrind COMMAND ${CMAKE_COMMAND} -E echo
             "capi_valgrind skipped: valgrind is not installed (apt-get install valgrind)")
    set_tests_properties(capi_valgrind PROPERTIES SKIP_REGULAR_EXPRESSION "skipped")
  endif()
endif()

add_test(NAME capi_exports
         COMMAND bash ${PROJECT_SOURCE_DIR}/tests/consumer/check_exports.sh $<TARGET_FILE:vshop_shared>
                 ${PROJECT_SOURCE_DIR}/capi/include/vshop/vshop.h)

# examples/c, the plain-C host, against `vshop simulate` on every scenario.
add_executable(vshop_example_c ${PROJECT_SOURCE_DIR}/examples/c/main.c)
set_target_properties(vshop_example_c PROPERTIES C_STANDARD 99 C_STANDARD_REQUIRED ON
                                                 C_EXTENSIONS OFF)
target_compile_options(vshop_example_c PRIVATE -Wall -Wextra -Wpedantic
                                               $<$<BOOL:${VSHOP_WERROR}>:-Werror>)
target_link_libraries(vshop_example_c PRIVATE vshop::shared)
file(GLOB _capi_scenarios CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/data/examples/*.jsonl)
list(FILTER _capi_scenarios EXCLUDE REGEX "\\.expected\\.jsonl$")
list(APPEND _capi_scenarios ${PROJECT_SOURCE_DIR}/examples/scenarios/chain_day.jsonl)
# The edge cases the language hosts are checked on (tests/hosts/, when present): rejected lines,
# escapes, odd times, an advance that fills the outbox.
file(GLOB _capi_host_edges CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/hosts/*.jsonl)
list(APPEND _capi_scenarios ${_capi_host_edges})
foreach(scenario IN LISTS _capi_scenarios)
  get_filename_component(_name ${scenario} NAME_WE)
  add_test(NAME capi_example_${_name}
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check_host.sh $<TARGET_FILE:vshop_example_c>
                   $<TARGET_FILE:vshop_cli> ${scenario}
                   ${CMAKE_CURRENT_BINARY_DIR}/capi_example_${_name})
endforeach()
