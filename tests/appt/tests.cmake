# R-APPT-2: the appointment card read back by a real calendar parser (libical, Debian
# libical-dev). Only this test links libical; the library itself does not depend on it.
find_package(LibIcal QUIET)
if(LibIcal_FOUND AND TARGET ical AND TARGET vshop_engine)
  add_executable(test_appt_ics ${CMAKE_CURRENT_LIST_DIR}/ics_libical_test.cpp)
  target_include_directories(test_appt_ics PRIVATE ${PROJECT_SOURCE_DIR}/src
                                                   ${CMAKE_CURRENT_LIST_DIR}/../unit/engine)
  target_link_libraries(test_appt_ics PRIVATE vshop_engine vshop_doctest_main ical fmt::fmt
                                              vshop_warnings)
  add_test(NAME appt_ics_libical COMMAND test_appt_ics)
else()
  add_test(NAME appt_ics_libical
           COMMAND sh -c "echo 'libical not found (apt-get install libical-dev): skipped'; exit 77")
  set_tests_properties(appt_ics_libical PROPERTIES SKIP_RETURN_CODE 77)
endif()
