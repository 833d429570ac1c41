# Emotions and themes: lexicon matcher, the two analysers, their evaluation, and tests.
target_sources(interlude_text PRIVATE
  emotion_lexicon.cc
  emotions.cc
  emotions_eval.cc
  themes.cc
)

interlude_test(emotions_test
  SOURCES emotions_test.cc themes_test.cc
  LIBS interlude_text)
