# Helper "state" (issue 15): the chat records' memory layout, run on their own from test_engine.
if(TARGET test_engine)
  add_test(NAME state_chat_records COMMAND test_engine "--test-case=Chat records:*")
endif()
