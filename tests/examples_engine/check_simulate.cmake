# Runs `vshop simulate SCENARIO` and requires its standard output to equal EXPECTED byte for
# byte (docs/reference.md §11 text contract) and the exit status to be 0.
execute_process(COMMAND ${VSHOP} simulate ${SCENARIO}
                OUTPUT_VARIABLE actual ERROR_VARIABLE err RESULT_VARIABLE rc)
file(READ ${EXPECTED} expected)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "vshop simulate ${SCENARIO} exited ${rc}: ${err}")
endif()
if(NOT actual STREQUAL expected)
  file(WRITE ${OUT} "${actual}")
  message(FATAL_ERROR "output differs from ${EXPECTED}; actual written to ${OUT}")
endif()
