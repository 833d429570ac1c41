// Intent recognition for the companion (intent.h).
#include "mirror/intent.h"

#include <array>
#include <charconv>
#include <utility>

namespace interlude::mirror {
namespace {

constexpr std::array<std::pair<Intent, std::string_view>, 9> kIntentNames = {{
    {Intent::kGreeting, "greeting"},
    {Intent::kGoodbye, "goodbye"},
    {Intent::kThanks, "thanks"},
    {Intent::kVenting, "venting"},
    {Intent::kAskingAdvice, "asking_advice"},
    {Intent::kAskingWhatItIs, "asking_what_it_is"},
    {Intent::kOffTopic, "off_topic"},
    {Intent::kAgreement, "agreement"},
    {Intent::kDecline, "decline"},
}};

// The order in which intents win when several match.
constexpr std::array<Intent, 8> kPrecedence = {
    Intent::kAskingWhatItIs, Intent::kOffTopic, Intent::kAskingAdvice, Intent::kDecline,
    Intent::kAgreement,      Intent::kGoodbye,  Intent::kThanks,       Intent::kGreeting,
};

std::vector<std::string> SplitOn(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    const size_t at = s.find(sep, start);
    const std::string part = s.substr(start, at == std::string::npos ? at : at - start);
    if (!part.empty()) out.push_back(part);
    if (at == std::string::npos) break;
    start = at + 1;
  }
  return out;
}

}  // namespace

std::string_view IntentName(Intent intent) {
  for (const auto& [i, name] : kIntentNames) {
    if (i == intent) return name;
  }
  return "venting";
}

bool ParseIntent(std::string_view name, Intent& out) {
  for (const auto& [i, n] : kIntentNames) {
    if (n == name) {
      out = i;
      return true;
    }
  }
  return false;
}

std::vector<std::string> MessageWords(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= 'A' && c <= 'Z') {
      current += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               static_cast<unsigned char>(c) >= 0x80) {
      // Curly apostrophes (U+2019) are dropped like straight ones.
      if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < text.size() &&
          static_cast<unsigned char>(text[i + 1]) == 0x80 &&
          static_cast<unsigned char>(text[i + 2]) == 0x99) {
        i += 2;
        continue;
      }
      current += c;
    } else if (c == '\'') {
      continue;
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

Result<IntentRules> IntentRules::FromRows(const std::vector<std::vector<std::string>>& rows,
                                          const std::string& path) {
  IntentRules rules;
  for (const std::vector<std::string>& row : rows) {
    Rule rule;
    if (row.size() != 3 || !ParseIntent(row[0], rule.intent)) {
      return InvalidArgument(path + ": @intent needs a known intent, max_words and a pattern");
    }
    int max_words = -1;
    const char* end = row[1].data() + row[1].size();
    const auto [ptr, ec] = std::from_chars(row[1].data(), end, max_words);
    if (ec != std::errc() || ptr != end || max_words < 0) {
      return InvalidArgument(path + ": @intent " + row[0] + ": bad max_words '" + row[1] + "'");
    }
    rule.max_words = static_cast<size_t>(max_words);
    for (const std::string& atom : SplitOn(row[2], ' ')) rule.atoms.push_back(SplitOn(atom, '|'));
    if (rule.atoms.empty())
      return InvalidArgument(path + ": @intent " + row[0] + ": empty pattern");
    rules.rules_.push_back(std::move(rule));
  }
  return rules;
}

bool IntentRules::RuleMatches(const Rule& rule, const std::vector<std::string>& words) {
  if (rule.max_words > 0 && words.size() > rule.max_words) return false;
  if (words.size() < rule.atoms.size()) return false;
  for (size_t start = 0; start + rule.atoms.size() <= words.size(); ++start) {
    bool all = true;
    for (size_t k = 0; k < rule.atoms.size() && all; ++k) {
      bool any = false;
      for (const std::string& alt : rule.atoms[k]) {
        if (alt == "*" || alt == words[start + k]) {
          any = true;
          break;
        }
      }
      all = any;
    }
    if (all) return true;
  }
  return false;
}

bool IntentRules::Matches(Intent intent, std::string_view text) const {
  const std::vector<std::string> words = MessageWords(text);
  for (const Rule& r : rules_) {
    if (r.intent == intent && RuleMatches(r, words)) return true;
  }
  return false;
}

Intent IntentRules::Classify(std::string_view text, const text::Analysis& analysis) const {
  const std::vector<std::string> words = MessageWords(text);
  const bool carries_feeling = !analysis.emotions.empty();
  for (const Intent intent : kPrecedence) {
    if (intent == Intent::kOffTopic && carries_feeling) continue;
    // "hi, I had an awful day" is venting, not a greeting.
    if (intent == Intent::kGreeting && carries_feeling && words.size() > 2) continue;
    for (const Rule& r : rules_) {
      if (r.intent == intent && RuleMatches(r, words)) return intent;
    }
  }
  return Intent::kVenting;
}

}  // namespace interlude::mirror
