// The VADER rules, ported from vaderSentiment 3.3 (vaderSentiment.py, MIT licence) with its
// quirks kept in compat mode; journal-mode corrections are marked "journal".
//
// Thread-safety: see vader_rules.h (pure functions).
#include "text/vader_rules.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cctype>
#include <cmath>
#include <cstring>
#include <map>
#include <set>

#include "base/utf8.h"

namespace interlude::text::vader {
namespace {

constexpr double kDistanceScale[3] = {1.0, 0.95, 0.9};

// ASCII byte classes for the tokeniser's fast path.
constexpr uint8_t kSpace = 1, kUpper = 2, kLower = 4, kDigit = 8, kPunct = 16, kQuote = 32;
constexpr uint8_t kHigh = 64;  // a byte >= 0x80 (UTF-8): no ASCII class
constexpr auto kAscii = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 128; c < 256; ++c) t[static_cast<size_t>(c)] = kHigh;
  for (int c = 0; c < 128; ++c) {
    uint8_t v = 0;
    if (c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F)) v |= kSpace;
    if (c >= 'A' && c <= 'Z') v |= kUpper;
    if (c >= 'a' && c <= 'z') v |= kLower;
    if (c >= '0' && c <= '9') v |= kDigit;
    if ((c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
        (c >= '{' && c <= '~')) {
      v |= kPunct;  // Python's string.punctuation
    }
    if (c == '\'') v |= kQuote;
    t[static_cast<size_t>(c)] = v;
  }
  return t;
}();
static_assert(kUpper << 4 == 'a' - 'A', "upper case folds by or-ing (kAscii[c] & kUpper) << 4");

// Whether "n't" occurs in `w` (an inline scan of a short word, not a memchr call).
bool ContainsNt(std::string_view w) {
  for (size_t i = 0; i + 2 < w.size(); ++i) {
    if (w[i] == 'n' && w[i + 1] == '\'' && w[i + 2] == 't') return true;
  }
  return false;
}

bool IsAsciiPunct(char c) { return (kAscii[static_cast<unsigned char>(c)] & kPunct) != 0; }

// Whether one byte occurs three or more times in a row in `w` (an elongation: "sooo").
bool HasRunOfThree(std::string_view w) {
  for (size_t i = 2; i < w.size(); ++i) {
    if (w[i] == w[i - 1] && w[i] == w[i - 2]) return true;
  }
  return false;
}

// Decodes one code point at s[i]; invalid bytes decode as themselves (never whitespace,
// never cased) with length 1.
char32_t Decode(std::string_view s, size_t i, size_t* length) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    *length = 1;
    return b0;
  }
  const size_t n = (b0 >> 5) == 6 ? 2 : (b0 >> 4) == 14 ? 3 : (b0 >> 3) == 30 ? 4 : 0;
  if (n == 0 || i + n > s.size()) {
    *length = 1;
    return 0xDC00u + b0;  // a lone surrogate value: no properties
  }
  char32_t cp = n == 2 ? (b0 & 0x1Fu) : n == 3 ? (b0 & 0x0Fu) : (b0 & 0x07u);
  for (size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      *length = 1;
      return 0xDC00u + b0;
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  *length = n;
  return cp;
}

// Python's str.isspace() code points (what str.split() splits on).
bool IsPySpace(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool IsValidCodePoint(char32_t cp) { return cp < 0xD800 || (cp > 0xDFFF && cp <= 0x10FFFF); }

// Python str.isupper(): at least one cased character and no lower/title-case ones.
bool IsUpper(std::string_view w) {
  bool cased = false;
  for (size_t i = 0; i < w.size();) {
    const char c = w[i];
    if (static_cast<unsigned char>(c) < 0x80) {
      if (c >= 'a' && c <= 'z') return false;
      if (c >= 'A' && c <= 'Z') cased = true;
      ++i;
      continue;
    }
    size_t len = 1;
    const char32_t cp = Decode(w, i, &len);
    i += len;
    if (!IsValidCodePoint(cp)) continue;
    const utf8proc_category_t cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    if (cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_LT) return false;
    if (cat == UTF8PROC_CATEGORY_LU) cased = true;
  }
  return cased;
}

// Lower-cases `w` into `out` at *used (sized by the caller so views stay valid).
std::string_view LowerInto(std::string_view w, std::string* out, size_t* used) {
  char* const begin = out->data() + *used;
  char* p = begin;
  for (size_t i = 0; i < w.size();) {
    const char c = w[i];
    if (static_cast<unsigned char>(c) < 0x80) {
      *p++ = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
      ++i;
      continue;
    }
    size_t len = 1;
    const char32_t cp = Decode(w, i, &len);
    if (IsValidCodePoint(cp) && len > 1) {
      utf8proc_uint8_t buf[4];
      const utf8proc_ssize_t n =
          utf8proc_encode_char(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)), buf);
      for (utf8proc_ssize_t k = 0; k < n; ++k) *p++ = static_cast<char>(buf[k]);
    } else {
      for (size_t k = 0; k < len; ++k) *p++ = w[i + k];
    }
    i += len;
  }
  *used += static_cast<size_t>(p - begin);
  return std::string_view(begin, static_cast<size_t>(p - begin));
}

// Appends `w` with runs of one letter longer than `keep` cut to `keep`; returns the view.
std::string_view CutRuns(std::string_view w, size_t keep, std::string* out, size_t* used) {
  char* const begin = out->data() + *used;
  char* p = begin;
  size_t run = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    run = (i > 0 && w[i] == w[i - 1]) ? run + 1 : 1;
    if (run <= keep || !std::isalpha(static_cast<unsigned char>(w[i]))) *p++ = w[i];
  }
  *used += static_cast<size_t>(p - begin);
  return std::string_view(begin, static_cast<size_t>(p - begin));
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool Negated(const Token& t) { return t.negated; }

Keyword Kw(const Token& t) { return t.info->keyword; }
bool IsSoOrThis(const Token& t) { return Kw(t) == Keyword::kSo || Kw(t) == Keyword::kThis; }

// The reference's scalar_inc_dec: the booster/dampener effect of `word` on `valence`.
double ScalarIncDec(const Token& word, double valence, bool cap_diff) {
  if (!word.info->is_booster) return 0;
  double scalar = word.info->booster;
  if (valence < 0) scalar = -scalar;
  if (word.upper && cap_diff) scalar += valence > 0 ? kCapsIncrement : -kCapsIncrement;
  return scalar;
}

double NegationCheck(double valence, const Token* w, int start_i, size_t i, bool fix_so_this) {
  if (start_i == 0) {
    if (Negated(w[i - 1])) valence *= kNegationScalar;
  } else if (start_i == 1) {
    if (Kw(w[i - 2]) == Keyword::kNever && IsSoOrThis(w[i - 1])) {
      valence *= 1.25;
    } else if (Kw(w[i - 2]) == Keyword::kWithout && Kw(w[i - 1]) == Keyword::kDoubt) {
      // "without doubt": not a negation
    } else if (Negated(w[i - 2])) {
      valence *= kNegationScalar;
    }
  } else {
    if ((Kw(w[i - 3]) == Keyword::kNever && IsSoOrThis(w[i - 2])) ||
        (IsSoOrThis(w[i - 1]) && (!fix_so_this || Kw(w[i - 3]) == Keyword::kNever))) {
      valence *= 1.25;
    } else if (Kw(w[i - 3]) == Keyword::kWithout &&
               (Kw(w[i - 2]) == Keyword::kDoubt || Kw(w[i - 1]) == Keyword::kDoubt)) {
      // "without (a) doubt"
    } else if (Negated(w[i - 3])) {
      valence *= kNegationScalar;
    }
  }
  return valence;
}

bool MatchIdiom(const IdiomKey& key, const Token* w, size_t first, size_t length) {
  if (key.length != length) return false;
  for (size_t k = 0; k < length; ++k) {
    const uint8_t id = w[first + k].info->idiom_word;
    if (id == 0 || id != key.words[k]) return false;
  }
  return true;
}

const IdiomKey* FindIdiom(const std::vector<IdiomKey>& keys, const Token* w, size_t first,
                          size_t length) {
  if (w[first].info->idiom_word == 0) return nullptr;
  for (const IdiomKey& key : keys) {
    if (MatchIdiom(key, w, first, length)) return &key;
  }
  return nullptr;
}

// The reference's _special_idioms_check (i >= 3).
double SpecialIdioms(double valence, const Token* w, size_t n, size_t i,
                     const VaderLexicon& lex) {
  const auto& cases = lex.special_cases();
  // onezero, twoonezero, twoone, threetwoone, threetwo: the first that matches wins.
  const size_t seq[5][2] = {{i - 1, 2}, {i - 2, 3}, {i - 2, 2}, {i - 3, 3}, {i - 3, 2}};
  for (const auto& s : seq) {
    if (const IdiomKey* key = FindIdiom(cases, w, s[0], s[1])) {
      valence = key->value;
      break;
    }
  }
  if (n - 1 > i) {
    if (const IdiomKey* key = FindIdiom(cases, w, i, 2)) valence = key->value;
  }
  if (n - 1 > i + 1) {
    if (const IdiomKey* key = FindIdiom(cases, w, i, 3)) valence = key->value;
  }
  // Dampener bigrams ("kind of") before the word: threetwo and twoone.
  for (const size_t first : {i - 3, i - 2}) {
    if (const IdiomKey* key = FindIdiom(lex.booster_bigrams(), w, first, 2)) {
      valence += key->value;
    }
  }
  return valence;
}

double LeastCheck(double valence, const Token* w, size_t i) {
  if (i > 1 && !w[i - 1].info->in_lexicon && Kw(w[i - 1]) == Keyword::kLeast) {
    if (Kw(w[i - 2]) != Keyword::kAt && Kw(w[i - 2]) != Keyword::kVery) {
      valence *= kNegationScalar;
    }
  } else if (i > 0 && !w[i - 1].info->in_lexicon && Kw(w[i - 1]) == Keyword::kLeast) {
    valence *= kNegationScalar;
  }
  return valence;
}

// The reference's sentiment_valence for word i.
double WordValence(const Token* w, size_t n, size_t i, bool cap_diff, const VaderLexicon& lex,
                   const RuleOptions& options) {
  const WordInfo& info = *w[i].info;
  if (!info.in_lexicon) return 0;
  double valence = info.valence;
  if (Kw(w[i]) == Keyword::kNo && i != n - 1 && w[i + 1].info->in_lexicon) valence = 0.0;
  if ((i > 0 && Kw(w[i - 1]) == Keyword::kNo) || (i > 1 && Kw(w[i - 2]) == Keyword::kNo) ||
      (i > 2 && Kw(w[i - 3]) == Keyword::kNo &&
       (Kw(w[i - 1]) == Keyword::kOr || Kw(w[i - 1]) == Keyword::kNor))) {
    valence = info.valence * kNegationScalar;
  }
  if (w[i].upper && cap_diff) valence += valence > 0 ? kCapsIncrement : -kCapsIncrement;
  for (int start_i = 0; start_i < 3; ++start_i) {
    const size_t j = static_cast<size_t>(start_i) + 1;
    if (i > static_cast<size_t>(start_i) && !w[i - j].info->in_lexicon) {
      double s = ScalarIncDec(w[i - j], valence, cap_diff);
      if (s != 0) s *= kDistanceScale[start_i];
      valence += s;
      valence = NegationCheck(valence, w, start_i, i, options.fix_so_this);
      if (start_i == 2) valence = SpecialIdioms(valence, w, n, i, lex);
    }
  }
  valence = LeastCheck(valence, w, i);
  if (options.modal_factor != 1) {
    for (size_t j = 1; j <= options.modal_window && j <= i; ++j) {
      if (Kw(w[i - j]) == Keyword::kModal) {
        valence *= options.modal_factor;
        break;
      }
    }
  }
  return valence;
}

// The reference's _but_check, quirk included (see RescaleAroundButByScan): the scan for short
// sentences, the index for long ones, where the scan is quadratic (a 1 MiB compat text took
// seconds).
void ButCheckCompat(const Token* w, size_t n, double* s) {
  size_t bi = n;
  for (size_t k = 0; k < n; ++k) {
    if (Kw(w[k]) == Keyword::kBut) {
      bi = k;
      break;
    }
  }
  if (bi == n) return;
  constexpr size_t kScanUpTo = 256;
  if (n <= kScanUpTo) {
    RescaleAroundButByScan(bi, s, n);
  } else {
    RescaleAroundButIndexed(bi, s, n);
  }
}

// Journal: contrast by position. "but", "however", "yet" (mid-sentence): what precedes is
// halved, what follows is weighted 1.5. "although"/"though"/"even though": the concessive
// clause (to the first comma when it opens the sentence, else to the end) is halved and
// the rest weighted 1.5.
void ContrastJournal(const Token* w, size_t n, double* s) {
  // The keywords tested below, as bits: most words are none of them.
  static_assert(static_cast<unsigned>(Keyword::kOpinionVerb) < 64);  // (the last keyword)
  constexpr uint64_t kContrast = uint64_t{1} << static_cast<unsigned>(Keyword::kBut) |
                                 uint64_t{1} << static_cast<unsigned>(Keyword::kHowever) |
                                 uint64_t{1} << static_cast<unsigned>(Keyword::kYet) |
                                 uint64_t{1} << static_cast<unsigned>(Keyword::kAlthough) |
                                 uint64_t{1} << static_cast<unsigned>(Keyword::kThough);
  for (size_t k = 0; k < n; ++k) {
    const Keyword kw = Kw(w[k]);
    if (((kContrast >> static_cast<unsigned>(kw)) & 1) == 0) continue;
    const bool pivot = kw == Keyword::kBut || kw == Keyword::kHowever ||
                       (kw == Keyword::kYet && k > 0);
    if (pivot) {
      for (size_t j = 0; j < k; ++j) s[j] *= 0.5;
      for (size_t j = k + 1; j < n; ++j) s[j] *= 1.5;
      return;
    }
    if (kw == Keyword::kAlthough || (kw == Keyword::kThough && k == 0) ||
        (kw == Keyword::kThough && k > 0 && Kw(w[k - 1]) == Keyword::kEven)) {
      // Concession runs to the clause end: the first word written with a ',' or ';' after it.
      size_t clause_end = n;
      for (size_t j = k; j + 1 < n; ++j) {
        if (w[j].whole.back() == ',' || w[j].whole.back() == ';') {
          clause_end = j + 1;
          break;
        }
      }
      if (k == 0 || clause_end < n) {
        for (size_t j = k; j < clause_end; ++j) s[j] *= 0.5;
        for (size_t j = clause_end; j < n; ++j) s[j] *= 1.5;
      } else {
        for (size_t j = 0; j < k; ++j) s[j] *= 1.5;
        for (size_t j = k; j < n; ++j) s[j] *= 0.5;
      }
      return;
    }
  }
}

// Journal: a negated opinion verb ("don't think", "do not feel", "never believe") negates
// the rest of its clause; words within three of the negation were handled by the rules.
void OpinionNegation(const Token* w, size_t n, double* s) {
  for (size_t k = 0; k + 1 < n; ++k) {
    if (!Negated(w[k])) continue;
    size_t verb = k + 1;
    if (verb < n && Kw(w[verb]) != Keyword::kOpinionVerb && verb + 1 < n &&
        Kw(w[verb + 1]) == Keyword::kOpinionVerb) {
      ++verb;  // "do not really think"
    }
    if (Kw(w[verb]) != Keyword::kOpinionVerb) continue;
    for (size_t j = verb + 1; j < n; ++j) {
      if (j > k + 3) s[j] *= kNegationScalar;
      const char last = w[j].whole.back();
      if (last == ',' || last == ';' || last == '.' || last == '!' || last == '?') break;
    }
    k = verb;
  }
}

}  // namespace

double Normalize(double score, double alpha) {
  const double norm = score / std::sqrt(score * score + alpha);
  return std::clamp(norm, -1.0, 1.0);
}

std::string_view Tokenize(std::string_view text, const VaderLexicon& lexicon,
                          const TokenizeOptions& options, Scratch* scratch) {
  // Rewriting is needed for an emoji (any non-ASCII byte, when descriptions are loaded) or
  // a curly apostrophe (its UTF-8 starts with 0xE2).
  const bool emoji = options.translate_emoji && lexicon.has_emoji();
  const bool rewrite =
      emoji ? !IsAsciiText(text)  // eight bytes at a time
            : options.fold_apostrophes && text.find('\xE2') != std::string_view::npos;
  if (rewrite) {
    // The reference's emoji loop: a description replaces the emoji, with a space before it
    // unless the previous character was a space.
    std::string& out = scratch->translated;
    out.clear();
    bool prev_space = true;
    for (size_t i = 0; i < text.size();) {
      size_t len = 1;
      const char32_t cp = Decode(text, i, &len);
      const std::string* description =
          options.translate_emoji ? lexicon.EmojiDescription(cp) : nullptr;
      if (description != nullptr) {
        if (!prev_space) out.push_back(' ');
        out.append(*description);
        prev_space = false;
      } else if (options.fold_apostrophes && (cp == 0x2019 || cp == 0x2018)) {
        out.push_back('\'');
        prev_space = false;
      } else {
        out.append(text.substr(i, len));
        prev_space = cp == ' ';
      }
      i += len;
    }
    text = out;
  }

  std::vector<Token>& tokens = scratch->tokens;
  tokens.clear();
  std::string& lowered = scratch->lowered;
  // Lower-casing grows a code point by at most one byte; elongation retries add two
  // shorter copies of a word. The buffer only grows, so views into it stay valid.
  const size_t needed = (options.elongation ? text.size() * 4 : text.size() * 3 / 2) + 16;
  if (lowered.size() < needed) lowered.resize(needed);
  const size_t reserved = lowered.size();
  size_t lowered_size = 0;
  bool newline_pending = false;
  size_t i = 0;
  const size_t size = text.size();
  const char* data = text.data();
  while (i < size) {
    const auto byte = static_cast<unsigned char>(data[i]);
    if (byte < 0x80) {
      if (kAscii[byte] & kSpace) {
        if (byte == '\n' || byte == '\r') newline_pending = true;
        ++i;
        continue;
      }
    } else {
      size_t len = 1;
      const char32_t cp = Decode(text, i, &len);
      if (IsPySpace(cp)) {
        if (cp == 0x85 || cp == 0x2028 || cp == 0x2029) newline_pending = true;
        i += len;
        continue;
      }
    }
    if (options.mark_sentences && newline_pending && !tokens.empty()) {
      tokens.back().sentence_end = true;
    }
    newline_pending = false;
    // One pass over an ASCII word finds its end, its punctuation-stripped core, whether it
    // is upper case, and its lower-case form and hash; other words take the general path.
    const size_t start = i;
    bool ascii_word = true;
    while (i < size) {
      const uint8_t cls = kAscii[static_cast<unsigned char>(data[i])];
      if ((cls & (kSpace | kHigh)) == 0) {  // most bytes: ASCII, not a space
        ++i;
        continue;
      }
      if (cls & kSpace) break;
      size_t len = 1;
      if (IsPySpace(Decode(text, i, &len))) break;
      ascii_word = false;
      i += len;
    }
    const std::string_view whole(data + start, i - start);
    size_t b = 0, e = whole.size();
    while (b < e && IsAsciiPunct(whole[b])) ++b;
    while (e > b && IsAsciiPunct(whole[e - 1])) --e;
    Token& t = tokens.emplace_back();
    t.whole = whole;
    // An ASCII word's classes (or-ed): whether it has upper or lower case letters or an
    // apostrophe (then it may contain "n't").
    uint8_t classes = kQuote;  // a non-ASCII word is checked for "n't" in any case
    if (ascii_word) {
      if (e - b > 2) {
        t.raw = std::string_view(whole.data() + b, e - b);
      } else {
        t.raw = whole;
      }
      char* out = lowered.data() + lowered_size;
      uint64_t h = kHashSeed;
      classes = 0;
      for (size_t k = 0; k < t.raw.size(); ++k) {
        const auto c = static_cast<unsigned char>(t.raw[k]);
        const uint8_t cls = kAscii[c];
        classes |= cls;
        const char l = static_cast<char>(c | ((cls & kUpper) << 4));
        out[k] = l;
        h = HashStep(h, l);
      }
      t.lower = std::string_view(out, t.raw.size());
      lowered_size += t.raw.size();
      t.upper = (classes & kUpper) != 0 && (classes & kLower) == 0;
      t.info = &lexicon.Find(t.lower, h);
    } else {
      t.raw = CodePoints(whole.substr(b, e - b)) > 2 ? whole.substr(b, e - b) : whole;
      t.lower = LowerInto(t.raw, &lowered, &lowered_size);
      t.upper = IsUpper(t.raw);
      t.info = &lexicon.Find(t.lower);
    }
    // (Non-ASCII words are not checked for runs: they are tried.)
    if (options.elongation && !t.info->in_lexicon && !t.info->is_booster && t.lower.size() > 3 &&
        (!ascii_word || HasRunOfThree(t.lower))) {
      // "goood" -> "good", then single letters if that is unknown too.
      for (const size_t keep : {size_t{2}, size_t{1}}) {
        const std::string_view cut = CutRuns(t.lower, keep, &lowered, &lowered_size);
        if (cut.size() == t.lower.size()) break;
        const WordInfo& info = lexicon.Find(cut);
        if (info.in_lexicon || info.is_booster || info.negates) {
          t.lower = cut;
          t.info = &info;
          break;
        }
      }
    }
    if (options.mark_sentences) {
      const char last = whole.back();
      t.sentence_end = (last == '.' || last == '!' || last == '?') && whole.size() > 1 &&
                       (kAscii[static_cast<unsigned char>(whole[0])] & (kUpper | kLower | kDigit));
    }
    t.negated = t.info->negates || ((classes & kQuote) != 0 && ContainsNt(t.lower));
  }
  assert(lowered_size <= reserved && "lower-case views must not move");
  (void)reserved;
  if (!tokens.empty()) tokens.back().sentence_end = options.mark_sentences;
  return text;
}

void ScoreWords(const std::vector<Token>& tokens, size_t begin, size_t end,
                const VaderLexicon& lexicon, const RuleOptions& options, Scratch* scratch,
                std::vector<double>* out) {
  (void)scratch;
  const Token* w = tokens.data() + begin;
  const size_t n = end - begin;
  size_t upper = 0;
  for (size_t i = 0; i < n; ++i) upper += w[i].upper;
  const bool cap_diff = upper > 0 && upper < n;
  const size_t base = out->size();
  for (size_t i = 0; i < n; ++i) {
    const WordInfo& info = *w[i].info;
    if (info.is_booster ||
        (i + 1 < n && Kw(w[i]) == Keyword::kKind && Kw(w[i + 1]) == Keyword::kOf)) {
      out->push_back(0);
      continue;
    }
    out->push_back(WordValence(w, n, i, cap_diff, lexicon, options));
  }
  double* s = out->data() + base;
  if (options.opinion_negation) OpinionNegation(w, n, s);
  if (options.journal) {
    ContrastJournal(w, n, s);
  } else {
    ButCheckCompat(w, n, s);
  }
}

namespace {

// How often `c` occurs in `text` (memchr: marks are rare, and it skips 32 bytes at a time).
size_t CountByte(std::string_view text, char c) {
  if (text.empty()) return 0;
  size_t n = 0;
  const char* p = text.data();
  const char* const end = p + text.size();
  while ((p = static_cast<const char*>(std::memchr(p, c, static_cast<size_t>(end - p)))) !=
         nullptr) {
    ++n;
    ++p;
  }
  return n;
}

}  // namespace

double PunctuationEmphasis(std::string_view text) {
  const size_t ep = CountByte(text, '!');
  const size_t qm = CountByte(text, '?');
  double amplifier = static_cast<double>(std::min<size_t>(ep, 4)) * 0.292;
  if (qm > 1) amplifier += qm <= 3 ? static_cast<double>(qm) * 0.18 : 0.96;
  return amplifier;
}

Sentiment Finish(const double* sentiments, size_t count, double punctuation) {
  Sentiment out;
  if (count == 0) return out;
  double sum = 0;
  for (size_t k = 0; k < count; ++k) sum += sentiments[k];
  if (sum > 0) {
    sum += punctuation;
  } else if (sum < 0) {
    sum -= punctuation;
  }
  out.compound = Normalize(sum);
  double pos = 0, neg = 0;
  size_t neu = 0;
  for (size_t k = 0; k < count; ++k) {
    const double v = sentiments[k];
    if (v > 0) pos += v + 1;
    if (v < 0) neg += v - 1;
    if (v == 0) ++neu;
  }
  if (pos > std::fabs(neg)) {
    pos += punctuation;
  } else if (pos < std::fabs(neg)) {
    neg -= punctuation;
  }
  const double total = pos + std::fabs(neg) + static_cast<double>(neu);
  out.positive = std::fabs(pos / total);
  out.negative = std::fabs(neg / total);
  out.neutral = std::fabs(static_cast<double>(neu) / total);
  return out;
}

namespace {
double Round(double x, double scale) { return std::nearbyint(x * scale) / scale; }
}  // namespace

Sentiment ScoreCompat(std::string_view text, const VaderLexicon& lexicon, Scratch* scratch) {
  TokenizeOptions topt;
  const std::string_view scored = Tokenize(text, lexicon, topt, scratch);
  std::vector<double>& s = scratch->sentiments;
  s.clear();
  ScoreWords(scratch->tokens, 0, scratch->tokens.size(), lexicon, RuleOptions{}, scratch, &s);
  Sentiment out = Finish(s.data(), s.size(), PunctuationEmphasis(scored));
  out.compound = Round(out.compound, 1e4);
  out.positive = Round(out.positive, 1e3);
  out.neutral = Round(out.neutral, 1e3);
  out.negative = Round(out.negative, 1e3);
  return out;
}

Sentiment ScoreJournal(std::string_view text, const VaderLexicon& lexicon,
                       const JournalParams& params, Scratch* scratch) {
  TokenizeOptions topt;
  topt.fold_apostrophes = true;
  topt.mark_sentences = true;
  topt.elongation = params.elongation;
  const std::string_view scored = Tokenize(text, lexicon, topt, scratch);
  const std::vector<Token>& tokens = scratch->tokens;
  std::vector<double>& s = scratch->sentiments;
  s.clear();
  RuleOptions ropt;
  ropt.journal = params.contrast;
  ropt.fix_so_this = params.fix_so_this;
  ropt.modal_factor = params.modal_factor;
  ropt.modal_window = params.modal_window;
  ropt.opinion_negation = params.opinion_negation;
  if (!params.per_sentence) {
    ScoreWords(tokens, 0, tokens.size(), lexicon, ropt, scratch, &s);
  }
  double total_sum = 0, weighted = 0, weight = 0, total_punct = 0;
  size_t sentences = 0;
  for (size_t b = 0; b < tokens.size();) {
    size_t e = b + 1;
    while (e < tokens.size() && !tokens[e - 1].sentence_end) ++e;
    if (params.per_sentence) ScoreWords(tokens, b, e, lexicon, ropt, scratch, &s);
    const char* from = tokens[b].whole.data();
    const char* to = tokens[e - 1].whole.data() + tokens[e - 1].whole.size();
    const double punct =
        PunctuationEmphasis(std::string_view(from, static_cast<size_t>(to - from)));
    // A question asks more than it asserts: its words count for less.
    if (params.question_factor != 1 && tokens[e - 1].whole.find('?') != std::string_view::npos) {
      for (size_t k = b; k < e; ++k) s[k] *= params.question_factor;
    }
    double sum = 0;
    for (size_t k = b; k < e; ++k) sum += s[k];
    if (sum > 0) sum += punct;
    if (sum < 0) sum -= punct;
    if (sum != 0) total_punct += punct;
    total_sum += sum;
    const double n = static_cast<double>(e - b);
    const double c = Normalize(sum, params.alpha);
    if (params.combine == 1) {
      weighted += c * n;
      weight += n;
    } else {
      weighted += c;
      weight += 1;
    }
    ++sentences;
    b = e;
  }
  if (!params.per_sentence) {
    // The reference's emphasis: '!' and '?' counted over the whole text.
    const double punct = PunctuationEmphasis(scored);
    total_sum = 0;
    for (const double v : s) total_sum += v;
    if (total_sum > 0) total_sum += punct;
    if (total_sum < 0) total_sum -= punct;
    total_punct = punct;
  }
  Sentiment out = Finish(s.data(), s.size(), total_punct);
  if (params.combine == 0 || sentences <= 1) {
    out.compound = Normalize(total_sum, params.alpha);
  } else {
    out.compound = weight > 0 ? weighted / weight : 0;
  }
  return out;
}

void RescaleAroundButByScan(size_t bi, double* s, size_t n) {
  for (size_t k = 0; k < n; ++k) {
    const double value = s[k];
    size_t si = 0;
    while (s[si] != value) ++si;  // terminates: s[k] == value
    if (si < bi) {
      s[si] = value * 0.5;
    } else if (si > bi) {
      s[si] = value * 1.5;
    }
  }
}

void RescaleAroundButIndexed(size_t bi, double* s, size_t n) {
  // For every value, the positions holding it now, smallest first: the scan's answer is the
  // first of them. Doubles are compared as the scan compares them (0.0 and -0.0 are one key).
  std::map<double, std::set<size_t>> where;
  for (size_t k = 0; k < n; ++k) where[s[k]].insert(k);
  for (size_t k = 0; k < n; ++k) {
    const double value = s[k];
    const auto at = where.find(value);
    const size_t si = *at->second.begin();
    if (si == bi) continue;
    const double changed = si < bi ? value * 0.5 : value * 1.5;  // a zero keeps value's sign
    at->second.erase(at->second.begin());
    if (at->second.empty()) where.erase(at);
    s[si] = changed;
    where[changed].insert(si);
  }
}

}  // namespace interlude::text::vader
