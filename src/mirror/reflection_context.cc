// Flags and placeholder values for a reply (reflection_context.h).
#include "mirror/reflection_context.h"

#include <algorithm>

#include "text/data_file.h"

namespace interlude::mirror {
namespace {

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\'' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool IsClauseEnd(char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\n' ||
         c == '(' || c == ')' || c == '"';
}

bool IsSentenceEnd(char c) { return c == '.' || c == '!' || c == '?' || c == '\n'; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

int CountWords(std::string_view s) {
  int n = 0;
  bool in = false;
  for (char c : s) {
    const bool w = IsWordChar(c);
    if (w && !in) ++n;
    in = w;
  }
  return n;
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r' ||
                   s[e - 1] == '.' || s[e - 1] == ',' || s[e - 1] == '!' || s[e - 1] == '?' ||
                   s[e - 1] == ';' || s[e - 1] == ':')) {
    --e;
  }
  return std::string(s.substr(b, e - b));
}

// The first `max_words` words of `s`.
std::string FirstWords(std::string_view s, int max_words) {
  int n = 0;
  bool in = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool w = IsWordChar(s[i]);
    if (w && !in && ++n > max_words) return Trim(s.substr(0, i));
    in = w;
  }
  return Trim(s);
}

// [begin, end) of the sentence around byte `at`.
std::pair<size_t, size_t> SentenceAround(std::string_view text, size_t at) {
  size_t b = at;
  while (b > 0 && !IsSentenceEnd(text[b - 1])) --b;
  size_t e = at;
  while (e < text.size() && !IsSentenceEnd(text[e])) ++e;
  return {b, e};
}

// True when `at` is the first word of its sentence.
bool AtSentenceStart(std::string_view text, size_t at) {
  size_t b = at;
  while (b > 0 && (text[b - 1] == ' ' || text[b - 1] == '\t' || text[b - 1] == '"')) --b;
  return b == 0 || IsSentenceEnd(text[b - 1]);
}

// Lower-cases a phrase's first letter when it is capitalised only because it opened a
// sentence ("Fight with Sam" -> "fight with Sam"; "Sam" mid-sentence stays).
std::string Decapitalise(std::string phrase, bool at_sentence_start) {
  if (at_sentence_start && phrase.size() > 1 && phrase[0] >= 'A' && phrase[0] <= 'Z' &&
      !(phrase[1] >= 'A' && phrase[1] <= 'Z') && !(phrase[0] == 'I' && !IsWordChar(phrase[1]))) {
    phrase[0] = static_cast<char>(phrase[0] - 'A' + 'a');
  }
  return phrase;
}

bool Overlaps(const text::Span& a, size_t begin, size_t end) {
  return a.begin < end && begin < a.end;
}

// The clause from `begin`, to its end (punctuation, or a joining word after `min_end`) or
// `max_words` words.
std::string ClauseFrom(std::string_view text, size_t begin, size_t min_end, int max_words) {
  size_t e = min_end;
  while (e < text.size() && !IsClauseEnd(text[e])) {
    if (text[e] == ' ') {
      const std::string next = Lower(text.substr(e + 1, 11));
      bool joins = false;
      for (std::string_view w : {"and ", "but ", "because ", "so ", "though ", "while ",
                                 "even though", "even if", "although "}) {
        joins |= next.compare(0, w.size(), w) == 0;
      }
      if (joins) break;
    }
    ++e;
  }
  return FirstWords(text.substr(begin, e - begin), max_words);
}

// The word before byte `at` when it is a determiner or a subject pronoun ("a", "my",
// "she"), so a phrase reads as a noun phrase or a clause when paraphrased back.
size_t ExtendLeft(std::string_view text, size_t at) {
  size_t e = at;
  while (e > 0 && text[e - 1] == ' ') --e;
  if (e == at || e == 0) return at;
  size_t b = e;
  while (b > 0 && IsWordChar(text[b - 1])) --b;
  static const std::set<std::string> kWords = {
      "a",    "an",    "the",   "my",   "your", "his", "her",  "our", "their", "this",
      "that", "these", "those", "some", "she",  "he",  "they", "we",  "i",     "its"};
  return kWords.count(Lower(text.substr(b, e - b))) > 0 ? b : at;
}

// Verbs that make a key phrase a clause ("my chest feels tight", "she brought soup"), which
// reads wrongly where a template expects a noun phrase ("You wrote about {phrase}").
bool LooksLikeClause(const std::string& phrase, bool subject_added) {
  if (subject_added) return true;
  static const std::set<std::string> kVerbs = {
      "feel",        "feels",      "felt",  "think",   "thinks",   "thought", "keep",
      "keeps",       "kept",       "make",  "makes",   "made",     "get",     "gets",
      "got",         "is",         "was",   "are",     "were",     "am",      "im",
      "brought",     "said",       "says",  "told",    "tell",     "went",    "go",
      "goes",        "going",      "want",  "wants",   "need",     "needs",   "know",
      "knows",       "knew",       "seem",  "seems",   "look",     "looks",   "hate",
      "hates",       "love",       "loves", "can't",   "cant",     "don't",   "dont",
      "won't",       "didn't",     "didnt", "has",     "have",     "had",     "do",
      "does",        "did",        "can",   "could",   "would",    "should",  "will",
      "ruined",      "ruin",       "mess",  "messed",  "yelled",   "cried",   "cry",
      "lost",        "let",        "hurt",  "hurts",   "miss",     "missed",  "regarding",
      "being",       "trying",     "tried", "feeling", "thinking", "saying",  "doing",
      "expects",     "expect",     "asks",  "ask",     "tells",    "takes",   "take",
      "took",        "gives",      "give",  "gave",    "calls",    "ignores", "ignore",
      "understands", "understand", "cares", "care",    "works",    "sleeps",  "eats",
      "ate",         "leaves",     "left",  "came",    "comes",    "come",    "says",
      "see",         "sees",       "saw",   "wish",    "wishes",   "blame",   "blames",
      "forgot",      "forget",     "broke", "break",   "found",    "find",    "finds",
      "fought",      "fighting",   "argue", "argued",  "hates",    "laughed"};
  static const std::set<std::string> kNotNouns = {
      "year", "years",   "month", "months",  "week",     "weeks",     "day",
      "days", "ago",     "hours", "minutes", "sometime", "sometimes", "when",
      "if",   "because", "like",  "just",    "even",     "really",    "then",
      "also", "since",   "until", "while",   "whether",  "though",    "although"};
  std::string word;
  int index = 0;
  const auto check = [&]() {
    if (kNotNouns.count(word) > 0) {
      word.clear();
      ++index;
      return true;
    }
    const bool later = index > 0 && word.size() > 4;
    const bool verb = kVerbs.count(word) > 0 ||
                      (later && word.compare(word.size() - 2, 2, "ed") == 0) ||
                      (word.size() > 4 && word.compare(word.size() - 2, 2, "ly") == 0);
    ++index;
    word.clear();
    return verb;
  };
  static const std::set<std::string> kOpenEnds = {"than", "of", "to", "for", "with", "about",
                                                  "in",   "on", "at", "and", "or",   "but",
                                                  "the",  "a",  "an", "my",  "your", "from"};
  std::string last;
  for (char c : Lower(phrase)) {
    if (IsWordChar(c)) {
      word += c;
    } else if (!word.empty()) {
      last = word;
      if (check()) return true;
    }
  }
  if (!word.empty()) {
    last = word;
    if (check()) return true;
  }
  // A phrase that stops on a joining word ("different than") is a fragment.
  return kOpenEnds.count(last) > 0;
}

bool PositiveEmotion(text::Emotion e) {
  return e == text::Emotion::kJoy || e == text::Emotion::kGratitude || e == text::Emotion::kHope ||
         e == text::Emotion::kCalm;
}

bool NegatedBefore(const std::string& lower, size_t at) {
  const size_t from = at > 14 ? at - 14 : 0;
  const std::string before = lower.substr(from, at - from);
  return before.find("not ") != std::string::npos || before.find("never ") != std::string::npos ||
         before.find("n't ") != std::string::npos || before.find("didnt ") != std::string::npos ||
         before.find("dont ") != std::string::npos || before.find("cant ") != std::string::npos ||
         before.find("couldnt ") != std::string::npos || before.find("no one ") != std::string::npos ||
         before.find("nobody ") != std::string::npos;
}

}  // namespace

Result<EntryWords> EntryWords::FromTables(const TemplateSet& set, const std::string& path) {
  EntryWords w;
  for (const auto& row : set.Table("feeling")) {
    if (row.size() != 3) return InvalidArgument(path + ": @feeling needs emotion, adjective, noun");
    w.feelings[row[0]] = {row[1], row[2]};
  }
  for (const auto& row : set.Table("theme")) {
    if (row.size() != 2) return InvalidArgument(path + ": @theme needs theme and words");
    w.themes[row[0]] = row[1];
  }
  for (const auto& row : set.Table("did")) {
    for (const std::string& cue : row) {
      if (!cue.empty()) w.did_cues.push_back(Lower(cue));
    }
  }
  for (const auto& row : set.Table("never_quote")) {
    for (const std::string& word : row) {
      if (!word.empty()) w.never_quote.insert(Lower(word));
    }
  }
  return w;
}

bool EntryWords::Quotable(std::string_view phrase) const {
  const std::string lower = Lower(phrase);
  size_t i = 0;
  while (i < lower.size()) {
    if (!IsWordChar(lower[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < lower.size() && IsWordChar(lower[j])) ++j;
    if (never_quote.count(lower.substr(i, j - i)) > 0) return false;
    i = j;
  }
  return true;
}

const std::set<std::string>& EntryPlaceholders() {
  static const std::set<std::string> kNames = {"phrase",       "phrase2",  "quote",    "feeling",
                                               "feeling_noun", "feeling2", "theme",    "evidence",
                                               "did",          "topic",    "exercise", "want",
                                               "reason",       "topics",   "feelings", "echo"};
  return kNames;
}

std::vector<std::string> SalientPhrases(std::string_view text, const text::Analysis& analysis,
                                        size_t max, std::vector<bool>* clauses) {
  std::vector<std::string> out;
  if (clauses != nullptr) clauses->clear();
  if (analysis.risk.level != text::RiskLevel::kNone || !analysis.risk.findings.empty()) return out;
  std::vector<std::string> seen;
  const auto add = [&](std::string phrase, bool clause) {
    if (phrase.empty() || CountWords(phrase) == 0) return;
    const std::string key = Lower(phrase);
    for (const std::string& s : seen) {
      if (s.find(key) != std::string::npos || key.find(s) != std::string::npos) return;
    }
    seen.push_back(key);
    out.push_back(std::move(phrase));
    if (clauses != nullptr) clauses->push_back(clause);
  };
  for (const std::string& kp : analysis.key_phrases) {
    if (out.size() >= max) break;
    const size_t at = text.find(kp);
    if (at == std::string_view::npos) continue;
    const auto [sb, se] = SentenceAround(text, at);
    const std::string sentence = Trim(text.substr(sb, se - sb));
    const int sentence_words = CountWords(sentence);
    bool feeling_word = false;
    for (const text::EmotionScore& e : analysis.emotions) {
      for (const text::Span& sp : e.evidence) feeling_word |= Overlaps(sp, at, at + kp.size());
    }
    if (sentence_words >= 2 && sentence_words <= 5 && !feeling_word) {
      const size_t start = text.find(sentence, sb);
      add(Decapitalise(sentence, start != std::string_view::npos && AtSentenceStart(text, start)),
          LooksLikeClause(sentence, false));
      continue;
    }
    const int words = CountWords(kp);
    // A lone word is used only when it names a theme ("boss", "sister"): a lone feeling word
    // ("Bad") is named by {feeling}, and other lone words are too often verbs ("happen").
    if (words == 1) {
      const std::string lower_kp = Lower(kp);
      const bool verb_form =
          lower_kp.size() > 4 && (lower_kp.compare(lower_kp.size() - 2, 2, "ed") == 0 ||
                                  lower_kp.compare(lower_kp.size() - 3, 3, "ing") == 0);
      if (verb_form) continue;
      bool theme_word = false;
      for (const text::ThemeScore& t : analysis.themes) {
        for (const text::Span& sp : t.evidence) theme_word |= Overlaps(sp, at, at + kp.size());
      }
      if (feeling_word || !theme_word || kp.size() < 3) continue;
    }
    const size_t from = ExtendLeft(text, at);
    const std::string phrase(text.substr(from, at + kp.size() - from));
    static const std::set<std::string> kSubjects = {"she", "he", "they", "we", "i", "it"};
    const bool subject =
        from != at && kSubjects.count(Lower(Trim(text.substr(from, at - from)))) > 0;
    add(Decapitalise(FirstWords(phrase, 6), AtSentenceStart(text, from)),
        LooksLikeClause(phrase, subject));
  }
  return out;
}

TemplateContext BuildEntryContext(std::string_view text, const text::Analysis& analysis,
                                  const StyleTarget& target, const EntryWords& words,
                                  const safety::SafeMessagingChecker& checker) {
  TemplateContext c;
  const double compound = analysis.sentiment.compound;
  // A hard feeling named outright counts as negative even when the words score neutral
  // ("my chest feels tight").
  const bool hard_feeling = !analysis.emotions.empty() &&
                            !PositiveEmotion(analysis.emotions[0].emotion) &&
                            analysis.emotions[0].emotion != text::Emotion::kSurprise;
  // Without a feeling named, a mildly negative score is not enough ("Walked the dog around
  // the block" scores negative on "block").
  const bool neg = (compound <= -0.05 && (!analysis.emotions.empty() || compound <= -0.5)) ||
                   (hard_feeling && compound < 0.3);
  // A hard feeling named outright never reads as a good day, however the words score ("my
  // manager assured me my job is secure, but I cannot concentrate" scores positive).
  c.flags.insert(neg ? "neg" : compound >= 0.05 && !hard_feeling ? "pos" : "neutral");
  if (analysis.sentiment.positive >= 0.1 && analysis.sentiment.negative >= 0.1) {
    c.flags.insert("mixed");
  }
  const int n = target.writer_words;
  c.flags.insert(n >= 30 ? "long" : "short");
  if (target.terse) c.flags.insert("terse");
  c.flags.insert(target.formal ? "formal" : "casual");
  if (target.lower_case) c.flags.insert("lower");
  if (text.find('?') != std::string_view::npos) c.flags.insert("asks");

  const auto set_value = [&](const std::string& name, const std::string& value) {
    if (value.empty() || !words.Quotable(value) || !checker.Check(value).empty()) return;
    c.values[name] = value;
  };
  for (size_t i = 0; i < analysis.emotions.size() && i < 2; ++i) {
    const std::string name(text::EmotionName(analysis.emotions[i].emotion));
    c.flags.insert((i == 0 ? "emotion:" : "emotion2:") + name);
  }
  if (!analysis.emotions.empty()) {
    const text::Emotion first = analysis.emotions[0].emotion;
    if (const auto it = words.feelings.find(std::string(text::EmotionName(first)));
        it != words.feelings.end()) {
      c.flags.insert("feeling");
      set_value("feeling", it->second.first);
      set_value("feeling_noun", it->second.second);
    }
    // {feeling2}: the strongest feeling pulling the other way ("anxious" and "calm").
    for (size_t i = 1; i < analysis.emotions.size(); ++i) {
      const text::Emotion e = analysis.emotions[i].emotion;
      if (PositiveEmotion(e) == PositiveEmotion(first)) continue;
      if (const auto it = words.feelings.find(std::string(text::EmotionName(e)));
          it != words.feelings.end()) {
        set_value("feeling2", it->second.first);
      }
      break;
    }
  }
  if (!analysis.themes.empty()) {
    const std::string& theme = analysis.themes[0].theme;
    c.flags.insert("theme:" + theme);
    if (const auto it = words.themes.find(theme); it != words.themes.end()) {
      set_value("theme", it->second);
    }
  }
  const bool risky =
      analysis.risk.level != text::RiskLevel::kNone || !analysis.risk.findings.empty();
  if (risky) c.flags.insert("risk");
  for (const text::DistortionFinding& d : analysis.distortions) {
    c.flags.insert("distortion:" + std::string(text::DistortionName(d.type)));
    c.flags.insert("distortion");
  }
  // Self-criticism ("hard on yourself" fits it): shame, or a thinking trap aimed at oneself.
  if (!analysis.emotions.empty() && analysis.emotions[0].emotion == text::Emotion::kShame) {
    c.flags.insert("self_critical");
  }
  if (!analysis.distortions.empty()) {
    static const std::set<std::string> kAtOneself = {
        "labeling",        "all_or_nothing",       "should_statements",
        "personalization", "discounting_positive", "mental_filter"};
    if (kAtOneself.count(std::string(text::DistortionName(analysis.distortions[0].type))) > 0) {
      c.flags.insert("self_critical");
    }
  }
  if (risky) return c;  // nothing of theirs is quoted back

  // {echo}: a short plain first sentence, said back. Not for thinking traps or
  // self-criticism ("I'm such a failure" must never come back as "you're such a failure").
  const bool self_critical =
      !analysis.distortions.empty() ||
      (!analysis.emotions.empty() && analysis.emotions[0].emotion == text::Emotion::kShame);
  if (!self_critical) {
    size_t end = 0;
    while (end < text.size() && !IsSentenceEnd(text[end])) ++end;
    const bool question = end < text.size() && text[end] == '?';
    const std::string first = Trim(text.substr(0, end));
    const int n_words = CountWords(first);
    if (!question && n_words >= 3 && n_words <= 16 && first.find('"') == std::string::npos) {
      std::string echo = FlipPerson(first);
      // Lower-case the opening word unless it may be a name ("Sam called").
      static const std::set<std::string> kStarters = {
          "the",     "my",   "you",        "your",    "it",        "this",    "that",
          "today",   "work", "everything", "nothing", "yesterday", "tonight", "we",
          "she",     "he",   "they",       "there",   "so",        "just",    "still",
          "feeling", "felt", "had",        "got",     "went",      "been",    "spent",
          "walked",  "a",    "an",         "another", "finally",   "really",  "having",
          "being",   "long", "bad",        "good",    "great",     "rough",   "tired",
          "not",     "no",   "some",       "things",  "life",      "school",  "home"};
      size_t w = 0;
      while (w < echo.size() && IsWordChar(echo[w])) ++w;
      const std::string opener = Lower(echo.substr(0, w));
      if (kStarters.count(opener) > 0) echo[0] = Lower(echo.substr(0, 1))[0];
      // Only a sentence with its subject ("Walked the dog" cannot follow "It sounds like").
      static const std::set<std::string> kSubjects = {
          "you",   "you're",  "you've",  "you'd",   "you'll",     "your",    "it",
          "it's",  "this",    "that",    "the",     "he",         "she",     "they",
          "there", "there's", "today",   "work",    "everything", "nothing", "things",
          "life",  "a",       "an",      "someone", "everyone",   "people",  "we",
          "he's",  "she's",   "they're", "school",  "home"};
      if (kSubjects.count(opener) > 0) {
        set_value("echo", echo);
        if (n_words <= 9 && echo.find(',') == std::string::npos) c.flags.insert("short_echo");
      }
    }
  }

  std::vector<bool> clauses;
  const std::vector<std::string> phrases = SalientPhrases(text, analysis, 3, &clauses);
  if (!phrases.empty()) set_value("quote", phrases[0]);
  // {phrase} and {phrase2}: noun phrases only ("a difficult conversation").
  std::vector<std::string> nouns;
  for (size_t i = 0; i < phrases.size(); ++i) {
    if (!clauses[i]) nouns.push_back(FlipPerson(phrases[i]));
  }
  if (!nouns.empty()) set_value("phrase", nouns[0]);
  if (nouns.size() > 1) set_value("phrase2", nouns[1]);
  if (!analysis.distortions.empty()) {
    const text::Span ev = analysis.distortions[0].evidence;
    if (ev.end <= text.size() && ev.begin < ev.end) {
      std::string quote = ClauseFrom(text, ev.begin, ev.end, 9);
      if (CountWords(quote) >= 2) set_value("evidence", quote);
    // What the quoted words are an instance of: an invitation made for one kind of thinking
    // trap ("how sure can you be of what they are thinking?") fits only its own evidence.
    if (c.values.count("evidence") > 0) {
      c.flags.insert("evidence:" +
                     std::string(text::DistortionName(analysis.distortions[0].type)));
    }
    }
  }
  const std::string lower = Lower(text);
  for (const std::string& cue : words.did_cues) {
    size_t at = 0;
    bool found = false;
    while (!found && (at = lower.find(cue, at)) != std::string::npos) {
      const size_t end = at + cue.size();
      const bool bounded = (at == 0 || !IsWordChar(lower[at - 1])) &&
                           (end >= lower.size() || !IsWordChar(lower[end]));
      if (bounded && !NegatedBefore(lower, at)) {
        const std::string clause = ClauseFrom(text, at, end, 9);
        if (CountWords(clause) >= 2) {
          set_value("did", Decapitalise(FlipPerson(clause), AtSentenceStart(text, at)));
          if (c.values.count("did") > 0) {
            c.flags.insert("did");
            found = true;
          }
        }
      }
      at = end;
    }
    if (found) break;
  }
  return c;
}

}  // namespace interlude::mirror
