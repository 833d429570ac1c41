// RiskAnalyzer: finds suicide, self-harm, harm-to-others and abuse language in a Document
// and grades it none/low/moderate/high with a category, the evidence span and a rule id.
//
// How it reads a sentence (details in docs/risk-language.md):
//   1. Rewrites slang and missing apostrophes ("kms" -> "kill myself", "im" -> "i'm").
//   2. Matches the rules of data/text/risk_patterns.txt; idiom rules ("dying to",
//      "to die for", "kill time") block the risk matches they overlap.
//   3. Reads the context of each match: negation before it ("I would never kill myself"),
//      who it is about (a third-person subject or reflexive makes it someone else's risk),
//      fiction/news ("the movie was about suicide"), hyperbole markers ("lol"), accidents
//      ("cut my finger cooking"), and time (history only -> past_risk; "tonight" -> intent).
//   4. Rules of kind `ctx` (method words, "I'm going to do it") count only when the same
//      document already shows the writer's own suicidal thinking.
//
// Level mapping (C-SSRS-style, ../shared/CLINICAL.md §6; a journal cannot ask follow-up
// questions, so text signals sit one step above the screener's triage row):
//   passive_death_wish          moderate   (Q1)
//   suicidal_ideation           moderate   (Q2; the safety layer then offers the screener)
//   method, intent, plan        high       (Q3-Q5: ideation with a method, intent or plan)
//   preparatory, recent_attempt high       (Q6 behaviour in the past 3 months)
//   self_harm                   moderate; high when medically serious or imminent
//   harm_to_others              moderate (urges, wishes); high (stated intent, weapon)
//   abuse_or_unsafe             moderate; high (strangulation, threats to kill, imminent)
//   third_party                 low (someone else at risk: resources for helping them)
//   past_risk                   low (history only, nothing current)
// Ideation or passive wish said with "tonight"/"right now" becomes intent (high).
//
// Words are compared by their ids in a Vocabulary (text/vocabulary.h), shared with the other
// analysers when the Analyzer loads them together.
//
// Thread-safety: immutable after Load; Analyze is const and may run concurrently.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "text/analysis.h"
#include "text/document.h"
#include "text/risk_rules.h"
#include "text/vocabulary.h"

namespace interlude::text {

class RiskAnalyzer {
 public:
  // Loads data_root/text/risk_lexicon.txt and data_root/text/risk_patterns.txt.
  // NotFound when a file is missing; InvalidArgument (file:line) when one is malformed or
  // lacks a class the code needs (@ctx_*).
  static Result<std::unique_ptr<RiskAnalyzer>> Load(const std::string& data_root);
  // The same, adding its words to `vocabulary` (shared with other analysers; loading only).
  static Result<std::unique_ptr<RiskAnalyzer>> Load(const std::string& data_root,
                                                    std::shared_ptr<Vocabulary> vocabulary);

  // The risk findings of `doc`: level and category of the highest finding (ties broken by
  // clinical priority: recent attempt, preparation, plan, intent, method, self-harm, ...),
  // and every finding with its evidence span and rule id. Never fails.
  RiskAssessment Analyze(const Document& doc) const;

 private:
  struct Classes {
    int self = -1, other = -1, you = -1, other_reflexive = -1;
    int neg = -1, neg_cancel = -1, neg_past = -1;
    int past = -1, recent = -1, immediate = -1;
    int hyperbole = -1, accident = -1, fiction = -1;
  };
  struct Match;

  RiskAnalyzer(std::shared_ptr<const Vocabulary> vocabulary, risk_internal::RuleSet rules,
               Classes classes)
      : vocabulary_(std::move(vocabulary)), rules_(std::move(rules)), cls_(classes) {}

  void MatchSentence(const std::vector<risk_internal::Key>& keys, bool context_pass,
                     std::vector<Match>* out) const;
  bool Judge(const std::vector<risk_internal::Key>& keys, const Match& m,
             RiskFinding* finding) const;

  std::shared_ptr<const Vocabulary> vocabulary_;  // rules_.vocabulary
  risk_internal::RuleSet rules_;
  Classes cls_;
};

}  // namespace interlude::text
