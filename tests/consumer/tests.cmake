# The library as another project sees it: `cmake --install` into a scratch prefix (a fixture),
# then consumers built outside this build from what was installed only:
#   package_find_package  tests/consumer with find_package(vshop CONFIG): main.cpp on vshop::vshop
#                         (static), main.c on vshop::shared (the C ABI, against the installed
#                         .so) and on vshop::vshop, all three print expected.txt;
#   package_pkg_config    main.c with `pkg-config --cflags --libs vshop` (libvshop.so, the C ABI)
#                         and `--static` (libvshop.a); main.cpp with `pkg-config vshop-cpp`;
#   package_exports       the installed libvshop.so exports vshop.h's functions and nothing else;
#   package_subproject    vshop added with add_subdirectory: no -Werror, no tests, same targets.
# The consumers use this build's compiler and flags (so the sanitizer builds link too).
set(_prefix ${CMAKE_CURRENT_BINARY_DIR}/package/prefix)
string(TOUPPER "${CMAKE_BUILD_TYPE}" _vshop_build_type_upper)
set(_consumer_env
    "CXX=${CMAKE_CXX_COMPILER}"
    "CXXFLAGS=${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${_vshop_build_type_upper}}"
    "CC=${CMAKE_C_COMPILER}"
    "CFLAGS=${CMAKE_C_FLAGS} ${CMAKE_C_FLAGS_${_vshop_build_type_upper}}"
    "LDFLAGS=${CMAKE_EXE_LINKER_FLAGS}"
    "BUILD_TYPE=${CMAKE_BUILD_TYPE}"
    "GENERATOR=${CMAKE_GENERATOR}"
    "LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER}"
    "LIBDIR=${CMAKE_INSTALL_LIBDIR}")

add_test(NAME package_install
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/install.sh ${PROJECT_BINARY_DIR} ${_prefix})
set_tests_properties(package_install PROPERTIES FIXTURES_SETUP vshop_installed
                     ENVIRONMENT "LIBDIR=${CMAKE_INSTALL_LIBDIR}")

add_test(NAME package_find_package
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check_find_package.sh ${_prefix}
                 ${CMAKE_CURRENT_LIST_DIR} ${CMAKE_CURRENT_BINARY_DIR}/package/find_package
                 ${CMAKE_CURRENT_LIST_DIR}/expected.txt)
add_test(NAME package_pkg_config
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check_pkg_config.sh ${_prefix}
                 ${CMAKE_CURRENT_LIST_DIR} ${CMAKE_CURRENT_BINARY_DIR}/package/pkg_config
                 ${CMAKE_CURRENT_LIST_DIR}/expected.txt)
set_tests_properties(package_find_package package_pkg_config PROPERTIES
                     FIXTURES_REQUIRED vshop_installed ENVIRONMENT "${_consumer_env}" TIMEOUT 300)

add_test(NAME package_exports
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check_exports.sh
                 ${_prefix}/${CMAKE_INSTALL_LIBDIR}/libvshop.so
                 ${_prefix}/${CMAKE_INSTALL_INCLUDEDIR}/vshop/vshop.h)
set_tests_properties(package_exports PROPERTIES FIXTURES_REQUIRED vshop_installed)

# vshop inside another project (add_subdirectory / FetchContent): configured only; outside CI
# (CI unset) warnings must not be errors there.
add_test(NAME package_subproject
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check_subproject.sh
                 ${CMAKE_CURRENT_LIST_DIR}/subproject ${CMAKE_CURRENT_BINARY_DIR}/package/subproject
                 ${CMAKE_GENERATOR} ${PROJECT_SOURCE_DIR})
