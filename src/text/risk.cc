// RiskAnalyzer: matching of the risk rules and the reading of their context (see risk.h).
#include "text/risk.h"

#include <algorithm>
#include <array>

namespace interlude::text {
namespace {

using risk_internal::Key;
using risk_internal::Rule;
using risk_internal::RuleKind;

// Higher wins when two findings have the same level.
int Priority(RiskCategory c) {
  switch (c) {
    case RiskCategory::kRecentAttempt: return 12;
    case RiskCategory::kPreparatory: return 11;
    case RiskCategory::kPlan: return 10;
    case RiskCategory::kIntent: return 9;
    case RiskCategory::kMethod: return 8;
    case RiskCategory::kSelfHarm: return 7;
    case RiskCategory::kHarmToOthers: return 6;
    case RiskCategory::kAbuseOrUnsafe: return 5;
    case RiskCategory::kSuicidalIdeation: return 4;
    case RiskCategory::kPassiveDeathWish: return 3;
    case RiskCategory::kThirdParty: return 2;
    case RiskCategory::kPastRisk: return 1;
    case RiskCategory::kNone: return 0;
  }
  return 0;
}

bool Outranks(const RiskFinding& a, const RiskFinding& b) {
  if (a.level != b.level) return a.level > b.level;
  return Priority(a.category) > Priority(b.category);
}

// Findings that show the writer's own suicidal thinking, which lets `ctx` rules count.
bool IsOwnSuicidal(const RiskFinding& f) {
  switch (f.category) {
    case RiskCategory::kPassiveDeathWish:
    case RiskCategory::kSuicidalIdeation:
    case RiskCategory::kMethod:
    case RiskCategory::kIntent:
    case RiskCategory::kPlan:
    case RiskCategory::kPreparatory:
    case RiskCategory::kRecentAttempt:
      return f.level >= RiskLevel::kModerate;
    default:
      return false;
  }
}

bool IsClauseWord(std::string_view w) {
  static constexpr std::array<std::string_view, 12> kWords = {
      "but", "and", "though", "although", "because", "so", "yet", "or", "cause", "when", "if",
      "while"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

enum class Person { kUnknown, kSelf, kOther, kYou };

}  // namespace

struct RiskAnalyzer::Match {
  int rule = -1;
  size_t begin = 0;
  size_t end = 0;
};

Result<std::unique_ptr<RiskAnalyzer>> RiskAnalyzer::Load(const std::string& data_root) {
  return Load(data_root, std::make_shared<Vocabulary>());
}

Result<std::unique_ptr<RiskAnalyzer>> RiskAnalyzer::Load(const std::string& data_root,
                                                         std::shared_ptr<Vocabulary> vocabulary) {
  const std::string lexicon = data_root + "/text/risk_lexicon.txt";
  ASSIGN_OR_RETURN(risk_internal::RuleSet rules,
                   risk_internal::LoadRuleSet(lexicon, data_root + "/text/risk_patterns.txt",
                                              vocabulary.get()));
  Classes c;
  struct Need {
    const char* name;
    int* index;
  };
  const Need needs[] = {
      {"ctx_self", &c.self},           {"ctx_other", &c.other},
      {"ctx_you", &c.you},             {"ctx_other_reflexive", &c.other_reflexive},
      {"ctx_neg", &c.neg},             {"ctx_neg_cancel", &c.neg_cancel},
      {"ctx_neg_past", &c.neg_past},   {"ctx_past", &c.past},
      {"ctx_recent", &c.recent},       {"ctx_immediate", &c.immediate},
      {"ctx_hyperbole", &c.hyperbole}, {"ctx_accident", &c.accident},
      {"ctx_fiction", &c.fiction},
  };
  for (const Need& n : needs) {
    *n.index = rules.ClassIndex(n.name);
    if (*n.index < 0) return InvalidArgument(lexicon + ": missing class @" + n.name);
  }
  rules.gap_stop_class = c.neg;
  return std::unique_ptr<RiskAnalyzer>(
      new RiskAnalyzer(std::move(vocabulary), std::move(rules), c));
}

void RiskAnalyzer::MatchSentence(const std::vector<Key>& keys, bool context_pass,
                                 std::vector<Match>* out) const {
  // The sentence's word ids, for the rules' requirements (which say nothing when a key is
  // elongated: it may match by its squashed form).
  risk_internal::WordBloom present;
  bool elongated = false;
  for (const Key& k : keys) {
    if (!k.is_word) continue;
    present.Add(k.word_id);
    elongated = elongated || k.elongated;
  }
  auto try_rule = [&](int ri, size_t pos) {
    const Rule& rule = rules_.rules[static_cast<size_t>(ri)];
    if ((rule.kind == RuleKind::kContext) != context_pass && rule.kind != RuleKind::kBlock) return;
    if (!elongated) {
      const auto r = static_cast<size_t>(ri);
      for (uint32_t q = rules_.requirement_begin[r]; q < rules_.requirement_begin[r + 1]; ++q) {
        if (!rules_.requirements[q].ids.Meets(present)) return;
      }
    }
    size_t end = 0;
    if (risk_internal::MatchRule(rules_, rule, keys, pos, &end)) out->push_back({ri, pos, end});
  };
  for (size_t pos = 0; pos < keys.size(); ++pos) {
    if (!keys[pos].is_word) continue;
    if (const auto* starting = risk_internal::RulesStartingWith(rules_, keys[pos].word_id)) {
      for (int ri : *starting) try_rule(ri, pos);
    }
    if (keys[pos].elongated && keys[pos].squashed != keys[pos].text) {
      const int32_t squashed = vocabulary_->Find(keys[pos].squashed);
      if (const auto* starting = risk_internal::RulesStartingWith(rules_, squashed)) {
        for (int ri : *starting) try_rule(ri, pos);
      }
    }
    for (int ri : rules_.prefix_first) try_rule(ri, pos);
  }
}

bool RiskAnalyzer::Judge(const std::vector<Key>& keys, const Match& m,
                         RiskFinding* f) const {
  const Rule& rule = rules_.rules[static_cast<size_t>(m.rule)];
  const auto has = [&](int cls, size_t from, size_t to) {
    to = std::min(to, keys.size());
    for (size_t p = from; p < to; ++p) {
      if (risk_internal::ClassAt(rules_, cls, keys, p) > 0) return true;
    }
    return false;
  };
  const auto in_sentence = [&](int cls) { return has(cls, 0, keys.size()); };
  f->level = rule.level;
  f->category = rule.category;
  f->rule = rule.id;
  f->evidence = Span{keys[m.begin].span.begin, keys[m.end - 1].span.end};
  const auto set = [&](RiskLevel level, RiskCategory category, const char* suffix) {
    f->level = level;
    f->category = category;
    f->rule = rule.id + suffix;
  };

  // Negation in the clause before the match: 0 none, 1 denial, 2 "haven't ... in years".
  int negation = 0;
  for (size_t back = 1; back <= 6 && back <= m.begin; ++back) {
    const size_t p = m.begin - back;
    if (!keys[p].is_word || IsClauseWord(keys[p].text)) break;
    const size_t len = risk_internal::ClassAt(rules_, cls_.neg, keys, p);
    if (len == 0) continue;
    if (risk_internal::ClassAt(rules_, cls_.neg_cancel, keys, p + len) > 0) continue;
    negation = risk_internal::ClassAt(rules_, cls_.neg_past, keys, p) > 0 ? 2 : 1;
    break;
  }

  // Who the match is about, and where that was said.
  Person person = Person::kUnknown;
  size_t subject_at = 0;
  for (size_t p = m.begin; p < m.end && person == Person::kUnknown; ++p) {
    if (risk_internal::ClassAt(rules_, cls_.other_reflexive, keys, p) > 0) {
      person = keys[p].text == "yourself" ? Person::kYou : Person::kOther;
      subject_at = p;
    }
  }
  for (size_t back = 1; back <= m.begin && person == Person::kUnknown; ++back) {
    const size_t p = m.begin - back;
    if (!keys[p].is_word) {
      if (keys[p].text == ";" || keys[p].text == ":") break;
      continue;
    }
    if (risk_internal::ClassAt(rules_, cls_.self, keys, p) > 0) {
      person = Person::kSelf;
    } else if (risk_internal::ClassAt(rules_, cls_.other, keys, p) > 0 || keys[p].capitalised) {
      person = Person::kOther;
    } else if (risk_internal::ClassAt(rules_, cls_.you, keys, p) > 0) {
      person = Person::kYou;
    }
    subject_at = p;
  }
  if (person == Person::kUnknown && has(cls_.self, m.begin, m.end)) {
    person = Person::kSelf;
    subject_at = m.begin;
  }
  const size_t fiction_from = person == Person::kUnknown ? 0 : subject_at + 1;
  const bool fiction = has(cls_.fiction, fiction_from, m.end + 4);
  const bool past = in_sentence(cls_.past) && !in_sentence(cls_.recent);

  switch (rule.kind) {
    case RuleKind::kBlock:
      return false;
    case RuleKind::kPast:
      if (negation == 1) return false;
      set(RiskLevel::kLow, RiskCategory::kPastRisk, "");
      return true;
    case RuleKind::kThird:
      if (fiction || negation != 0) return false;
      set(RiskLevel::kLow, RiskCategory::kThirdParty, "");
      return true;
    case RuleKind::kVictim: {
      if (negation != 0) return false;
      const bool writer_named = has(cls_.self, m.begin, m.end);
      if (!writer_named && person == Person::kOther) {
        if (fiction) return false;
        set(RiskLevel::kLow, RiskCategory::kThirdParty, "/third");
        return true;
      }
      if (past) {
        set(RiskLevel::kLow, RiskCategory::kPastRisk, "/past");
      } else if (f->level == RiskLevel::kModerate && in_sentence(cls_.immediate)) {
        set(RiskLevel::kHigh, f->category, "/now");
      }
      return true;
    }
    case RuleKind::kSelf:
    case RuleKind::kSelfExplicit:
    case RuleKind::kContext:
    case RuleKind::kOther:
      break;
  }

  if (in_sentence(cls_.hyperbole)) return false;
  if (negation == 1) return false;
  if (negation == 2) {
    if (f->category != RiskCategory::kSelfHarm && f->category != RiskCategory::kRecentAttempt) {
      return false;
    }
    set(RiskLevel::kLow, RiskCategory::kPastRisk, "/past");
    return true;
  }
  if (rule.kind == RuleKind::kSelfExplicit && person != Person::kSelf) return false;
  if (person == Person::kYou) return false;
  if (person == Person::kOther) {
    if (fiction) return false;
    set(RiskLevel::kLow, RiskCategory::kThirdParty, "/third");
    return true;
  }
  if (fiction) return false;
  if (rule.kind == RuleKind::kOther) return true;
  const bool harm_or_attempt = f->category == RiskCategory::kSelfHarm ||
                               f->category == RiskCategory::kRecentAttempt ||
                               f->category == RiskCategory::kMethod;
  if (harm_or_attempt && in_sentence(cls_.accident)) return false;
  if (past) {
    set(RiskLevel::kLow, RiskCategory::kPastRisk, "/past");
    return true;
  }
  if (in_sentence(cls_.immediate)) {
    if (f->category == RiskCategory::kSuicidalIdeation ||
        f->category == RiskCategory::kPassiveDeathWish) {
      set(RiskLevel::kHigh, RiskCategory::kIntent, "/now");
    } else if (f->category == RiskCategory::kSelfHarm) {
      set(RiskLevel::kHigh, RiskCategory::kSelfHarm, "/now");
    }
  }
  return true;
}

RiskAssessment RiskAnalyzer::Analyze(const Document& doc) const {
  RiskAssessment out;
  const TokenWords words(doc, *vocabulary_);
  // Per-thread scratch reused between calls: the keys of each sentence and its matches.
  thread_local std::vector<std::vector<Key>> sentence_keys;
  thread_local std::vector<Match> matches;
  if (sentence_keys.size() < doc.sentences.size()) sentence_keys.resize(doc.sentences.size());
  struct Release {  // a very long text's keys are not kept for the thread's lifetime
    size_t sentences;
    ~Release() {
      if (sentences > 256) {
        sentence_keys = {};
        matches = {};
      }
    }
  } release{doc.sentences.size()};
  bool own_suicidal = false;
  for (int pass = 0; pass < 2; ++pass) {
    if (pass == 1 && !own_suicidal) break;
    for (size_t si = 0; si < doc.sentences.size(); ++si) {
      if (pass == 0) {
        sentence_keys[si].clear();
        risk_internal::SentenceKeys(rules_, doc, words, doc.sentences[si], &sentence_keys[si]);
      }
      const std::vector<Key>& keys = sentence_keys[si];
      matches.clear();
      MatchSentence(keys, pass == 1, &matches);
      if (matches.empty()) continue;
      for (const Match& m : matches) {
        const Rule& rule = rules_.rules[static_cast<size_t>(m.rule)];
        if (rule.kind == RuleKind::kBlock) continue;
        const bool blocked = std::any_of(matches.begin(), matches.end(), [&](const Match& b) {
          return rules_.rules[static_cast<size_t>(b.rule)].kind == RuleKind::kBlock &&
                 b.begin < m.end && m.begin < b.end;
        });
        if (blocked) continue;
        RiskFinding f;
        if (!Judge(keys, m, &f)) continue;
        if (IsOwnSuicidal(f)) own_suicidal = true;
        // One finding per category and sentence: keep the higher level, else the first.
        auto same = std::find_if(out.findings.begin(), out.findings.end(), [&](const RiskFinding& g) {
          return g.category == f.category &&
                 g.evidence.begin >= doc.sentences[si].span.begin &&
                 g.evidence.end <= doc.sentences[si].span.end;
        });
        if (same == out.findings.end()) {
          out.findings.push_back(std::move(f));
        } else if (f.level > same->level) {
          *same = std::move(f);
        }
      }
    }
  }
  for (const RiskFinding& f : out.findings) {
    if (out.level == RiskLevel::kNone || Outranks(f, RiskFinding{out.level, out.category, {}, {}})) {
      out.level = f.level;
      out.category = f.category;
    }
  }
  return out;
}

}  // namespace interlude::text
