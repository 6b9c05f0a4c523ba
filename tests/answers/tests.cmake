# The §12 answers' unit tests (R-CTX-1, R-WHY-1, R-QUEUE-1, R-OPEN-1) on their own, so that
# `ctest -R why_` selects them (they also run within unit_engine).
if(TARGET test_engine)
  add_test(NAME why_answers
           COMMAND test_engine --test-case=R-CTX-1*,R-WHY-1*,R-QUEUE-1*,R-OPEN-1*)
endif()
