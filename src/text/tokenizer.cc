// The tokenizer: one left-to-right pass over code points (utf8proc for categories, case
// folding and NFC). Word tokens keep inner apostrophes ("don't") and hyphens between letters
// ("self-harm"); runs of . ! ? are one token; emoji keep their modifiers and joiners.
// Sentences end after . ! ? (not after a known abbreviation) and at line breaks; closing
// quotes, brackets and emoji right after the mark stay with the sentence they close.
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdlib>

#include "base/utf8.h"
#include "text/document.h"
#include "text/word_index.h"

namespace interlude::text {
namespace {

struct CodePoint {
  std::int32_t cp = -1;
  size_t size = 0;  // bytes
};

CodePoint Decode(std::string_view s, size_t pos) {
  if (pos >= s.size()) return {};
  const auto byte = static_cast<unsigned char>(s[pos]);
  if (byte < 0x80) return {byte, 1};  // ASCII: most journal text
  utf8proc_int32_t cp = -1;
  const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + pos),
                                  static_cast<utf8proc_ssize_t>(s.size() - pos), &cp);
  if (n <= 0) return {0xFFFD, 1};  // invalid byte: treat as one replacement character
  return {cp, static_cast<size_t>(n)};
}

utf8proc_category_t Category(std::int32_t cp) { return utf8proc_category(cp); }

bool IsAsciiLetter(std::int32_t cp) { return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'); }

bool IsLetter(std::int32_t cp) {
  if (cp < 0x80) return IsAsciiLetter(cp);
  const auto c = Category(cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}
bool IsMark(std::int32_t cp) {
  if (cp < 0x80) return false;
  const auto c = Category(cp);
  return c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME;
}
bool IsDigit(std::int32_t cp) {
  if (cp < 0x80) return cp >= '0' && cp <= '9';
  return Category(cp) == UTF8PROC_CATEGORY_ND;
}
bool IsSpace(std::int32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r');
  const auto c = Category(cp);
  return cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP;
}
bool IsControl(std::int32_t cp) {
  if (cp < 0x80) return cp < 0x20 || cp == 0x7f;
  const auto c = Category(cp);
  return c == UTF8PROC_CATEGORY_CC || c == UTF8PROC_CATEGORY_CF || c == UTF8PROC_CATEGORY_CS ||
         c == UTF8PROC_CATEGORY_CO || c == UTF8PROC_CATEGORY_CN;
}
bool IsApostrophe(std::int32_t cp) { return cp == '\'' || cp == 0x2019; }

bool IsEmojiBase(std::int32_t cp) {
  if (cp < 0xA9) return false;  // below the smallest (U+00A9): ASCII, most of the time
  return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
         (cp >= 0x2190 && cp <= 0x21FF) || (cp >= 0x2B00 && cp <= 0x2BFF) ||
         (cp >= 0x2300 && cp <= 0x23FF) || cp == 0x00A9 || cp == 0x00AE || cp == 0x203C ||
         cp == 0x2049 || cp == 0x2122 || cp == 0x2139 || cp == 0x3030 || cp == 0x303D;
}
bool IsEmojiModifier(std::int32_t cp) {
  return cp == 0xFE0F || cp == 0xFE0E || cp == 0x20E3 || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
         (cp >= 0xE0020 && cp <= 0xE007F);
}

// Emoticons, longest first so ":-))" is not read as ":-)" then ")".
constexpr std::array<std::string_view, 30> kEmoticons = {
    ":'-(", ":'-)", ">:-(", ":-))", ":-((", ":'(", ":')", ">:(", ":-)", ":-(", ":-D", ":-P",
    ":-p", ";-)", ":-/", ":-|", "</3", "<3", ":)", ":(", ":D", ":P", ":p", ";)", ":/", ":|",
    "xD", "XD", "=)", "=(",
};

// Longest sentence, in tokens, before it is cut (about three long written sentences).
constexpr size_t kMaxSentenceTokens = 120;

constexpr std::array<std::string_view, 14> kAbbreviations = {
    "mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc", "e.g", "i.e", "approx", "dept", "jr", "sr",
};

bool StartsWithNoCase(std::string_view s, size_t pos, std::string_view prefix) {
  if (pos + prefix.size() > s.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = s[pos + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

bool IsBoundary(std::string_view s, size_t pos) {
  if (pos >= s.size()) return true;
  const CodePoint next = Decode(s, pos);
  return IsSpace(next.cp) || (!IsLetter(next.cp) && !IsDigit(next.cp));
}

// Cuts letter runs of 3+ to 2 and straightens curly apostrophes. Returns whether a run
// was cut.
bool MakeBase(std::string_view norm, std::string& base) {
  base.clear();
  bool cut = false;
  size_t pos = 0;
  std::int32_t prev = -1;
  int run = 0;
  while (pos < norm.size()) {
    const CodePoint c = Decode(norm, pos);
    const std::int32_t cp = c.cp == 0x2019 ? '\'' : c.cp;
    run = (cp == prev && IsLetter(cp)) ? run + 1 : 1;
    prev = cp;
    if (run <= 2) {
      if (cp == '\'') {
        base.push_back('\'');
      } else {
        base.append(norm, pos, c.size);
      }
    } else {
      cut = true;
    }
    pos += c.size;
  }
  return cut;
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// ASCII byte classes for folding: upper-case letters fold by or-ing (class & kUpper) << 4.
constexpr uint8_t kLower = 1, kUpper = 2, kApostrophe = 4;
constexpr auto kAsciiClass = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<size_t>(c)] = kLower;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<size_t>(c)] = kUpper;
  t['\''] = kApostrophe;
  return t;
}();
static_assert(kUpper << 4 == 'a' - 'A');

bool IsLowerAscii(char c) { return c >= 'a' && c <= 'z'; }

struct AsciiFold {
  bool cut = false;         // a letter run of 3+ ("sooo"): the base differs from the fold
  bool all_caps = false;    // AllCapsAscii of the input
  bool apostrophe = false;  // the input has an apostrophe
  uint64_t hash = 0;        // WordIndex::Hash of the fold
};

// FoldCase for ASCII text (most tokens) without decoding: writes the folded `text` to `out`
// (room for text.size() bytes). Also finds what MakeBase and AllCapsAscii would.
AsciiFold FoldAscii(std::string_view text, char* out) {
  uint8_t classes = 0;
  uint64_t h = WordIndex::kHashSeed;
  for (size_t k = 0; k < text.size(); ++k) {
    const auto c = static_cast<unsigned char>(text[k]);
    const uint8_t cls = kAsciiClass[c];
    classes |= cls;
    const auto folded = static_cast<char>(c | ((cls & kUpper) << 4));
    out[k] = folded;
    h = WordIndex::HashStep(h, folded);
  }
  AsciiFold fold;
  fold.hash = WordIndex::HashFinish(h);
  if ((classes & (kLower | kUpper)) == kUpper) {  // no lower-case letter: count the capitals
    int upper = 0;
    for (const char c : text) upper += c >= 'A' && c <= 'Z';
    fold.all_caps = upper >= 2;
  }
  fold.apostrophe = (classes & kApostrophe) != 0;
  if (classes & (kLower | kUpper)) {
    for (size_t k = 2; k < text.size(); ++k) {
      if (out[k] == out[k - 1] && out[k] == out[k - 2] && IsLowerAscii(out[k])) {
        fold.cut = true;
        break;
      }
    }
  }
  return fold;
}

// The base of an ASCII fold with a letter run of 3+: runs cut to 2.
void CutRunsAscii(std::string_view norm, std::string& base) {
  base.clear();
  char prev = 0;
  int run = 0;
  for (const char c : norm) {
    run = (c == prev && IsLowerAscii(c)) ? run + 1 : 1;
    prev = c;
    if (run <= 2) base.push_back(c);
  }
}

// What the main loop of TokenizeInto does with the code point a token may start at, as bits:
// one table read for ASCII, the general tests for other code points.
constexpr uint8_t kStartsNewline = 1;        // \n \r U+2028 U+2029: closes the sentence
constexpr uint8_t kStartsSkip = 2;           // other space and control characters
constexpr uint8_t kStartsCloser = 4;         // a quote, bracket or emoji that may close a sentence
constexpr uint8_t kStartsEmoticon = 8;       // : ; < > = x X (an emoticon of kEmoticons)
constexpr uint8_t kStartsUrl = 16;           // h H w W
constexpr uint8_t kStartsTag = 32;           // # @
constexpr uint8_t kStartsWord = 64;          // a letter or digit
constexpr uint8_t kStartsSentenceEnd = 128;  // . ! ? U+2026

constexpr std::array<uint8_t, 128> kAsciiStart = [] {
  std::array<uint8_t, 128> t{};
  for (int c = 0; c < 128; ++c) {
    uint8_t v = 0;
    if (c == '\n' || c == '\r') {
      v = kStartsNewline;
    } else if (c == ' ' || (c >= '\t' && c <= '\r') || c < 0x20 || c == 0x7f) {
      v = kStartsSkip;
    } else {
      if (c == '"' || c == '\'' || c == ')' || c == ']') v |= kStartsCloser;
      if (c == ':' || c == ';' || c == '<' || c == '>' || c == '=' || c == 'x' || c == 'X') {
        v |= kStartsEmoticon;
      }
      if (c == 'h' || c == 'H' || c == 'w' || c == 'W') v |= kStartsUrl;
      if (c == '#' || c == '@') v |= kStartsTag;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        v |= kStartsWord;
      }
      if (c == '.' || c == '!' || c == '?') v |= kStartsSentenceEnd;
    }
    t[static_cast<size_t>(c)] = v;
  }
  return t;
}();

uint8_t StartClass(std::int32_t cp) {
  if (cp < 0x80) return kAsciiStart[static_cast<size_t>(cp)];
  if (cp == 0x2028 || cp == 0x2029) return kStartsNewline;
  if (IsSpace(cp) || IsControl(cp)) return kStartsSkip;
  uint8_t v = 0;
  if (cp == 0x201D || cp == 0x2019 || IsEmojiBase(cp)) v |= kStartsCloser;
  if (IsLetter(cp) || IsDigit(cp)) v |= kStartsWord;
  if (cp == 0x2026) v |= kStartsSentenceEnd;
  return v;
}

// AllCaps of an ASCII word.
bool AllCapsAscii(std::string_view word) {
  int letters = 0;
  for (const char c : word) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
  }
  return letters >= 2;
}

bool AllCaps(std::string_view word) {
  if (std::all_of(word.begin(), word.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return AllCapsAscii(word);
  }
  int letters = 0;
  size_t pos = 0;
  while (pos < word.size()) {
    const CodePoint c = Decode(word, pos);
    if (IsLetter(c.cp)) {
      if (Category(c.cp) != UTF8PROC_CATEGORY_LU) return false;
      ++letters;
    }
    pos += c.size;
  }
  return letters >= 2;
}

}  // namespace

std::string FoldCase(std::string_view text) {
  // ASCII needs no normalisation and folds by a table: no allocation beyond the result.
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    std::string lower(text);
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return lower;
  }
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
      static_cast<utf8proc_ssize_t>(text.size()), &out,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
  if (n < 0) return std::string(text);
  std::string result(reinterpret_cast<char*>(out), static_cast<size_t>(n));
  std::free(out);
  return result;
}

Document Tokenize(std::string_view input) {
  Document doc;
  TokenizeInto(input, &doc);
  return doc;
}

void TokenizeInto(std::string_view input, Document* out) {
  Document& doc = *out;
  doc.text.assign(input.data(), input.size());
  doc.tokens.clear();
  doc.sentences.clear();
  doc.vocabulary = nullptr;
  const std::string_view s = doc.text;
  const bool ascii_text = IsAsciiText(s);  // then every token is ASCII: no check per token
  // Token::norm views doc.folded. An ASCII text folds to at most its own length; other
  // texts may grow it, and then the views made so far are moved with it.
  size_t folded_used = 0;
  if (doc.folded.size() < s.size() + 16) doc.folded.resize(s.size() + 16);
  const auto room = [&](size_t n) -> char* {
    if (folded_used + n > doc.folded.size()) {
      const char* const old = doc.folded.data();
      doc.folded.resize(2 * (folded_used + n));
      for (Token& t : doc.tokens) {
        if (!t.norm.empty()) {
          t.norm = std::string_view(doc.folded.data() + (t.norm.data() - old), t.norm.size());
        }
      }
    }
    return doc.folded.data() + folded_used;
  };
  size_t pos = 0;
  size_t sentence_start_token = 0;
  size_t sentence_start_byte = std::string::npos;
  bool pending_end = false;  // a sentence-final mark was seen; close after trailing closers

  const auto close_sentence = [&](size_t end_byte) {
    if (doc.tokens.size() == sentence_start_token) {
      pending_end = false;
      sentence_start_byte = std::string::npos;
      return;
    }
    Sentence sent;
    sent.first_token = sentence_start_token;
    sent.end_token = doc.tokens.size();
    sent.span = {sentence_start_byte, end_byte};
    doc.sentences.push_back(sent);
    sentence_start_token = doc.tokens.size();
    sentence_start_byte = std::string::npos;
    pending_end = false;
  };
  const auto add = [&](size_t begin, size_t end, TokenKind kind) {
    Token& t = doc.tokens.emplace_back();
    t.text = s.substr(begin, end - begin);
    t.span = {begin, end};
    t.kind = kind;
    const bool tag = kind == TokenKind::kHashtag || kind == TokenKind::kMention;
    bool cut = false;
    if (ascii_text || IsAscii(t.text)) {
      const std::string_view from = t.text.substr(tag ? 1 : 0);
      char* const to = room(from.size());
      const AsciiFold fold = FoldAscii(from, to);
      t.norm = std::string_view(to, from.size());
      folded_used += from.size();
      cut = fold.cut;
      if (cut) {
        CutRunsAscii(t.norm, t.base);
        t.base_hash = WordIndex::Hash(t.base);
      } else {  // most words: the base is the folded form
        t.base.assign(t.norm);
        t.base_hash = fold.hash;
      }
      t.apostrophe = fold.apostrophe;  // (a cut base lost letters only)
      // (A word is folded whole: skip is 0, so this is AllCapsAscii.)
      t.all_caps = kind == TokenKind::kWord && fold.all_caps;
    } else {
      std::string folded = FoldCase(t.text);
      if (tag) folded.erase(0, 1);
      char* const to = room(folded.size());
      std::copy(folded.begin(), folded.end(), to);
      t.norm = std::string_view(to, folded.size());
      folded_used += folded.size();
      cut = MakeBase(t.norm, t.base);
      t.base_hash = WordIndex::Hash(t.base);
      t.apostrophe = t.base.find('\'') != std::string::npos;
      t.all_caps = kind == TokenKind::kWord && AllCaps(t.text);
    }
    t.elongated = cut && kind == TokenKind::kWord;
    t.sentence = doc.sentences.size();
    if (sentence_start_byte == std::string::npos) sentence_start_byte = begin;
  };
  doc.tokens.reserve(s.size() / 4 + 8);

  while (pos < s.size()) {
    // A plain space (the most common character between tokens) is skipped at once: nothing
    // below does anything else with it, and the check that follows waits for the next token.
    if (s[pos] == ' ') {
      ++pos;
      continue;
    }
    // A run-on "sentence" is cut every kMaxSentenceTokens tokens: analysers read context
    // within a sentence, and unbounded sentences would make that quadratic.
    if (doc.tokens.size() - sentence_start_token >= kMaxSentenceTokens) {
      close_sentence(doc.tokens.back().span.end);
    }
    const CodePoint c = Decode(s, pos);
    const uint8_t start = StartClass(c.cp);
    if (start & kStartsNewline) {
      close_sentence(doc.tokens.empty() ? pos : doc.tokens.back().span.end);
      pos += c.size;
      continue;
    }
    if (start & kStartsSkip) {
      pos += c.size;
      continue;
    }
    const bool closer = (start & kStartsCloser) != 0;
    // An emoticon starts a token after a space (or at the start of the text).
    if ((start & kStartsEmoticon) && (pos == 0 || IsSpace(Decode(s, pos - 1).cp))) {
      bool is_emoticon = false;
      for (const std::string_view e : kEmoticons) {
        if (s.substr(pos, e.size()) == e && IsBoundary(s, pos + e.size())) {
          is_emoticon = true;  // stays with a sentence that just ended, like emoji
          add(pos, pos + e.size(), TokenKind::kEmoticon);
          pos += e.size();
          break;
        }
      }
      if (is_emoticon) continue;
    }
    if (pending_end && !closer) close_sentence(doc.tokens.back().span.end);

    const size_t begin = pos;
    if ((start & kStartsUrl) &&
        (StartsWithNoCase(s, pos, "http://") || StartsWithNoCase(s, pos, "https://") ||
         StartsWithNoCase(s, pos, "www."))) {
      while (pos < s.size() && !IsSpace(Decode(s, pos).cp)) pos += Decode(s, pos).size;
      // Trailing sentence punctuation is not part of the URL.
      while (pos > begin && (s[pos - 1] == '.' || s[pos - 1] == ',' || s[pos - 1] == '!' ||
                             s[pos - 1] == '?' || s[pos - 1] == ')')) {
        --pos;
      }
      add(begin, pos, TokenKind::kUrl);
      continue;
    }
    if ((start & kStartsTag) && pos + 1 < s.size()) {
      const CodePoint next = Decode(s, pos + 1);
      if (IsLetter(next.cp) || (c.cp == '#' && IsDigit(next.cp))) {
        pos += 1;
        while (pos < s.size()) {
          const CodePoint d = Decode(s, pos);
          if (!IsLetter(d.cp) && !IsDigit(d.cp) && !IsMark(d.cp) && d.cp != '_') break;
          pos += d.size;
        }
        add(begin, pos, c.cp == '#' ? TokenKind::kHashtag : TokenKind::kMention);
        continue;
      }
    }
    if (start & kStartsWord) {
      bool digits_only = true;
      while (pos < s.size()) {
        // ASCII letters and digits (most of a word) without decoding; the general steps
        // below give the same for them.
        if (const auto b = static_cast<unsigned char>(s[pos]); b < 0x80) {
          if (kAsciiClass[b] & (kLower | kUpper)) {  // a run of ASCII letters, at once
            digits_only = false;
            ++pos;
            while (pos < s.size() &&
                   (kAsciiClass[static_cast<unsigned char>(s[pos])] & (kLower | kUpper))) {
              ++pos;
            }
            continue;
          }
          if (b >= '0' && b <= '9') {
            ++pos;
            continue;
          }
        }
        const CodePoint d = Decode(s, pos);
        if (IsLetter(d.cp) || IsMark(d.cp)) {
          digits_only = false;
          pos += d.size;
        } else if (IsDigit(d.cp)) {
          pos += d.size;
        } else if ((IsApostrophe(d.cp) || d.cp == '-') && pos + d.size < s.size() &&
                   IsLetter(Decode(s, pos + d.size).cp) && pos > begin &&
                   (IsLetter(Decode(s, pos - 1).cp) || d.cp != '-')) {
          pos += d.size;  // "don't", "self-harm"
        } else if ((d.cp == '.' || d.cp == ',') && digits_only && pos + 1 < s.size() &&
                   IsDigit(Decode(s, pos + 1).cp)) {
          pos += 1;  // "3.5", "1,000"
        } else {
          break;
        }
      }
      if (digits_only && pos < s.size() && s[pos] == '%') ++pos;
      add(begin, pos, digits_only ? TokenKind::kNumber : TokenKind::kWord);
      continue;
    }
    if (IsEmojiBase(c.cp) || c.cp == 0x1F1E6 || (c.cp >= 0x1F1E6 && c.cp <= 0x1F1FF)) {
      pos += c.size;
      for (;;) {
        const CodePoint d = Decode(s, pos);
        if (d.size == 0) break;
        if (IsEmojiModifier(d.cp)) {
          pos += d.size;
        } else if (d.cp == 0x200D) {  // zero-width joiner: the next emoji belongs to this one
          pos += d.size;
          const CodePoint e = Decode(s, pos);
          if (e.size > 0 && IsEmojiBase(e.cp)) pos += e.size;
        } else if (c.cp >= 0x1F1E6 && c.cp <= 0x1F1FF && d.cp >= 0x1F1E6 && d.cp <= 0x1F1FF &&
                   pos == begin + c.size) {
          pos += d.size;  // a flag: two regional indicators
        } else {
          break;
        }
      }
      add(begin, pos, TokenKind::kEmoji);
      continue;
    }
    // Punctuation and other symbols. Runs of . ! ? are one token ("...", "?!").
    if (start & kStartsSentenceEnd) {
      while (pos < s.size() && (s[pos] == '.' || s[pos] == '!' || s[pos] == '?' ||
                                Decode(s, pos).cp == 0x2026)) {
        pos += Decode(s, pos).size;
      }
      // "Dr." and "e.g." do not end a sentence.
      const bool single_dot = pos - begin == 1 && c.cp == '.';
      bool abbreviation = false;
      if (single_dot && !doc.tokens.empty() && doc.tokens.back().span.end == begin) {
        const std::string_view prev = doc.tokens.back().norm;
        // An initial ("J. Smith") is one capital letter; "I." and "a." end sentences.
        const std::string_view written = doc.tokens.back().text;
        abbreviation = std::find(kAbbreviations.begin(), kAbbreviations.end(), prev) !=
                           kAbbreviations.end() ||
                       (written.size() == 1 && written[0] >= 'A' && written[0] <= 'Z' &&
                        written[0] != 'I' && written[0] != 'A');
      }
      add(begin, pos, TokenKind::kPunct);
      if (!abbreviation) pending_end = true;
      continue;
    }
    pos += c.size;
    add(begin, pos, TokenKind::kPunct);
  }
  close_sentence(doc.tokens.empty() ? 0 : doc.tokens.back().span.end);
}

}  // namespace interlude::text
