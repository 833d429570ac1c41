# Coping exercises (src/mirror/exercises.*, data/coping/exercises.txt) and their personalised
# recommendation (src/mirror/recommender.*). See docs/coping.md.
target_sources(interlude_mirror PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/exercises.cc
  ${CMAKE_CURRENT_LIST_DIR}/recommender.cc
)
interlude_test(coping_test
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/exercises_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/recommender_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/test_support.cc
    ${PROJECT_SOURCE_DIR}/src/safety/test_support.cc
  LIBS interlude_mirror)
