# libphonenumber (Debian libphonenumber-dev) ships no CMake package or pkg-config file: the
# imported target vshop::phonenumber is made from find_path + find_library. The engine uses it
# privately (R-CONTACT-2), so users of the static library need it at link time; the installed
# vshopConfig.cmake includes this same file, so the exported target name resolves there too.
if(NOT TARGET vshop::phonenumber)
  find_path(VSHOP_PHONENUMBER_INCLUDE_DIR phonenumbers/phonenumberutil.h)
  find_library(VSHOP_PHONENUMBER_LIBRARY NAMES phonenumber)
  if(NOT VSHOP_PHONENUMBER_INCLUDE_DIR OR NOT VSHOP_PHONENUMBER_LIBRARY)
    message(FATAL_ERROR "libphonenumber not found (Debian: apt-get install libphonenumber-dev)")
  endif()
  add_library(vshop::phonenumber UNKNOWN IMPORTED GLOBAL)
  set_target_properties(vshop::phonenumber PROPERTIES
    IMPORTED_LOCATION ${VSHOP_PHONENUMBER_LIBRARY}
    INTERFACE_INCLUDE_DIRECTORIES ${VSHOP_PHONENUMBER_INCLUDE_DIR})
endif()
