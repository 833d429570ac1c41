// Vocabulary: one id space for the words the analysers look up by exact token base (emotion
// and theme phrases, intensifiers, function words, key-phrase stopwords, risk rewrites,
// patterns and classes). Each analyser adds its words while it loads; Analyzer::Analyze then
// interns every token once (Intern: one hash of its base) and the analysers index dense
// tables by id (WordTable) instead of hashing the same string again each.
//
// A Document that was not interned with an analyser's vocabulary (an analyser used on its
// own, as the tests and evaluations do) still works: TokenWords looks the ids up itself.
//
// Thread-safety: Add mutates and is called only while loading, before the vocabulary is
// shared; afterwards Find, Intern and the accessors are const and safe from many threads.
// WordTable and TokenWords follow the same rule (fill while loading, read concurrently).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "text/document.h"
#include "text/word_index.h"

namespace interlude::text {

class Vocabulary {
 public:
  // The id of a word that is in no lexicon.
  static constexpr int32_t kNoWord = -1;

  // The id of `word`, adding it if it is new. Loading only.
  int32_t Add(std::string_view word) { return index_.Insert(word); }

  // The id of `word`, or kNoWord.
  int32_t Find(std::string_view word) const { return index_.Find(word); }

  size_t size() const { return index_.size(); }
  // The word of id `id` (0 <= id < size()).
  std::string_view word(int32_t id) const { return index_.word(id); }

  // Sets each token's `word_id` to the id of its `base` (kNoWord when unknown) and records
  // that `doc` was interned with this vocabulary. (The tokenizer hashed each base already.)
  void Intern(Document* doc) const {
    for (Token& t : doc->tokens) t.word_id = index_.Find(t.base, t.base_hash);
    doc->vocabulary = this;
  }

 private:
  WordIndex index_;
};

// A dense table from word id to a small value (a bit set, an index + 1, ...); ids it never
// saw, kNoWord included, read as T{}.
template <typename T>
class WordTable {
 public:
  T At(int32_t id) const {
    const auto i = static_cast<size_t>(static_cast<uint32_t>(id));  // kNoWord: out of range
    return i < values_.size() ? values_[i] : T{};
  }
  T& Mutable(int32_t id) {  // loading only; id >= 0
    const auto i = static_cast<size_t>(id);
    if (i >= values_.size()) values_.resize(i + 1, T{});
    return values_[i];
  }

 private:
  std::vector<T> values_;
};

// The vocabulary ids of a document's tokens: the document's own when it was interned with
// `vocabulary`, else looked up here, once per token.
class TokenWords {
 public:
  TokenWords(const Document& doc, const Vocabulary& vocabulary) : doc_(doc) {
    interned_ = doc.vocabulary == &vocabulary;
    if (interned_) return;
    own_.reserve(doc.tokens.size());
    for (const Token& t : doc.tokens) own_.push_back(vocabulary.Find(t.base));
  }
  TokenWords(const TokenWords&) = delete;
  TokenWords& operator=(const TokenWords&) = delete;

  int32_t operator[](size_t token) const {
    return interned_ ? doc_.tokens[token].word_id : own_[token];
  }

 private:
  const Document& doc_;
  bool interned_ = false;
  std::vector<int32_t> own_;
};

}  // namespace interlude::text
