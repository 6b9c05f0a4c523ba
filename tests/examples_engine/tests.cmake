# The shared examples of docs/reference.md §11 reproduced byte for byte by `vshop simulate`, and replay
# determinism of their journals across processes (R-DET-1).
set(_engine_examples ${CMAKE_CURRENT_LIST_DIR}/../data/examples)
foreach(name day_basic transfer_and_block timers)
  add_test(NAME engine_example_${name}
           COMMAND ${CMAKE_COMMAND} -DVSHOP=$<TARGET_FILE:vshop_cli>
                   -DSCENARIO=${_engine_examples}/${name}.jsonl
                   -DEXPECTED=${_engine_examples}/${name}.expected.jsonl
                   -DOUT=${CMAKE_CURRENT_BINARY_DIR}/engine_example_${name}.actual.jsonl
                   -P ${CMAKE_CURRENT_LIST_DIR}/check_simulate.cmake)
  add_test(NAME engine_replay_${name}
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check_replay.sh $<TARGET_FILE:vshop_cli>
                   ${_engine_examples}/${name}.jsonl
                   ${CMAKE_CURRENT_BINARY_DIR}/engine_replay_${name})
endforeach()
