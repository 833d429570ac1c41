# Sentiment: the VADER rules in two modes (compat with the reference Python, journal),
# their lexicon table and the evaluation on the VADER corpora.
target_sources(interlude_text PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/sentiment.cc
  ${CMAKE_CURRENT_LIST_DIR}/sentiment_eval.cc
  ${CMAKE_CURRENT_LIST_DIR}/vader_lexicon.cc
  ${CMAKE_CURRENT_LIST_DIR}/vader_rules.cc
)
interlude_test(sentiment_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/sentiment_test.cc
  LIBS interlude_text)
