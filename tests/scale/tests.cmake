# Scale-out on Redis Streams (issue 13, tests/scale, pytest): worker processes, failover, Redis
# restart with AOF, fencing of a paused owner, time; the web host on the Redis backend and in
# scale-out mode (its own tests, and tests/web's API and browser tests on the streams); mypy.
# Release build only (_vshop is not built under sanitizers). Exit 77 (skipped) only when
# redis-server or the pinned Python packages (redis, pytest) are absent; CI installs them.
if(TARGET _vshop)
  set(_scale_tests ${CMAKE_CURRENT_LIST_DIR})
  set(_scale_env "PYTHONPATH=${CMAKE_BINARY_DIR}/python;PYTHONDONTWRITEBYTECODE=1")
  foreach(_case failover redis_restart fencing web_redis web_scaleout time)
    add_test(NAME scale_${_case}
             COMMAND ${Python3_EXECUTABLE} ${_scale_tests}/run_scale_tests.py
                     ${_scale_tests}/test_${_case}.py --rootdir ${_scale_tests}
                     -o cache_dir=${CMAKE_BINARY_DIR}/pytest_cache)
    set_tests_properties(scale_${_case} PROPERTIES SKIP_RETURN_CODE 77
                         ENVIRONMENT "${_scale_env}" RUN_SERIAL TRUE TIMEOUT 300)
  endforeach()
  # The web host's API and browser tests (access checks, the chat flow, SSE, the pages) in
  # scale-out mode: each server follows its own merchant on one Redis with two workers
  # (tests/web/conftest.py, tests/scale/webstack.py).
  set(_web_dir ${_scale_tests}/../web)
  foreach(_case api browser)
    if(_case STREQUAL "api")
      set(_files ${_web_dir}/test_api_access.py ${_web_dir}/test_api_flow.py)
    else()
      set(_files --browser ${_web_dir}/test_browser_shop.py ${_web_dir}/test_browser_storeapp.py
                 ${_web_dir}/test_browser_dashboard.py)
    endif()
    add_test(NAME scale_web_${_case}
             COMMAND ${Python3_EXECUTABLE} ${_web_dir}/run_web_tests.py --scaleout ${_files}
                     --rootdir ${_web_dir} -o cache_dir=${CMAKE_BINARY_DIR}/pytest_cache)
    set_tests_properties(scale_web_${_case} PROPERTIES SKIP_RETURN_CODE 77 RUN_SERIAL TRUE
                         TIMEOUT 900 ENVIRONMENT
                         "${_scale_env};VSHOP_SCREENSHOTS=${CMAKE_BINARY_DIR}/web-screenshots/scaleout")
  endforeach()
  add_test(NAME scale_mypy COMMAND ${Python3_EXECUTABLE} ${_scale_tests}/run_mypy.py
                                   ${CMAKE_BINARY_DIR}/scale_mypy_cache)
  set_tests_properties(scale_mypy PROPERTIES SKIP_RETURN_CODE 77
                       ENVIRONMENT "MYPYPATH=${CMAKE_BINARY_DIR}/python;PYTHONPATH=${CMAKE_BINARY_DIR}/python")
endif()
