# Runs `vshop inspect` with ARGS (a ;-list), compares stdout with EXPECTED byte for byte and the
# exit status with STATUS. Invoked by CTest via `cmake -P`.
execute_process(COMMAND ${VSHOP} inspect ${ARGS}
                INPUT_FILE ${STDIN}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
if(NOT status STREQUAL STATUS)
  message(FATAL_ERROR "exit status ${status}, expected ${STATUS}; stderr: ${err}")
endif()
if(DEFINED EXPECTED)
  file(READ ${EXPECTED} expected)
  if(NOT out STREQUAL expected)
    file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/actual_output.txt "${out}")
    message(FATAL_ERROR "output differs from ${EXPECTED}:\n${out}")
  endif()
endif()
if(DEFINED STDERR_MATCH AND NOT err MATCHES "${STDERR_MATCH}")
  message(FATAL_ERROR "stderr does not match ${STDERR_MATCH}: ${err}")
endif()
