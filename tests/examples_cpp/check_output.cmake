# cmake -DPROGRAM=... -DEXPECTED=... -DOUT=... -P check_output.cmake
# Runs PROGRAM; fails unless it exits 0 and its standard output equals EXPECTED.
execute_process(COMMAND ${PROGRAM} OUTPUT_FILE ${OUT} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited with ${status}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${EXPECTED} ${OUT} RESULT_VARIABLE differ)
if(differ)
  file(READ ${OUT} actual)
  message(FATAL_ERROR "output differs from ${EXPECTED}; got:\n${actual}")
endif()
