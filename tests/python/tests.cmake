# The Python API tests (tests/python, pytest) on the build tree's package
# (build/<preset>/python). Registered when the extension is built (not under sanitizers).
if(TARGET _vshop)
  set(_py_tests ${CMAKE_CURRENT_LIST_DIR})
  add_test(NAME python_api
           COMMAND ${Python3_EXECUTABLE} ${_py_tests}/run_pytest.py ${_py_tests}
                   --rootdir ${_py_tests} -o cache_dir=${CMAKE_BINARY_DIR}/pytest_cache)
  set_tests_properties(python_api PROPERTIES
    SKIP_RETURN_CODE 77
    ENVIRONMENT "PYTHONPATH=${CMAKE_BINARY_DIR}/python;VSHOP_CLI=$<TARGET_FILE:vshop_cli>;PYTHONDONTWRITEBYTECODE=1")
  # An empty suite must fail, not pass (pytest exit code 5).
  add_test(NAME python_empty_suite_fails
           COMMAND ${Python3_EXECUTABLE} ${_py_tests}/run_pytest.py ${_py_tests}/empty
                   --rootdir ${_py_tests}/empty)
  set_tests_properties(python_empty_suite_fails PROPERTIES WILL_FAIL TRUE
                       ENVIRONMENT "PYTHONDONTWRITEBYTECODE=1")
endif()
if(TARGET _vshop)
  add_test(NAME python_mypy
           COMMAND ${Python3_EXECUTABLE} ${_py_tests}/run_mypy.py ${CMAKE_BINARY_DIR}/mypy_cache)
  set_tests_properties(python_mypy PROPERTIES SKIP_RETURN_CODE 77)
endif()
