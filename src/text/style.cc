// Style profile computation.
#include "text/style.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <sstream>

#include "text/data_file.h"

namespace interlude::text {
namespace {

// Bit positions in StyleAnalyzer::categories_.
enum Category : std::uint32_t {
  kPersonal, kImpersonal, kArticle, kAuxiliary, kAdverb, kPreposition, kConjunction,
  kNegation, kQuantifier, kFirstPerson, kCategoryCount
};

constexpr std::array<std::string_view, kCategoryCount> kCategoryNames = {
    "personal_pronouns", "impersonal_pronouns", "articles", "auxiliary_verbs", "common_adverbs",
    "prepositions", "conjunctions", "negations", "quantifiers", "first_person"};

double Per100(size_t count, size_t words) {
  return words == 0 ? 0 : 100.0 * static_cast<double>(count) / static_cast<double>(words);
}

double Clamp01(double v) { return v < 0 ? 0 : v > 1 ? 1 : v; }

}  // namespace

Result<std::unique_ptr<StyleAnalyzer>> StyleAnalyzer::Load(const std::string& data_root) {
  return Load(data_root, std::make_shared<Vocabulary>());
}

Result<std::unique_ptr<StyleAnalyzer>> StyleAnalyzer::Load(
    const std::string& data_root, std::shared_ptr<Vocabulary> vocabulary) {
  const std::string path = data_root + "/text/function_words.txt";
  std::unique_ptr<StyleAnalyzer> analyzer(new StyleAnalyzer());
  analyzer->vocabulary_ = vocabulary;
  RETURN_IF_ERROR(ForEachDataLine(
      path, "function-word list", [&](const std::string& line, int number) -> Status {
    const size_t tab = line.find('\t');
    const std::string name = line.substr(0, tab);
    size_t bit = kCategoryCount;
    for (size_t i = 0; i < kCategoryNames.size(); ++i) {
      if (kCategoryNames[i] == name) bit = i;
    }
    if (tab == std::string::npos || bit == kCategoryCount) {
      return DataLineError(path, number, "unknown category");
    }
    std::istringstream words(line.substr(tab + 1));
    std::string word;
    while (words >> word) analyzer->categories_.Mutable(vocabulary->Add(word)) |= 1u << bit;
    return OkStatus();
  }));
  return analyzer;
}

StyleProfile StyleAnalyzer::Analyze(const Document& doc) const {
  StyleProfile p;
  std::array<size_t, kCategoryCount> counts{};
  size_t letters = 0, contractions = 0, emoji = 0, caps = 0;
  size_t exclamations = 0, questions = 0;
  const TokenWords word_ids(doc, *vocabulary_);
  for (size_t i = 0; i < doc.tokens.size(); ++i) {
    const Token& t = doc.tokens[i];
    switch (t.kind) {
      case TokenKind::kWord: {
        ++p.words;
        letters += t.text.size();
        if (t.apostrophe) ++contractions;
        if (t.all_caps && t.base != "i") ++caps;
        const std::uint32_t categories = categories_.At(word_ids[i]);
        for (std::uint32_t bits = categories; bits != 0; bits &= bits - 1) {
          ++counts[static_cast<size_t>(std::countr_zero(bits))];  // (a word has one or two)
        }
        break;
      }
      case TokenKind::kEmoji:
      case TokenKind::kEmoticon: ++emoji; break;
      case TokenKind::kPunct:
        if (std::find(t.text.begin(), t.text.end(), '!') != t.text.end()) ++exclamations;
        if (std::find(t.text.begin(), t.text.end(), '?') != t.text.end()) ++questions;
        break;
      default: break;
    }
  }
  p.sentences = doc.sentences.size();
  size_t lowercase_starts = 0;
  for (const Sentence& s : doc.sentences) {
    for (size_t i = s.first_token; i < s.end_token; ++i) {
      const Token& t = doc.tokens[i];
      if (t.kind != TokenKind::kWord) continue;
      const unsigned char first = static_cast<unsigned char>(t.text[0]);
      if (first >= 'a' && first <= 'z') ++lowercase_starts;
      break;
    }
  }
  p.personal_pronouns = Per100(counts[kPersonal], p.words);
  p.impersonal_pronouns = Per100(counts[kImpersonal], p.words);
  p.articles = Per100(counts[kArticle], p.words);
  p.auxiliary_verbs = Per100(counts[kAuxiliary], p.words);
  p.common_adverbs = Per100(counts[kAdverb], p.words);
  p.prepositions = Per100(counts[kPreposition], p.words);
  p.conjunctions = Per100(counts[kConjunction], p.words);
  p.negations = Per100(counts[kNegation], p.words);
  p.quantifiers = Per100(counts[kQuantifier], p.words);
  p.first_person = Per100(counts[kFirstPerson], p.words);
  p.contractions = Per100(contractions, p.words);
  p.all_caps_words = Per100(caps, p.words);
  p.emoji = Per100(emoji, p.words);
  const double sentences = static_cast<double>(std::max<size_t>(1, p.sentences));
  p.words_per_sentence = static_cast<double>(p.words) / sentences;
  p.letters_per_word = p.words == 0 ? 0 : static_cast<double>(letters) / static_cast<double>(p.words);
  p.exclamations = static_cast<double>(exclamations) / sentences;
  p.questions = static_cast<double>(questions) / sentences;
  p.lowercase_start = p.sentences == 0 ? 0 : static_cast<double>(lowercase_starts) / sentences;
  // Formality: an approximation of Heylighen & Dewaele's F-score from function words alone
  // (articles and prepositions go with formal, noun-heavy text; pronouns, adverbs and
  // contractions with informal, context-heavy text), lowered by chat markers.
  const double f = (p.articles + p.prepositions - p.personal_pronouns - p.impersonal_pronouns -
                    p.common_adverbs - p.contractions + 100.0) / 200.0;
  const double chat = 0.15 * p.lowercase_start + 0.02 * std::min(p.emoji, 10.0) +
                      0.1 * std::min(p.exclamations, 1.0);
  const double length = std::min(p.words_per_sentence, 30.0) / 300.0 +
                        std::min(p.letters_per_word, 7.0) / 70.0;
  p.formality = Clamp01(f - chat + length - 0.15);
  return p;
}

double LsmScore(const StyleProfile& a, const StyleProfile& b) {
  const std::array<std::pair<double, double>, 9> pairs = {{
      {a.personal_pronouns, b.personal_pronouns}, {a.impersonal_pronouns, b.impersonal_pronouns},
      {a.articles, b.articles}, {a.auxiliary_verbs, b.auxiliary_verbs},
      {a.common_adverbs, b.common_adverbs}, {a.prepositions, b.prepositions},
      {a.conjunctions, b.conjunctions}, {a.negations, b.negations},
      {a.quantifiers, b.quantifiers}}};
  double sum = 0;
  for (const auto& [p1, p2] : pairs) sum += 1.0 - std::abs(p1 - p2) / (p1 + p2 + 0.0001);
  return sum / 9.0;
}

}  // namespace interlude::text
