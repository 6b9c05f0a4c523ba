# Differential test of opening hours against Python's zoneinfo (R-HOURS-1..5). Uses the
# project's Python (scripts/run passes -DPython3_EXECUTABLE=<repo>/.venv/bin/python); zoneinfo
# must read the system database that date/tz reads, so PYTHONTZPATH points there (the script
# fails if zoneinfo.TZPATH lacks it, and every zone it uses exists there, so a PyPI `tzdata`,
# zoneinfo's fallback for missing zones only, is never consulted).
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME hours_diff_zoneinfo
           COMMAND ${Python3_EXECUTABLE} -I ${CMAKE_CURRENT_LIST_DIR}/hours_diff.py
                   $<TARGET_FILE:vshop_cli> --seed 20261123 --stores 400)
  set_tests_properties(hours_diff_zoneinfo PROPERTIES
    ENVIRONMENT "PYTHONTZPATH=/usr/share/zoneinfo" TIMEOUT 120)
else()
  message(WARNING "Python 3 not found: the opening-hours differential test is not registered")
endif()
