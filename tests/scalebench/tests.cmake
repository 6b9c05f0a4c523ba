# Smoke test of the scale benchmark (bench/engine_scale/, bench/README.md "Scale (one engine)"):
# the same sources built without Google Benchmark, run at a tiny size; its JSON report must parse
# and describe a day in which every command was accepted.
file(GLOB _scalebench_srcs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/bench/engine_scale/*.cpp)
add_executable(scalebench_engine_scale ${_scalebench_srcs})
target_link_libraries(scalebench_engine_scale PRIVATE vshop::vshop fmt::fmt CLI11::CLI11
                                                      vshop_warnings)
add_test(NAME scalebench_smoke
         COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/bench/engine_scale/check_output.py
                 $<TARGET_FILE:scalebench_engine_scale>)
set_tests_properties(scalebench_smoke PROPERTIES TIMEOUT 300)
