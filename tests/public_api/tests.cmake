# The public headers hold only what a host uses: engine internals (the contact book, the
# metrics book's feeding API, day stats, histograms, the JSON writer, interned index accessors)
# live under src/. The CLI builds against the public include directory only.
add_test(NAME public_api_no_internals
         COMMAND ${CMAKE_COMMAND} -DINCLUDE_DIR=${PROJECT_SOURCE_DIR}/include
                 -DCLI_DIR=${PROJECT_SOURCE_DIR}/cli
                 -P ${CMAKE_CURRENT_LIST_DIR}/check_no_internals.cmake)
