# Black-box acceptance checks of docs/reference.md §12 (docs/reference.md §12) through `vshop simulate` and
# `vshop query`: each NAME.jsonl runs and must print NAME.expected byte for byte (with the answers
# of the queries listed in NAME.queries appended). Cases listed in _contract12_known_bugs hold the
# output the spec requires but the code does not give yet; they are not registered.
set(_contract12_known_bugs)
file(GLOB _contract12_cases CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.jsonl)
foreach(scenario IN LISTS _contract12_cases)
  get_filename_component(name ${scenario} NAME_WE)
  if(name IN_LIST _contract12_known_bugs)
    continue()
  endif()
  add_test(NAME contract12_${name}
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/run_case.sh $<TARGET_FILE:vshop_cli>
                   ${CMAKE_CURRENT_LIST_DIR}/${name} ${CMAKE_CURRENT_BINARY_DIR}/contract12)
  set_tests_properties(contract12_${name} PROPERTIES TIMEOUT 120)
endforeach()
