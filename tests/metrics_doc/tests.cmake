# docs/metrics.md: every Dashboard figure recomputed from the effect stream of `vshop simulate`
# (independently of src/analytics) on the shared example day and the chain day, checked
# against --report=json and the worked example of the page (issue 16).
add_test(NAME metrics_doc_recompute
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/recompute.py
                 $<TARGET_FILE:vshop_cli> ${PROJECT_SOURCE_DIR})
