# The Python package around the C++ API (issue 11; docs/decisions.md, "Python packaging"): the
# wheel built by `pip wheel .` and run in a fresh venv, the notebook, mypy --strict on the
# examples, the hypothesis model of the core rules, and the same scenario through Python and the
# CLI. Release build only (the extension is not built under sanitizers). Exit code 77: a Python
# tool is missing (requirements.txt lists them all, so CI never skips).
if(NOT TARGET _vshop)
  return()
endif()
set(_pypkg_dir ${CMAKE_CURRENT_LIST_DIR})
set(_pypkg_tree ${CMAKE_BINARY_DIR}/python)
set(_pypkg_work ${CMAKE_CURRENT_BINARY_DIR}/python_pkg)
set(_pypkg_pytest ${Python3_EXECUTABLE} -m pytest -q -p no:cacheprovider)

add_test(NAME pypkg_wheel
         COMMAND bash ${_pypkg_dir}/check_wheel.sh ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}
                 ${PROJECT_VERSION} ${_pypkg_tree} ${_pypkg_work}/wheel)
add_test(NAME pypkg_notebook
         COMMAND ${Python3_EXECUTABLE} ${_pypkg_dir}/run_notebook.py
                 ${PROJECT_SOURCE_DIR}/examples/notebooks/day_in_the_store.ipynb
                 ${_pypkg_work}/notebook)
add_test(NAME pypkg_mypy
         COMMAND ${Python3_EXECUTABLE} ${_pypkg_dir}/run_mypy.py ${PROJECT_SOURCE_DIR}
                 ${_pypkg_tree} ${_pypkg_work}/mypy)
add_test(NAME pypkg_model COMMAND ${_pypkg_pytest} ${_pypkg_dir}/test_model.py)
add_test(NAME pypkg_crosslang COMMAND ${_pypkg_pytest} ${_pypkg_dir}/test_crosslang.py)
set(_pypkg_env PYTHONPATH=${_pypkg_tree} MPLBACKEND=Agg)
set_tests_properties(pypkg_wheel pypkg_notebook pypkg_mypy pypkg_model
                     PROPERTIES ENVIRONMENT "${_pypkg_env}" SKIP_RETURN_CODE 77 TIMEOUT 600)
# The release build's compilers (scikit-build-core would take Python's `g++`, whose compile lines
# ccache does not match with CMake's `c++`).
set_tests_properties(pypkg_wheel PROPERTIES TIMEOUT 1800 ENVIRONMENT
  "${_pypkg_env};CC=${CMAKE_C_COMPILER};CXX=${CMAKE_CXX_COMPILER}")
set(_pypkg_crosslang_env VSHOP_CLI=$<TARGET_FILE:vshop_cli>
    VSHOP_CAPI_LIB=$<TARGET_FILE:vshop_shared> VSHOP_WORK_DIR=${_pypkg_work}/crosslang)
set_tests_properties(pypkg_crosslang PROPERTIES ENVIRONMENT
                     "${_pypkg_env};${_pypkg_crosslang_env}")
