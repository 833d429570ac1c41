# Risk language (src/text/risk*.cc): see src/text/risk.h and docs/risk-language.md.
target_sources(interlude_text PRIVATE risk.cc risk_rules.cc risk_eval.cc)
interlude_test(risk_test SOURCES risk_test.cc LIBS interlude_text)
