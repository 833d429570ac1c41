# Style profile, LSM and key phrases.
target_sources(interlude_text PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/key_phrases.cc
  ${CMAKE_CURRENT_LIST_DIR}/style.cc
)
interlude_test(style_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/style_test.cc
  LIBS interlude_text)
