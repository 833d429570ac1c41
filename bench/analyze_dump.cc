// analyze_dump: prints every field of text::Analyzer::Analyze for each line of stdin, doubles
// at full precision (%.17g), one analysis per line. Used to check that a speed change to the
// language engine leaves its outputs bit-identical: dump before, dump after, diff.
//
//   analyze_dump <data_root> <journal|compat> < texts.txt > dump.txt
//   analyze_dump <data_root> <journal|compat> quiet < texts.txt   (analyse only, no output:
//       for valgrind --tool=callgrind --toggle-collect='*Analyzer::Analyze*')
//
// Thread-safety: a single-threaded command-line tool.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "text/analyzer.h"

namespace interlude::text {
namespace {

void Num(std::string& out, double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  out += buf;
  out += ' ';
}

void SpanOut(std::string& out, Span s) {
  out += std::to_string(s.begin) + "-" + std::to_string(s.end) + " ";
}

std::string Dump(const Analysis& a) {
  // (Appended piece by piece: g++ 12 -O3 -Wrestrict misfires on "v" + std::string.)
  std::string out = "v";
  out += std::to_string(a.version);
  out += " S ";
  Num(out, a.sentiment.compound);
  Num(out, a.sentiment.positive);
  Num(out, a.sentiment.neutral);
  Num(out, a.sentiment.negative);
  out += "E ";
  for (const auto& e : a.emotions) {
    out += std::string(EmotionName(e.emotion)) + " ";
    Num(out, e.intensity);
    for (const Span s : e.evidence) SpanOut(out, s);
  }
  out += "K " + std::string(EkmanName(a.ekman)) + " T ";
  for (const auto& t : a.themes) {
    out += t.theme + " ";
    Num(out, t.weight);
    for (const Span s : t.evidence) SpanOut(out, s);
  }
  out += "D ";
  for (const auto& d : a.distortions) {
    out += std::string(DistortionName(d.type)) + " " + d.rule + " ";
    SpanOut(out, d.evidence);
    Num(out, d.confidence);
  }
  const auto& sig = a.distortion_signal;
  out += "P " + std::to_string(sig.present) + " ";
  Num(out, sig.score);
  for (const auto& c : sig.cues) {
    out += std::string(DistortionName(c.lean)) + " " + c.rule + " ";
    SpanOut(out, c.evidence);
    Num(out, c.weight);
  }
  out += "M ";
  Num(out, sig.model_probability);
  for (const Span s : sig.model_evidence) SpanOut(out, s);
  out += "R " + std::string(RiskLevelName(a.risk.level)) + " " +
         std::string(RiskCategoryName(a.risk.category)) + " ";
  for (const auto& f : a.risk.findings) {
    out += std::string(RiskLevelName(f.level)) + " " + std::string(RiskCategoryName(f.category)) +
           " " + f.rule + " ";
    SpanOut(out, f.evidence);
  }
  const StyleProfile& s = a.style;
  out += "Y " + std::to_string(s.words) + " " + std::to_string(s.sentences) + " ";
  for (const double v :
       {s.personal_pronouns, s.impersonal_pronouns, s.articles, s.auxiliary_verbs, s.common_adverbs,
        s.prepositions, s.conjunctions, s.negations, s.quantifiers, s.first_person, s.contractions,
        s.words_per_sentence, s.letters_per_word, s.exclamations, s.questions, s.emoji,
        s.lowercase_start, s.all_caps_words, s.formality}) {
    Num(out, v);
  }
  out += "Q";
  for (const auto& k : a.key_phrases) out += " |" + k;
  return out;
}

}  // namespace
}  // namespace interlude::text

int main(int argc, char** argv) {
  using namespace interlude::text;
  if (argc != 3 && !(argc == 4 && std::string(argv[3]) == "quiet")) {
    std::fprintf(stderr, "usage: analyze_dump <data_root> <journal|compat> < texts\n");
    return 2;
  }
  auto loaded = Analyzer::Load(argv[1]);
  if (!loaded.ok()) {
    std::fprintf(stderr, "%s\n", loaded.status().ToString().c_str());
    return 1;
  }
  const auto mode =
      std::string(argv[2]) == "compat" ? SentimentMode::kCompat : SentimentMode::kJournal;
  std::vector<std::string> lines;
  for (std::string line; std::getline(std::cin, line);) lines.push_back(std::move(line));
  if (argc == 4) {
    for (const std::string& line : lines) (void)(*loaded)->Analyze(line, mode);
    return 0;
  }
  std::string out;
  for (const std::string& line : lines) {
    auto a = (*loaded)->Analyze(line, mode);
    out = a.ok() ? Dump(*a) : "error " + a.status().ToString();
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fputc('\n', stdout);
  }
  return 0;
}
