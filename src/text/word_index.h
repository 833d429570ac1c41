// WordIndex: interns short strings (words) as dense ids 0, 1, 2, ... in insertion order and
// finds them again with one hash and, usually, one probe of a flat open-addressing table: no
// node allocation, no std::string construction to look up, no modulo by a prime. Used by the
// distortion matcher for its own pattern words and by Vocabulary (text/vocabulary.h), the id
// space the analysers share.
//
// Thread-safety: Insert mutates; Find and the accessors are const and may run concurrently
// once the index is no longer modified.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace interlude::text {

class WordIndex {
 public:
  // The id of `word`, adding it with the next id if it is new.
  int Insert(std::string_view word) {
    const int found = Find(word);
    if (found >= 0) return found;
    const int id = static_cast<int>(words_.size());
    words_.emplace_back(word);
    if ((words_.size() + 1) * 2 > slots_.size()) {
      Rehash(slots_.empty() ? 64 : slots_.size() * 2);  // load factor <= 1/2
    } else {
      Place(Hash(word), id);
    }
    return id;
  }

  // The id of `word`, or -1 if it was never inserted.
  int Find(std::string_view word) const { return Find(word, Hash(word)); }
  // The same, with `hash` == Hash(word) computed by the caller.
  int Find(std::string_view word, uint64_t hash) const {
    if (slots_.empty()) return -1;
    const size_t mask = slots_.size() - 1;
    for (size_t i = static_cast<size_t>(hash) & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.id < 0) return -1;
      if (slot.hash == hash && Equal(words_[static_cast<size_t>(slot.id)], word)) return slot.id;
    }
  }

  size_t size() const { return words_.size(); }
  const std::string& word(int id) const { return words_[static_cast<size_t>(id)]; }

  // The hash of the table: FNV-1a (kHashSeed, then HashStep per byte), then HashFinish.
  // FNV-1a because words are a few bytes long, where it beats the general-purpose hashes.
  static constexpr uint64_t kHashSeed = 14695981039346656037ULL;
  static uint64_t HashStep(uint64_t h, char c) {
    return (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  }
  static uint64_t HashFinish(uint64_t h) { return h ^ (h >> 29); }
  static uint64_t Hash(std::string_view s) {
    uint64_t h = kHashSeed;
    for (const char c : s) h = HashStep(h, c);
    return HashFinish(h);
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    int id = -1;  // -1: empty
  };

  // Whether `a` spells `b`: an inline loop, since the hashes already agree and words are a
  // few bytes long (a memcmp call costs more than the comparison).
  static bool Equal(const std::string& a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < b.size(); ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }

  void Place(uint64_t hash, int id) {
    const size_t mask = slots_.size() - 1;
    size_t i = static_cast<size_t>(hash) & mask;
    while (slots_[i].id >= 0) i = (i + 1) & mask;
    slots_[i] = {hash, id};
  }

  void Rehash(size_t capacity) {  // capacity: a power of two
    slots_.assign(capacity, Slot{});
    for (size_t id = 0; id < words_.size(); ++id) Place(Hash(words_[id]), static_cast<int>(id));
  }

  std::vector<std::string> words_;  // id -> word
  std::vector<Slot> slots_;         // open addressing, linear probing
};

}  // namespace interlude::text
