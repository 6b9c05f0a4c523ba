# The web host tests (tests/web, pytest): the API and persistence without a browser, and the
# Selenium browser tests of each page. Release build only (_vshop is not built under
# sanitizers). Each test skips (77) only when its toolchain is absent.
if(TARGET _vshop)
  set(_web_tests ${CMAKE_CURRENT_LIST_DIR})
  set(_web_env
      "PYTHONPATH=${CMAKE_BINARY_DIR}/python;PYTHONDONTWRITEBYTECODE=1;VSHOP_SCREENSHOTS=${CMAKE_BINARY_DIR}/web-screenshots")
  function(vshop_web_test name)
    cmake_parse_arguments(ARG "BROWSER" "" "FILES" ${ARGN})
    set(_files)
    foreach(_f IN LISTS ARG_FILES)
      file(GLOB _found ${_web_tests}/${_f})
      list(APPEND _files ${_found})
    endforeach()
    if(NOT _files)
      return()
    endif()
    set(_flag)
    if(ARG_BROWSER)
      set(_flag --browser)
    endif()
    add_test(NAME ${name}
             COMMAND ${Python3_EXECUTABLE} ${_web_tests}/run_web_tests.py ${_flag} ${_files}
                     --rootdir ${_web_tests} -o cache_dir=${CMAKE_BINARY_DIR}/pytest_cache)
    set_tests_properties(${name} PROPERTIES SKIP_RETURN_CODE 77 ENVIRONMENT "${_web_env}"
                         RUN_SERIAL TRUE TIMEOUT 600)
  endfunction()
  add_test(NAME web_mypy COMMAND ${Python3_EXECUTABLE} ${_web_tests}/run_mypy.py
                                 ${CMAKE_BINARY_DIR}/web_mypy_cache)
  set_tests_properties(web_mypy PROPERTIES SKIP_RETURN_CODE 77
                       ENVIRONMENT "MYPYPATH=${CMAKE_BINARY_DIR}/python;PYTHONPATH=${CMAKE_BINARY_DIR}/python")
  vshop_web_test(web_api FILES "test_api_*.py")
  vshop_web_test(web_persistence FILES "test_persistence_*.py")
  vshop_web_test(web_browser_shop BROWSER FILES test_browser_shop.py)
  vshop_web_test(web_browser_storeapp BROWSER FILES test_browser_storeapp.py)
  vshop_web_test(web_browser_dashboard BROWSER FILES test_browser_dashboard.py)
endif()
