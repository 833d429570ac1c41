// Style matching for replies (style_target.h).
#include "mirror/style_target.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "text/document.h"

namespace interlude::mirror {
namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsWordChar(char c) { return IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '\''; }

// Full form -> contraction. Applied only where a word follows (so "who you are." stays).
constexpr std::array<std::pair<std::string_view, std::string_view>, 34> kContractions = {{
    {"you are", "you're"},
    {"You are", "You're"},
    {"that is", "that's"},
    {"That is", "That's"},
    {"It is", "It's"},
    {"it has been", "it's been"},
    {"It has been", "It's been"},
    {"that has been", "that's been"},
    {"That has been", "That's been"},
    {"do not", "don't"},
    {"does not", "doesn't"},
    {"did not", "didn't"},
    {"is not", "isn't"},
    {"are not", "aren't"},
    {"was not", "wasn't"},
    {"cannot", "can't"},
    {"would not", "wouldn't"},
    {"I am", "I'm"},
    {"what is", "what's"},
    {"What is", "What's"},
    {"there is", "there's"},
    {"There is", "There's"},
    {"let us", "let's"},
    {"Let us", "Let's"},
    {"you would", "you'd"},
    {"I would", "I'd"},
    {"you will", "you'll"},
    {"I will", "I'll"},
    {"you have been", "you've been"},
    {"You have been", "You've been"},
    {"have not", "haven't"},
    {"has not", "hasn't"},
    {"could not", "couldn't"},
    {"will not", "won't"},
}};

// First person -> second person, for paraphrase.
constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kFlips = {{
    {"i", "you"},
    {"me", "you"},
    {"my", "your"},
    {"mine", "yours"},
    {"myself", "yourself"},
    {"i'm", "you're"},
    {"im", "you're"},
    {"i've", "you've"},
    {"ive", "you've"},
    {"i'll", "you'll"},
    {"i'd", "you'd"},
    {"am", "are"},
    {"we", "you"},
    {"us", "you"},
    {"our", "your"},
    {"ours", "yours"},
    {"ourselves", "yourselves"},
    {"we're", "you're"},
    {"we've", "you've"},
    {"was", "were"},
}};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

FunctionCounts& FunctionCounts::operator+=(const FunctionCounts& other) {
  words += other.words;
  for (size_t i = 0; i < categories.size(); ++i) categories[i] += other.categories[i];
  return *this;
}

text::StyleProfile ProfileOf(const FunctionCounts& c) {
  text::StyleProfile p;
  p.words = static_cast<size_t>(std::max(0, c.words));
  const double w = c.words > 0 ? static_cast<double>(c.words) : 1.0;
  const auto rate = [&](size_t i) { return 100.0 * c.categories[i] / w; };
  p.personal_pronouns = rate(0);
  p.impersonal_pronouns = rate(1);
  p.articles = rate(2);
  p.auxiliary_verbs = rate(3);
  p.common_adverbs = rate(4);
  p.prepositions = rate(5);
  p.conjunctions = rate(6);
  p.negations = rate(7);
  p.quantifiers = rate(8);
  return p;
}

double LsmAgainst(const FunctionCounts& counts, const text::StyleProfile& writer) {
  return text::LsmScore(ProfileOf(counts), writer);
}

Result<std::unique_ptr<StyleCounter>> StyleCounter::Load(const std::string& data_root) {
  auto style = text::StyleAnalyzer::Load(data_root);
  if (!style.ok()) return style.status();
  std::unique_ptr<StyleCounter> counter(new StyleCounter());
  counter->style_ = std::move(style).value();
  return counter;
}

FunctionCounts StyleCounter::Count(std::string_view s) const {
  const text::Document doc = text::Tokenize(s);
  const text::StyleProfile p = style_->Analyze(doc);
  FunctionCounts c;
  c.words = static_cast<int>(p.words);
  const std::array<double, 9> rates = {p.personal_pronouns, p.impersonal_pronouns, p.articles,
                                       p.auxiliary_verbs,   p.common_adverbs,      p.prepositions,
                                       p.conjunctions,      p.negations,           p.quantifiers};
  for (size_t i = 0; i < rates.size(); ++i) {
    c.categories[i] =
        static_cast<int>(std::lround(rates[i] * static_cast<double>(p.words) / 100.0));
  }
  return c;
}

double TargetWords(int words) {
  if (words <= 6) return std::max(3.0, static_cast<double>(words) + 1.0);
  return std::clamp(0.45 * words + 4.0, 7.0, 42.0);
}

StyleTarget TargetFor(std::string_view text, const text::Analysis& analysis) {
  const text::StyleProfile& p = analysis.style;
  StyleTarget t;
  t.profile = &p;
  t.writer_words = static_cast<int>(p.words);
  t.target_words = TargetWords(t.writer_words);
  t.compound = analysis.sentiment.compound;
  size_t upper = 0;
  bool no_apostrophe_contraction = false;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') ++upper;
  }
  // Contractions ("don't", "I'm", "it's"; and chat-style "im", "dont"), but not possessives
  // ("my mother's"), which the style profile counts alike.
  bool contracts = false;
  {
    // Curly apostrophes (U+2019) read as straight ones.
    std::string lower;
    const std::string folded = Lower(text);
    lower.reserve(folded.size());
    for (size_t i = 0; i < folded.size(); ++i) {
      if (folded.compare(i, 3, "\xE2\x80\x99") == 0) {
        lower += '\'';
        i += 2;
      } else {
        lower += folded[i];
      }
    }
    static const std::array<std::string_view, 9> kBare = {"im",    "dont", "cant",   "ive",  "wont",
                                                          "didnt", "isnt", "doesnt", "youre"};
    static const std::array<std::string_view, 6> kSuffixes = {"t", "re", "m", "ve", "ll", "d"};
    static const std::array<std::string_view, 11> kIs = {
        "it", "that", "what", "there", "he", "she", "let", "who", "here", "where", "how"};
    size_t i = 0;
    while (i < lower.size()) {
      if (!IsWordChar(lower[i])) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < lower.size() && IsWordChar(lower[j])) ++j;
      const std::string_view word = std::string_view(lower).substr(i, j - i);
      const size_t apostrophe = word.find('\'');
      if (apostrophe == std::string_view::npos) {
        for (std::string_view b : kBare) {
          if (word == b) no_apostrophe_contraction = true;
        }
      } else {
        const std::string_view head = word.substr(0, apostrophe);
        const std::string_view tail = word.substr(apostrophe + 1);
        for (std::string_view suffix : kSuffixes) contracts |= tail == suffix;
        if (tail == "s") {
          for (std::string_view w : kIs) contracts |= head == w;
        }
      }
      i = j;
    }
  }
  t.lower_case = p.sentences > 0 && p.lowercase_start >= 0.5 &&
                 static_cast<double>(upper) <= std::max(1.0, static_cast<double>(p.words) / 25.0);
  t.terse = p.words > 0 && p.words <= 12 && p.words_per_sentence <= 5.0;
  // A writer of 15 words or more who never contracted is answered without contractions.
  t.contractions = contracts || no_apostrophe_contraction || t.lower_case ||
                   (p.words < 15 && p.formality < 0.45);
  t.formal =
      !t.contractions && p.formality >= 0.4 && p.words >= 15 && !t.lower_case && p.emoji == 0;
  t.emoji = p.emoji > 0 && !t.formal;
  t.final_period = text.find_first_of(".!?") != std::string_view::npos;
  t.exclaims = p.exclamations >= 0.3;
  return t;
}

std::string ApplyRegister(std::string_view sentence, const StyleTarget& target) {
  std::string out(sentence);
  if (target.contractions) {
    for (const auto& [full, short_form] : kContractions) {
      size_t at = 0;
      while ((at = out.find(full, at)) != std::string::npos) {
        const size_t end = at + full.size();
        const bool start_ok = at == 0 || !IsWordChar(out[at - 1]);
        // A word must follow ("you are tired" -> "you're tired"; "who you are." stays).
        const bool next_ok = end + 1 < out.size() && out[end] == ' ' && IsAsciiLetter(out[end + 1]);
        if (start_ok && next_ok) {
          out.replace(at, full.size(), short_form);
          at += short_form.size();
        } else {
          at = end;
        }
      }
    }
  }
  if (target.lower_case) out = Lower(out);
  return out;
}

void ApplyFinish(std::string& last, const StyleTarget& target, bool positive_close) {
  if (last.empty()) return;
  if (last.back() == '.') {
    if (target.exclaims && positive_close && target.compound >= 0.3) {
      last.back() = '!';
    } else if (!target.final_period) {
      last.pop_back();
    }
  }
  if (target.emoji) last += target.compound >= 0.05 ? " \xF0\x9F\x98\x8A" : " \xF0\x9F\x92\x9B";
}

double LengthFit(int words, double target) {
  if (target <= 0) return 0;
  return 1.0 - std::min(1.0, std::abs(static_cast<double>(words) - target) / target);
}

std::uint64_t Mix(std::uint64_t a, std::uint64_t b) {
  std::uint64_t z = a + 0x9E3779B97F4A7C15ULL * (b + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t HashString(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

std::string FlipPerson(std::string_view phrase) {
  std::string out;
  size_t i = 0;
  while (i < phrase.size()) {
    if (!IsWordChar(phrase[i])) {
      out += phrase[i++];
      continue;
    }
    size_t j = i;
    while (j < phrase.size() && IsWordChar(phrase[j])) ++j;
    const std::string_view word = phrase.substr(i, j - i);
    const std::string lower = Lower(word);
    std::string replacement(word);
    for (const auto& [from, to] : kFlips) {
      if (lower == from) replacement = std::string(to);
    }
    // "I am" -> "you are", but "am" alone is left for the flip of "I" before it only.
    if ((lower == "am" || lower == "was") &&
        (out.size() < 4 || Lower(out.substr(out.size() - 4)) != "you ")) {
      replacement = std::string(word);
    }
    out += replacement;
    i = j;
  }
  return out;
}

}  // namespace interlude::mirror
