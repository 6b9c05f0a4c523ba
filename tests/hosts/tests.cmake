# The language hosts of the C ABI (examples/go, examples/rust, examples/node, examples/ctypes): each
# runs the shared examples, the generated chain day, tests/hosts/edges.jsonl (rejected lines before
# and after the clock moves, escapes, odd times, the host's typed-call choice), the same with a line
# over the 1 MiB limit, tests/hosts/outbox.jsonl (an advance that fills the outbox:
# limit_exceeded) and tests/hosts/appointments.jsonl (issue 14: CRLF and non-ASCII in the ics
# text, contacts, channel_disabled, the erasure) through libvshop.so installed into a scratch
# prefix, and must print byte for byte what `vshop simulate` prints (R-DET-1 across languages).
# Fixtures install the library and build the Go and Rust hosts (one job). A test skips only when its language's toolchain (go, cargo, node)
# is absent. Release preset only: the hosts load the uninstrumented shared library (asan: ctest -E
# '^host_').
find_package(Python3 COMPONENTS Interpreter)
include(GNUInstallDirs)
set(_hosts_build ${CMAKE_CURRENT_BINARY_DIR}/hosts)
set(_hosts_prefix ${_hosts_build}/prefix)
set(_hosts_env
    "SOURCE_DIR=${PROJECT_SOURCE_DIR}"
    "VSHOP_LIBDIR=${_hosts_prefix}/${CMAKE_INSTALL_LIBDIR}"
    "HOSTS_BUILD=${_hosts_build}"
    "VSHOP=$<TARGET_FILE:vshop_cli>"
    "PYTHON=$<IF:$<BOOL:${Python3_EXECUTABLE}>,${Python3_EXECUTABLE},python3>")
set(_hosts_sh ${CMAKE_CURRENT_LIST_DIR}/host.sh)

add_test(NAME host_install COMMAND ${CMAKE_COMMAND} --install ${PROJECT_BINARY_DIR} --prefix
                                   ${_hosts_prefix})
set_tests_properties(host_install PROPERTIES FIXTURES_SETUP host_installed)
add_test(NAME host_long_line_input
         COMMAND bash ${_hosts_sh} long-line ${CMAKE_CURRENT_LIST_DIR}/edges.jsonl
                 ${_hosts_build}/long_line.jsonl)
set_tests_properties(host_long_line_input PROPERTIES FIXTURES_SETUP host_inputs)

set(_hosts_inputs
    day_basic=${PROJECT_SOURCE_DIR}/tests/data/examples/day_basic.jsonl
    transfer_and_block=${PROJECT_SOURCE_DIR}/tests/data/examples/transfer_and_block.jsonl
    timers=${PROJECT_SOURCE_DIR}/tests/data/examples/timers.jsonl
    chain_day=${PROJECT_SOURCE_DIR}/examples/scenarios/chain_day.jsonl
    edges=${CMAKE_CURRENT_LIST_DIR}/edges.jsonl
    outbox=${CMAKE_CURRENT_LIST_DIR}/outbox.jsonl
    appointments=${CMAKE_CURRENT_LIST_DIR}/appointments.jsonl
    long_line=${_hosts_build}/long_line.jsonl)
foreach(lang go rust node ctypes)
  set(_fixtures host_installed host_inputs)
  if(NOT lang STREQUAL "ctypes")
    add_test(NAME host_${lang}_build COMMAND bash ${_hosts_sh} build ${lang})
    set_tests_properties(host_${lang}_build PROPERTIES FIXTURES_SETUP host_${lang}_built
                         FIXTURES_REQUIRED host_installed ENVIRONMENT "${_hosts_env}"
                         SKIP_RETURN_CODE 77 TIMEOUT 900)
    list(APPEND _fixtures host_${lang}_built)
  endif()
  foreach(input IN LISTS _hosts_inputs)
    string(REGEX REPLACE "=.*" "" _name ${input})
    string(REGEX REPLACE "^[^=]*=" "" _file ${input})
    add_test(NAME host_${lang}_${_name}
             COMMAND bash ${_hosts_sh} run ${lang} ${_file} ${_hosts_build}/${lang}/${_name})
    set_tests_properties(host_${lang}_${_name} PROPERTIES FIXTURES_REQUIRED "${_fixtures}"
                         ENVIRONMENT "${_hosts_env}" SKIP_RETURN_CODE 77 TIMEOUT 300)
  endforeach()
endforeach()
