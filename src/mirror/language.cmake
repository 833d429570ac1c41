# The language half of mirror: reflections on entries and the companion chat, with their
# templates (data/mirror/) and style matching. See reflection.h, companion.h, docs/mirror.md.
target_sources(interlude_mirror PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/companion.cc
  ${CMAKE_CURRENT_LIST_DIR}/companion_state.cc
  ${CMAKE_CURRENT_LIST_DIR}/intent.cc
  ${CMAKE_CURRENT_LIST_DIR}/mirror_eval.cc
  ${CMAKE_CURRENT_LIST_DIR}/reflection.cc
  ${CMAKE_CURRENT_LIST_DIR}/reflection_context.cc
  ${CMAKE_CURRENT_LIST_DIR}/style_target.cc
  ${CMAKE_CURRENT_LIST_DIR}/templates.cc
)
interlude_test(mirror_language_test
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/companion_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/intent_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/mirror_eval_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/reflection_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/style_target_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/test_support.cc
    ${PROJECT_SOURCE_DIR}/src/safety/test_support.cc
  LIBS interlude_mirror)
