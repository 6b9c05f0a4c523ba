# `cmake --install` puts the headers (C++ and the C header vshop.h), libvshop.a, libvshop.so, the
# `vshop` tool, the CMake package (find_package(vshop CONFIG) -> vshop::vshop, the static library
# with the C++ and C APIs; vshop::shared, libvshop.so, the C ABI only), vshop.pc (the C ABI) and
# vshop-cpp.pc (the C++ API, static) in place.
include(CMakePackageConfigHelpers)

set(VSHOP_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/vshop)

install(TARGETS vshop vshop_shared EXPORT vshopTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS vshop_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/vshop DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")
install(FILES ${PROJECT_SOURCE_DIR}/capi/include/vshop/vshop.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/vshop)

install(EXPORT vshopTargets NAMESPACE vshop:: DESTINATION ${VSHOP_INSTALL_CMAKEDIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/vshopConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/vshopConfig.cmake
                              INSTALL_DESTINATION ${VSHOP_INSTALL_CMAKEDIR})
# 0.x: a minor version may change the API, so only the same major.minor is compatible.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/vshopConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/vshopConfig.cmake ${PROJECT_BINARY_DIR}/vshopConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/VshopPhoneNumber.cmake
        DESTINATION ${VSHOP_INSTALL_CMAKEDIR})

# vshop.pc locates itself (${pcfiledir}), so the tree can be installed under any prefix
# (`cmake --install --prefix`, DESTDIR) and moved. date/tz ships no .pc file: its library and
# include directory are written in directly (left out when they are the compiler's defaults).
file(RELATIVE_PATH VSHOP_PC_TO_PREFIX
     ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" VSHOP_PC_TO_PREFIX "${VSHOP_PC_TO_PREFIX}")
foreach(dir LIBDIR INCLUDEDIR)  # absolute install dirs are kept as they are
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${dir}}")
    set(VSHOP_PC_${dir} "${CMAKE_INSTALL_${dir}}")
  else()
    set(VSHOP_PC_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()
get_target_property(_date_tz_location date::date-tz LOCATION)
get_filename_component(_date_tz_dir ${_date_tz_location} DIRECTORY)
set(VSHOP_PC_DATE_LIBS "-ldate-tz")
if(NOT _date_tz_dir IN_LIST CMAKE_CXX_IMPLICIT_LINK_DIRECTORIES)
  set(VSHOP_PC_DATE_LIBS "-L${_date_tz_dir} -ldate-tz")
endif()
# Its compile definitions (USE_OS_TZDB, ...) change its headers' layout, so they must match.
set(VSHOP_PC_DATE_CFLAGS "")
foreach(target date::date date::date-tz)
  get_target_property(_includes ${target} INTERFACE_INCLUDE_DIRECTORIES)
  foreach(dir IN LISTS _includes)
    if(dir AND NOT dir IN_LIST CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES)
      string(APPEND VSHOP_PC_DATE_CFLAGS " -I${dir}")
    endif()
  endforeach()
  get_target_property(_definitions ${target} INTERFACE_COMPILE_DEFINITIONS)
  foreach(definition IN LISTS _definitions)
    if(definition)
      string(APPEND VSHOP_PC_DATE_CFLAGS " -D${definition}")
    endif()
  endforeach()
endforeach()
# libphonenumber has no .pc file either: its library is written in the same way.
get_filename_component(_phonenumber_dir ${VSHOP_PHONENUMBER_LIBRARY} DIRECTORY)
set(VSHOP_PC_PHONENUMBER_LIBS "-lphonenumber")
if(NOT _phonenumber_dir IN_LIST CMAKE_CXX_IMPLICIT_LINK_DIRECTORIES)
  set(VSHOP_PC_PHONENUMBER_LIBS "-L${_phonenumber_dir} -lphonenumber")
endif()
foreach(pc vshop vshop-cpp)
  configure_file(${CMAKE_CURRENT_LIST_DIR}/${pc}.pc.in ${PROJECT_BINARY_DIR}/${pc}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/${pc}.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endforeach()
