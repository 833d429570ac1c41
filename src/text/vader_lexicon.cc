// VaderLexicon: reading vader_lexicon.txt and building the word table.
//
// The rule word lists below are those of vaderSentiment 3.3 (Hutto & Gilbert, MIT licence),
// which the compat mode reproduces.
//
// Thread-safety: see vader_lexicon.h (immutable after Load).
#include "text/vader_lexicon.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <system_error>

namespace interlude::text::vader {
namespace {

constexpr double kBoostIncrement = 0.293;
constexpr double kBoostDecrement = -0.293;

constexpr std::string_view kNegations[] = {
    "aint",    "arent",    "cannot",  "cant",    "couldnt", "darent",  "didnt",    "doesnt",
    "ain't",   "aren't",   "can't",   "couldn't", "daren't", "didn't", "doesn't",  "dont",
    "hadnt",   "hasnt",    "havent",  "isnt",    "mightnt", "mustnt",  "neither",  "don't",
    "hadn't",  "hasn't",   "haven't", "isn't",   "mightn't", "mustn't", "neednt",  "needn't",
    "never",   "none",     "nope",    "nor",     "not",     "nothing", "nowhere",  "oughtnt",
    "shant",   "shouldnt", "uhuh",    "wasnt",   "werent",  "oughtn't", "shan't",  "shouldn't",
    "uh-uh",   "wasn't",   "weren't", "without", "wont",    "wouldnt", "won't",    "wouldn't",
    "rarely",  "seldom",   "despite"};

constexpr std::string_view kBoosters[] = {
    "absolutely", "amazingly",   "awfully",     "completely",   "considerable", "considerably",
    "decidedly",  "deeply",      "effing",      "enormous",     "enormously",   "entirely",
    "especially", "exceptional", "exceptionally", "extreme",    "extremely",    "fabulously",
    "flipping",   "flippin",     "frackin",     "fracking",     "fricking",     "frickin",
    "frigging",   "friggin",     "fully",       "fuckin",       "fucking",      "fuggin",
    "fugging",    "greatly",     "hella",       "highly",       "hugely",       "incredible",
    "incredibly", "intensely",   "major",       "majorly",      "more",         "most",
    "particularly", "purely",    "quite",       "really",       "remarkably",   "so",
    "substantially", "thoroughly", "total",     "totally",      "tremendous",   "tremendously",
    "uber",       "unbelievably", "unusually",  "utter",        "utterly",      "very"};

constexpr std::string_view kDampeners[] = {
    "almost",   "barely",   "hardly",     "kinda",      "kindof",   "kind-of", "less",
    "little",   "marginal", "marginally", "occasional", "occasionally", "partly", "scarce",
    "scarcely", "slight",   "slightly",   "somewhat",   "sorta",    "sortof",  "sort-of"};

// Two-word dampeners ("kind of"): found as bigrams before a lexicon word.
constexpr std::string_view kDampenerBigrams[][2] = {
    {"just", "enough"}, {"kind", "of"}, {"sort", "of"}};

struct SpecialCase {
  std::string_view words[3];
  double value;
};
// SPECIAL_CASES with more than one word (single-word keys can never match a sequence).
constexpr SpecialCase kSpecialCases[] = {
    {{"the", "shit", {}}, 3},        {{"the", "bomb", {}}, 3},
    {{"bad", "ass", {}}, 1.5},       {{"bus", "stop", {}}, 0.0},
    {{"yeah", "right", {}}, -2},     {{"kiss", "of", "death"}, -1.5},
    {{"to", "die", "for"}, 3},       {{"beating", "heart", {}}, 3.1},
    {{"broken", "heart", {}}, -2.9}};

struct NamedKeyword {
  std::string_view word;
  Keyword keyword;
};
constexpr NamedKeyword kKeywords[] = {
    {"but", Keyword::kBut},         {"no", Keyword::kNo},         {"kind", Keyword::kKind},
    {"of", Keyword::kOf},           {"least", Keyword::kLeast},   {"at", Keyword::kAt},
    {"very", Keyword::kVery},       {"never", Keyword::kNever},   {"so", Keyword::kSo},
    {"this", Keyword::kThis},       {"without", Keyword::kWithout}, {"doubt", Keyword::kDoubt},
    {"or", Keyword::kOr},           {"nor", Keyword::kNor},       {"however", Keyword::kHowever},
    {"although", Keyword::kAlthough}, {"though", Keyword::kThough}, {"yet", Keyword::kYet},
    {"all", Keyword::kAll},         {"even", Keyword::kEven},     {"not", Keyword::kNot},
    {"would", Keyword::kModal},     {"could", Keyword::kModal},   {"should", Keyword::kModal},
    {"might", Keyword::kModal},     {"if", Keyword::kModal},
    {"think", Keyword::kOpinionVerb}, {"feel", Keyword::kOpinionVerb},
    {"believe", Keyword::kOpinionVerb}, {"suppose", Keyword::kOpinionVerb},
    {"expect", Keyword::kOpinionVerb}, {"guess", Keyword::kOpinionVerb}};

// The entries in which vaderSentiment 3.3.1's lexicon differs from the one npm
// vader-sentiment 1.1.3 ships (three added, one re-rated): applied on top of the file so
// that compat mode matches the reference (without them, 210 of the 23,703 corpus sentences
// differ, 169 of them in the movie snippets) and journal mode gets the newer ratings.
struct LexiconDelta {
  std::string_view word;
  double valence;
};
constexpr LexiconDelta kReferenceDelta[] = {
    {"heart", 3.2}, {"hearts", 3.3}, {"flawed", -2.1}, {"badass", 1.4}};

const WordInfo kUnknown{};

// Python's str.strip(): ASCII whitespace plus the C1/Unicode spaces the lexicon never has.
std::string_view StripAscii(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// Decodes one UTF-8 code point at the start of `s` (s non-empty); U+FFFD on bad input.
char32_t DecodeFirst(std::string_view s, size_t* length) {
  const auto b0 = static_cast<unsigned char>(s[0]);
  int n = b0 < 0x80 ? 1 : (b0 >> 5) == 6 ? 2 : (b0 >> 4) == 14 ? 3 : (b0 >> 3) == 30 ? 4 : 0;
  if (n == 0 || static_cast<size_t>(n) > s.size()) {
    *length = 1;
    return 0xFFFD;
  }
  char32_t cp = n == 1 ? b0 : n == 2 ? (b0 & 0x1Fu) : n == 3 ? (b0 & 0x0Fu) : (b0 & 0x07u);
  for (int k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[static_cast<size_t>(k)]);
    if ((b & 0xC0) != 0x80) {
      *length = 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  *length = static_cast<size_t>(n);
  return cp;
}

}  // namespace

const WordInfo& VaderLexicon::Find(std::string_view lower_word, uint64_t h) const {
  if (slots_.empty()) return kUnknown;
  for (size_t i = static_cast<size_t>(h) & mask_;; i = (i + 1) & mask_) {
    const Slot& slot = slots_[i];
    if (slot.info == 0) return kUnknown;
    if (slot.hash == h && slot.key_length == lower_word.size()) {
      // (An inline loop: the hashes agree, and a memcmp call costs more for a short word.)
      const char* key = keys_.data() + slot.key_offset;
      size_t k = 0;
      while (k < lower_word.size() && key[k] == lower_word[k]) ++k;
      if (k == lower_word.size()) return infos_[slot.info - 1];
    }
  }
}

void VaderLexicon::Rehash(size_t capacity) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(capacity, Slot{});
  mask_ = capacity - 1;
  for (const Slot& s : old) {
    if (s.info == 0) continue;
    size_t i = static_cast<size_t>(s.hash) & mask_;
    while (slots_[i].info != 0) i = (i + 1) & mask_;
    slots_[i] = s;
  }
}

WordInfo& VaderLexicon::Insert(std::string_view lower_word) {
  if (slots_.empty() || (infos_.size() + 1) * 2 > slots_.size()) {
    Rehash(slots_.empty() ? 1024 : slots_.size() * 2);
  }
  const uint64_t h = HashWord(lower_word);
  size_t i = static_cast<size_t>(h) & mask_;
  for (;; i = (i + 1) & mask_) {
    Slot& slot = slots_[i];
    if (slot.info == 0) break;
    if (slot.hash == h && slot.key_length == lower_word.size() &&
        std::string_view(keys_).substr(slot.key_offset, slot.key_length) == lower_word) {
      return infos_[slot.info - 1];
    }
  }
  Slot& slot = slots_[i];
  slot.hash = h;
  slot.key_offset = static_cast<uint32_t>(keys_.size());
  slot.key_length = static_cast<uint32_t>(lower_word.size());
  keys_.append(lower_word);
  infos_.emplace_back();
  slot.info = static_cast<uint32_t>(infos_.size());
  return infos_.back();
}

uint8_t VaderLexicon::IdiomWordId(std::string_view word) {
  WordInfo& info = Insert(word);
  if (info.idiom_word == 0) info.idiom_word = next_idiom_word_++;
  return info.idiom_word;
}

const std::string* VaderLexicon::EmojiDescription(char32_t code_point) const {
  if (emoji_.empty()) return nullptr;
  auto it = emoji_.find(code_point);
  return it == emoji_.end() ? nullptr : &it->second;
}

Result<std::unique_ptr<VaderLexicon>> VaderLexicon::Load(const std::string& lexicon_path) {
  std::ifstream in(lexicon_path, std::ios::binary);
  if (!in) {
    return FailedPrecondition("the VADER lexicon is missing (" + lexicon_path +
                              "); run `make setup` to install the npm package vader-sentiment");
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string content = buffer.str();

  std::unique_ptr<VaderLexicon> lex(new VaderLexicon());
  lex->keys_.reserve(content.size() / 4);
  // As the reference: split on '\n', strip each line, first two TAB fields = word, mean.
  // Keys are stored as written; lookups are lower case, so a key with capitals (":D")
  // is never found, exactly as in the reference.
  size_t pos = 0;
  while (pos < content.size()) {
    size_t end = content.find('\n', pos);
    if (end == std::string::npos) end = content.size();
    const std::string_view line = StripAscii(std::string_view(content).substr(pos, end - pos));
    pos = end + 1;
    if (line.empty()) continue;
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    const std::string_view word = line.substr(0, tab);
    std::string_view measure = line.substr(tab + 1);
    measure = measure.substr(0, measure.find('\t'));
    double value = 0;
    const auto [ptr, ec] = std::from_chars(measure.data(), measure.data() + measure.size(), value);
    // Like the reference, a line without a number is skipped; so is "nan" or "inf", which
    // from_chars accepts and no score can use.
    if (ec != std::errc() || word.empty() || !std::isfinite(value)) continue;
    WordInfo& info = lex->Insert(word);
    if (!info.in_lexicon) ++lex->lexicon_entries_;
    info.in_lexicon = true;
    info.valence = value;
  }
  if (lex->lexicon_entries_ == 0) {
    return DataLoss("the VADER lexicon " + lexicon_path + " holds no entries; run `make setup`");
  }

  for (const LexiconDelta& d : kReferenceDelta) {
    WordInfo& info = lex->Insert(d.word);
    if (!info.in_lexicon) ++lex->lexicon_entries_;
    info.in_lexicon = true;
    info.valence = d.valence;
  }
  for (const std::string_view w : kNegations) lex->Insert(w).negates = true;
  for (const std::string_view w : kBoosters) {
    WordInfo& info = lex->Insert(w);
    info.is_booster = true;
    info.booster = kBoostIncrement;
  }
  for (const std::string_view w : kDampeners) {
    WordInfo& info = lex->Insert(w);
    info.is_booster = true;
    info.booster = kBoostDecrement;
  }
  for (const NamedKeyword& k : kKeywords) lex->Insert(k.word).keyword = k.keyword;
  for (const SpecialCase& sc : kSpecialCases) {
    IdiomKey key;
    for (const std::string_view w : sc.words) {
      if (w.empty()) break;
      key.words[key.length++] = lex->IdiomWordId(w);
    }
    key.value = sc.value;
    lex->special_cases_.push_back(key);
  }
  for (const auto& bigram : kDampenerBigrams) {
    IdiomKey key;
    key.words[0] = lex->IdiomWordId(bigram[0]);
    key.words[1] = lex->IdiomWordId(bigram[1]);
    key.length = 2;
    key.value = kBoostDecrement;
    lex->booster_bigrams_.push_back(key);
  }

  // The optional emoji descriptions, beside the lexicon.
  const size_t slash = lexicon_path.find_last_of('/');
  const std::string dir = slash == std::string::npos ? "." : lexicon_path.substr(0, slash);
  std::ifstream emoji_in(dir + "/emoji_utf8_lexicon.txt", std::ios::binary);
  if (emoji_in) {
    std::string line;
    while (std::getline(emoji_in, line)) {
      const std::string_view l = StripAscii(line);
      const size_t tab = l.find('\t');
      if (l.empty() || tab == std::string_view::npos || tab == 0) continue;
      size_t length = 0;
      const char32_t cp = DecodeFirst(l, &length);
      if (length != tab) continue;  // the reference only ever matches single code points
      std::string_view description = l.substr(tab + 1);
      description = description.substr(0, description.find('\t'));
      lex->emoji_.emplace(cp, std::string(description));
    }
  }
  return lex;
}

}  // namespace interlude::text::vader
