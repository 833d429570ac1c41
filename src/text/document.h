// Document: a text split into sentences and tokens, the common input of every analyser.
// Normalisation is NFC plus case folding (utf8proc); spans are byte offsets into the
// original text, so every finding can point at the writer's own words.
//
// Thread-safety: a Document is an immutable value once built (and, in Analyzer::Analyze,
// interned: Vocabulary::Intern sets the word ids before any analyser reads it); Tokenize is
// a pure function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace interlude::text {

// [begin, end) in bytes of the original text.
struct Span {
  size_t begin = 0;
  size_t end = 0;
  bool operator==(const Span&) const = default;
};

enum class TokenKind {
  kWord,       // letters, digits inside words, apostrophes ("don't", "i'm", "covid19")
  kNumber,     // "42", "3.5", "10%"
  kPunct,      // ".", "!", "?", "...", ",", ";", ":" and the like
  kEmoji,      // one emoji (with modifiers and joiners)
  kEmoticon,   // ":)", ":-(", "<3", ":'("
  kUrl,        // "https://…", "www.…"
  kHashtag,    // "#grateful" (norm without the '#')
  kMention,    // "@sam"
};

struct Token {
  std::string_view text;  // as written (a view into Document::text)
  std::string_view norm;  // NFC + case folded; elongations kept (see `elongated`); a view
                          // into Document::folded
  std::string base;       // `norm` with letter runs of 3+ cut to 2 ("sooo" -> "soo") and
                          // curly apostrophes straightened; what lexicons match
  Span span;
  TokenKind kind = TokenKind::kWord;
  bool all_caps = false;   // two or more letters, all upper case ("NEVER")
  bool elongated = false;  // a letter repeated 3+ times ("sooo", "noooo")
  bool apostrophe = false;  // `base` has an apostrophe ("don't", "i'm")
  size_t sentence = 0;     // index into Document::sentences
  int32_t word_id = -1;    // id of `base` in the Vocabulary the Document was interned with
                           // (Vocabulary::Intern); -1 when unknown or not interned
  uint64_t base_hash = 0;  // WordIndex::Hash(base), for Vocabulary::Intern
};

struct Sentence {
  Span span;
  size_t first_token = 0;  // [first_token, end_token) into Document::tokens
  size_t end_token = 0;
};

class Vocabulary;

struct Document {
  std::string text;  // the original text, unchanged
  std::string folded;  // backing store of the tokens' `norm` (not a string of its own)
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  const Vocabulary* vocabulary = nullptr;  // what Token::word_id refers to; null: not interned

  // The original words of a span.
  std::string_view Slice(Span span) const { return std::string_view(text).substr(span.begin, span.end - span.begin); }
};

// Splits `text` (valid UTF-8; callers validate) into sentences and tokens. Sentences end
// at . ! ? (not after an abbreviation or an initial), at line breaks, and after 120 tokens
// without either.
// Note: Token::text views Document::text and Token::norm views Document::folded; the
// returned Document must not be copied (the copy's views would point at the original).
Document Tokenize(std::string_view text);

// Tokenize into `*doc`, replacing its contents (and resetting `vocabulary`) but reusing its
// storage: a caller that keeps one Document per thread tokenises without allocating.
void TokenizeInto(std::string_view text, Document* doc);

// NFC + case folding of valid UTF-8 (utf8proc); the input unchanged if it is not valid.
std::string FoldCase(std::string_view text);

}  // namespace interlude::text
