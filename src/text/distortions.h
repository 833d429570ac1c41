// DistortionAnalyzer: finds cognitive distortions (Burns' categories, ../shared/CLINICAL.md
// §14, with catastrophising and blame split into self and other) in a tokenized text, each
// finding with the words that caused it, a confidence and the id of the pattern that matched.
// Patterns are authored in data/text/distortions.txt (format in its header and in
// docs/distortions.md); matching is a token-sequence matcher indexed by first word, with no
// regular expressions, one sentence at a time.
//
// Thread-safety: Load builds an immutable analyzer; Analyze is const and keeps no state, so
// one analyzer may be shared by any number of threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "text/analysis.h"
#include "text/document.h"

namespace interlude::text {

// Parses a snake_case distortion name ("all_or_nothing"). Returns false if unknown.
bool ParseDistortionName(std::string_view name, Distortion* out);

// Splits one token's base form into the words patterns see: contractions expanded
// ("i'm" -> "i", "am"; "don't" -> "do", "not"; "mom's" -> "mom", "'s"), apostrophe-less
// forms too ("dont", "im"); any other word unchanged. Exposed for tests.
std::vector<std::string> ExpandContraction(std::string_view base);

class DistortionAnalyzer {
 public:
  // Reads `data_root`/text/distortions.txt. NotFound if the file is missing;
  // InvalidArgument naming the line for a malformed class, macro, rule or guard.
  static Result<std::unique_ptr<DistortionAnalyzer>> Load(const std::string& data_root);

  // Parses patterns from text (the file format); `origin` names the source in errors.
  static Result<std::unique_ptr<DistortionAnalyzer>> FromText(std::string_view text,
                                                              const std::string& origin);

  // The findings in `doc`, in text order: per sentence at most one finding per type (the
  // most confident rule), none after a guard ("I used to think ..."). Never fails.
  std::vector<DistortionFinding> Analyze(const Document& doc) const;

  size_t rule_count() const { return rules_.size(); }

 private:
  struct Atom {
    bool is_class = false;
    int id = -1;  // word id or class index
  };
  using Phrase = std::vector<Atom>;
  enum class ElementKind { kAlternatives, kGap, kNotAhead, kNotOne };
  struct Element {
    ElementKind kind = ElementKind::kAlternatives;
    bool optional = false;
    int gap = 0;
    std::vector<Phrase> alternatives;
  };
  struct Rule {
    std::string id;
    Distortion type = Distortion::kAllOrNothing;
    double confidence = 0;
    bool guard = false;
    std::vector<Element> elements;
  };
  struct Unit {
    int word = -1;       // vocabulary id, -1 if the word is in no pattern
    uint32_t token = 0;  // index into Document::tokens
  };
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using WordMap = std::unordered_map<std::string, std::vector<int>, StringHash, std::equal_to<>>;

  DistortionAnalyzer() = default;

  Status ParseLine(std::string_view line, int number, const std::string& origin);
  Result<Element> ParseElement(std::string_view text);
  int WordId(const std::string& word);
  void BuildIndex();

  void AppendUnits(const Document& doc, size_t first, size_t end, std::vector<Unit>& units) const;
  // Length of `phrase` matched at units[pos], or -1.
  int MatchPhrase(const Phrase& phrase, const std::vector<Unit>& units, size_t pos) const;
  bool MatchFrom(const Rule& rule, size_t element, const std::vector<Unit>& units, size_t pos,
                 size_t* end) const;
  bool IsBarrier(const Unit& unit) const;

  std::vector<std::string> words_;                 // id -> word
  std::unordered_map<std::string, int> word_ids_;  // word -> id
  std::vector<uint64_t> word_classes_;             // id -> bit mask of classes
  std::unordered_map<std::string, int> class_ids_;
  std::unordered_map<std::string, std::string> macros_;
  WordMap surface_;                               // token base -> word ids (expanded)
  std::vector<Rule> rules_;                       // findings rules
  std::vector<Rule> guards_;
  std::vector<std::vector<uint32_t>> candidates_;  // word id -> rules starting with it
  std::vector<std::vector<uint32_t>> guard_candidates_;
  std::vector<bool> barrier_;  // word id -> gaps stop here
};

}  // namespace interlude::text
