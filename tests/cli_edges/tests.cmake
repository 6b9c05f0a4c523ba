# The edges of the `vshop` command: file arguments checked before any work (directories,
# missing directories, outputs), one-line errors with exit status 2, --version, unknown
# subcommands, blank lines, bounded `hours --from/--to`, streaming input and output.
add_test(NAME cli_edges
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check_cli_edges.sh $<TARGET_FILE:vshop_cli>
                 ${PROJECT_VERSION} ${CMAKE_CURRENT_LIST_DIR}/../data
                 ${CMAKE_CURRENT_BINARY_DIR}/cli_edges)
set_tests_properties(cli_edges PROPERTIES TIMEOUT 120)
