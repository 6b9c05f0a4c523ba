# Every public header compiles on its own (and twice in a row), with only include/ on the path and
# only the dependencies that the installed package promises (VSHOP_PUBLIC_DEPS): one generated
# translation unit per header, found by globbing, so new and moved headers are covered. The
# objects are part of the normal build; the CTest test re-checks that the target is up to date.
# A second test checks that the umbrella header vshop/vshop.hpp includes every public header.
file(GLOB_RECURSE _public_headers CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/include/vshop/*.hpp)
set(_header_units)
foreach(header IN LISTS _public_headers)
  file(RELATIVE_PATH _rel ${PROJECT_SOURCE_DIR}/include ${header})
  string(MAKE_C_IDENTIFIER ${_rel} _id)
  set(_unit ${CMAKE_CURRENT_BINARY_DIR}/header_check/${_id}.cpp)
  file(CONFIGURE OUTPUT ${_unit} CONTENT "#include \"${_rel}\"\n#include \"${_rel}\"\n" @ONLY)
  list(APPEND _header_units ${_unit})
endforeach()
add_library(vshop_header_check OBJECT ${_header_units})
target_include_directories(vshop_header_check PRIVATE ${PROJECT_SOURCE_DIR}/include)
target_link_libraries(vshop_header_check PRIVATE ${VSHOP_PUBLIC_DEPS} vshop_warnings)

add_test(NAME public_headers_self_contained
         COMMAND ${CMAKE_COMMAND} --build ${PROJECT_BINARY_DIR} --target vshop_header_check)
add_test(NAME umbrella_header_complete
         COMMAND ${CMAKE_COMMAND} -DINCLUDE_DIR=${PROJECT_SOURCE_DIR}/include
                 -P ${CMAKE_CURRENT_LIST_DIR}/check_umbrella.cmake)
