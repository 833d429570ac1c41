# Cognitive-distortion detector (src/text/distortions.*, data/text/distortions.txt) and the
# possible-distortion signal (src/text/possible_distortion.*, data/text/possible_distortions.txt).
target_sources(interlude_text PRIVATE distortions.cc distortions_eval.cc possible_distortion.cc
  distortion_model.cc distortion_training.cc)
interlude_test(distortions_test SOURCES distortions_test.cc LIBS interlude_text)

interlude_test(possible_distortion_test SOURCES possible_distortion_test.cc LIBS interlude_text)

# The learned model (src/text/distortion_model.*, data/text/distortion_model.txt).
interlude_test(distortion_model_test SOURCES distortion_model_test.cc LIBS interlude_text)
