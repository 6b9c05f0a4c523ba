# vshop_module(NAME [MODULES core ...] [PRIVATE dep ...])
#
# Defines the static library vshop_NAME from src/NAME/*.cpp (adding a source file needs no CMake
# change). It links the public-header dependencies (VSHOP_PUBLIC_DEPS), the vshop modules it
# builds on (MODULES) and its own private dependencies, and nothing else, so the layering of
# the core is written here once and enforced by the linker:
#   - unit tests link only their module (tests/CMakeLists.txt);
#   - vshop_NAME_layering links the module's objects into a shared object with
#     -Wl,--no-undefined against exactly these dependencies, so calling into a module that is
#     not declared fails the build even when no test happens to pull that object file in.
# The objects are compiled once, with hidden visibility, and reused by libvshop.a/libvshop.so.
# Appends NAME to VSHOP_MODULES and the private dependencies to VSHOP_PRIVATE_DEPS.

# The --no-undefined check needs every symbol resolvable at link time; sanitizer runtimes are
# linked into executables only, so the check is off when the flags ask for a sanitizer.
if(CMAKE_CXX_FLAGS MATCHES "-fsanitize=" OR NOT CMAKE_SYSTEM_NAME STREQUAL "Linux")
  set(_vshop_layering_default OFF)
else()
  set(_vshop_layering_default ON)
endif()
option(VSHOP_CHECK_LAYERING "Link each module on its own to prove it uses only what it declares"
       ${_vshop_layering_default})

set(VSHOP_MODULES)
set(VSHOP_PRIVATE_DEPS)

function(vshop_module name)
  cmake_parse_arguments(PARSE_ARGV 1 M "" "" "MODULES;PRIVATE")
  file(GLOB _srcs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/${name}/*.cpp)
  set(_modules)
  foreach(dep IN LISTS M_MODULES)
    list(APPEND _modules vshop_${dep})
  endforeach()

  add_library(vshop_${name} STATIC ${_srcs})
  target_include_directories(vshop_${name}
    PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(vshop_${name}
    PUBLIC ${_modules} ${VSHOP_PUBLIC_DEPS}
    PRIVATE ${M_PRIVATE} vshop_warnings)
  set_target_properties(vshop_${name} PROPERTIES CXX_VISIBILITY_PRESET hidden
                                                 VISIBILITY_INLINES_HIDDEN ON)

  if(VSHOP_CHECK_LAYERING)
    add_library(vshop_${name}_layering SHARED $<TARGET_OBJECTS:vshop_${name}>)
    target_link_libraries(vshop_${name}_layering PRIVATE ${_modules} ${VSHOP_PUBLIC_DEPS}
                                                         ${M_PRIVATE})
    target_link_options(vshop_${name}_layering PRIVATE LINKER:--no-undefined)
    set_target_properties(vshop_${name}_layering PROPERTIES
      LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/layering)
  endif()

  set(VSHOP_MODULES ${VSHOP_MODULES} ${name} PARENT_SCOPE)
  set(_private ${VSHOP_PRIVATE_DEPS} ${M_PRIVATE})
  list(REMOVE_DUPLICATES _private)
  set(VSHOP_PRIVATE_DEPS ${_private} PARENT_SCOPE)
endfunction()
