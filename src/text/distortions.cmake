# Cognitive-distortion detector (src/text/distortions.*, data/text/distortions.txt).
target_sources(interlude_text PRIVATE distortions.cc distortions_eval.cc)
interlude_test(distortions_test SOURCES distortions_test.cc LIBS interlude_text)

