// Template files, conditions, placeholders and the choice of a reply (templates.h).
#include "mirror/templates.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

#include "text/data_file.h"

namespace interlude::mirror {
namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? tab : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return out;
}

std::vector<std::string> SplitOn(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t at = s.find(sep, start);
    out.emplace_back(s.substr(start, at == std::string_view::npos ? at : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

// The placeholder names of `text`, in order; false when a brace is unbalanced.
bool Placeholders(const std::string& text, std::vector<std::string>& names) {
  size_t at = 0;
  while ((at = text.find_first_of("{}", at)) != std::string::npos) {
    if (text[at] == '}') return false;
    const size_t close = text.find('}', at);
    if (close == std::string::npos) return false;
    const std::string name = text.substr(at + 1, close - at - 1);
    if (name.empty() || name.find('{') != std::string::npos) return false;
    names.push_back(name);
    at = close + 1;
  }
  return true;
}

// Copies `text` to `out`, putting `fill(name)` in place of each {name}; false when a
// placeholder is not closed or `fill` has nothing for it (std::nullopt). One scanner for
// filling and for counting a template's own words.
template <typename Fill>
bool ReplacePlaceholders(const std::string& text, std::string& out, const Fill& fill) {
  out.clear();
  size_t at = 0;
  while (at < text.size()) {
    const size_t open = text.find('{', at);
    if (open == std::string::npos) {
      out += text.substr(at);
      break;
    }
    out += text.substr(at, open - at);
    const size_t close = text.find('}', open);
    if (close == std::string::npos) return false;
    const std::optional<std::string_view> value = fill(text.substr(open + 1, close - open - 1));
    if (!value) return false;
    out += *value;
    at = close + 1;
  }
  return true;
}

// The text with every placeholder removed (for counting the fixed words); templates are
// checked when loaded, so every placeholder is closed.
std::string WithoutPlaceholders(const std::string& text) {
  std::string out;
  (void)ReplacePlaceholders(text, out, [](const std::string&) {
    return std::optional<std::string_view>("");
  });
  return out;
}

}  // namespace

bool TemplateContext::Holds(std::string_view condition) const {
  if (!condition.empty() && condition.front() == '!') return !Holds(condition.substr(1));
  const size_t colon = condition.find(':');
  if (colon == std::string_view::npos) return flags.count(std::string(condition)) > 0;
  const std::string name(condition.substr(0, colon));
  for (const std::string& alt : SplitOn(condition.substr(colon + 1), '|')) {
    if (flags.count(name + ":" + alt) > 0) return true;
  }
  return false;
}

bool TemplateContext::HoldsAll(const std::vector<std::string>& conditions) const {
  for (const std::string& c : conditions) {
    if (!Holds(c)) return false;
  }
  return true;
}

Result<TemplateSet> TemplateSet::Load(const std::string& path, const std::set<std::string>& slots,
                                      const std::set<std::string>& placeholders,
                                      const safety::SafeMessagingChecker& checker,
                                      const StyleCounter& counter) {
  TemplateSet set;
  std::set<std::string> ids;
  RETURN_IF_ERROR(text::ForEachDataLine(
      path, "mirror templates", [&](const std::string& line, int number) -> Status {
        std::vector<std::string> f = SplitTabs(line);
        if (!line.empty() && line[0] == '@') {
          if (f.size() < 2) return text::DataLineError(path, number, "a table row needs a key");
          const std::string name = f[0].substr(1);
          f.erase(f.begin());
          set.tables_[name].push_back(std::move(f));
          return OkStatus();
        }
        if (f.size() != 5) {
          return text::DataLineError(path, number, "expected id, slot, act, when and text");
        }
        Template t;
        t.id = f[0];
        t.id_hash = HashString(t.id);
        t.slot = f[1];
        t.line = number;
        if (t.id.empty() || !ids.insert(t.id).second) {
          return text::DataLineError(path, number, "empty or duplicate template id");
        }
        if (slots.count(t.slot) == 0) {
          return text::DataLineError(path, number, "unknown slot '" + t.slot + "'");
        }
        if (!ParseAct(f[2], t.act)) {
          return text::DataLineError(path, number, "unknown act '" + f[2] + "'");
        }
        if (f[3] != "-") t.when = SplitOn(f[3], ',');
        t.text = f[4];
        {
          std::string lower = t.text;
          for (char& ch : lower)
            ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
          t.sounds = lower.find("sound") != std::string::npos;
        }
        if (t.text.empty() || !Placeholders(t.text, t.placeholders)) {
          return text::DataLineError(path, number, "empty text or unbalanced braces");
        }
        std::map<std::string, std::string> neutral;
        for (const std::string& p : t.placeholders) {
          if (placeholders.count(p) == 0) {
            return text::DataLineError(path, number, "unknown placeholder {" + p + "}");
          }
          neutral[p] = "this";
        }
        std::string filled;
        FillTemplate(t.text, neutral, filled);
        for (const bool contract : {false, true}) {
          StyleTarget register_only;
          register_only.contractions = contract;
          const std::string rendered = ApplyRegister(filled, register_only);
          if (const std::vector<safety::Violation> v = checker.Check(rendered); !v.empty()) {
            return text::DataLineError(
                path, number,
                "template fails the safe-messaging rule " + v[0].rule + " (" + v[0].category + ")");
          }
          const std::string fixed = ApplyRegister(WithoutPlaceholders(t.text), register_only);
          (contract ? t.counts_contracted : t.counts_full) = counter.Count(fixed);
        }
        set.templates_.push_back(std::move(t));
        return OkStatus();
      }));
  return set;
}

std::vector<const Template*> TemplateSet::OfSlot(std::string_view slot) const {
  std::vector<const Template*> out;
  for (const Template& t : templates_) {
    if (t.slot == slot) out.push_back(&t);
  }
  return out;
}

const std::vector<std::vector<std::string>>& TemplateSet::Table(const std::string& name) const {
  static const std::vector<std::vector<std::string>> kEmpty;
  const auto it = tables_.find(name);
  return it == tables_.end() ? kEmpty : it->second;
}

bool FillTemplate(const std::string& text, const std::map<std::string, std::string>& values,
                  std::string& out) {
  const bool filled = ReplacePlaceholders(
      text, out, [&values](const std::string& name) -> std::optional<std::string_view> {
        const auto it = values.find(name);
        if (it == values.end() || it->second.empty()) return std::nullopt;
        return it->second;
      });
  if (!filled) return false;
  // A sentence starts with a capital even when a placeholder opens it.
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return true;
}

std::vector<Candidate> BuildCandidates(const TemplateSet& set, std::string_view slot,
                                       const TemplateContext& context, const StyleTarget& target,
                                       const StyleCounter& counter,
                                       const std::set<std::string>* banned) {
  std::vector<Candidate> out;
  std::string filled;
  for (const Template* t : set.OfSlot(slot)) {
    if (banned != nullptr && banned->count(t->id) > 0) continue;
    if (!context.HoldsAll(t->when)) continue;
    if (!FillTemplate(t->text, context.values, filled)) continue;
    Candidate c;
    c.source = t;
    c.text = ApplyRegister(filled, target);
    if (t->placeholders.empty()) {
      c.counts = target.contractions ? t->counts_contracted : t->counts_full;
    } else {
      c.counts = counter.Count(c.text);
    }
    out.push_back(std::move(c));
  }
  return out;
}

namespace {

struct Search {
  const ChooseOptions& options;
  const std::set<const Candidate*>& excluded;
  std::vector<std::vector<const Candidate*>> parts;  // trimmed, per shape part
  std::vector<const Candidate*> current;
  FunctionCounts counts;
  double bonus = 0;
  Choice best;

  void Run(size_t part, std::uint64_t hash) {
    if (part == parts.size()) {
      const double lsm =
          options.target->profile != nullptr ? LsmAgainst(counts, *options.target->profile) : 0;
      const double fit = LengthFit(counts.words, options.target->target_words);
      const double jitter =
          static_cast<double>(Mix(options.seed, hash) % 1000) / 100000.0;  // < 0.01
      const double score = lsm + options.length_weight * fit + jitter + bonus;
      if (score > best.score) {
        best.score = score;
        best.sentences = current;
      }
      return;
    }
    for (const Candidate* c : parts[part]) {
      bool repeat = false;
      for (const Candidate* prev : current) {
        repeat |= prev->source == c->source || (prev->source->sounds && c->source->sounds);
      }
      if (repeat) continue;
      const FunctionCounts saved = counts;
      const double saved_bonus = bonus;
      counts += c->counts;
      if (c->source->act == Act::kAffirmation) bonus += options.affirmation_bonus;
      current.push_back(c);
      Run(part + 1, Mix(hash, c->source->id_hash));
      current.pop_back();
      counts = saved;
      bonus = saved_bonus;
    }
  }
};

// At most this many candidates per part are tried (chosen by the seed), so a reply costs
// a bounded number of combinations.
constexpr size_t kMaxPerPart = 14;

}  // namespace

Choice ChooseBest(const std::vector<Shape>& shapes, const ChooseOptions& options) {
  std::set<const Candidate*> excluded;
  for (int attempt = 0; attempt < 12; ++attempt) {
    Choice best;
    for (const Shape& shape : shapes) {
      Search search{options, excluded, {}, {}, {}, 0, {}};
      bool empty = false;
      for (const std::vector<Candidate>* part : shape) {
        std::vector<const Candidate*> list;
        for (const Candidate& c : *part) {
          if (excluded.count(&c) > 0) continue;
          if (options.banned != nullptr && options.banned->count(c.source->id) > 0) continue;
          list.push_back(&c);
        }
        if (list.size() > kMaxPerPart) {
          // Keep the candidates that match the writer best on their own (ties by seed).
          std::vector<std::pair<double, const Candidate*>> ranked;
          for (const Candidate* c : list) {
            const double alone = options.target->profile != nullptr
                                     ? LsmAgainst(c->counts, *options.target->profile)
                                     : 0;
            const double jitter =
                static_cast<double>(Mix(options.seed, c->source->id_hash) % 1000) / 100000.0;
            ranked.emplace_back(-(alone + jitter), c);
          }
          std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
            return a.first < b.first ||
                   (a.first == b.first && a.second->source->id < b.second->source->id);
          });
          list.clear();
          for (size_t i = 0; i < kMaxPerPart; ++i) list.push_back(ranked[i].second);
        }
        if (list.empty()) empty = true;
        search.parts.push_back(std::move(list));
      }
      if (empty || shape.empty()) continue;
      search.Run(0, 0);
      if (search.best.score > best.score) best = std::move(search.best);
    }
    if (best.sentences.empty() || options.checker == nullptr) return best;
    bool clean = true;
    for (const Candidate* c : best.sentences) {
      if (options.checker->Check(c->text).empty()) continue;
      clean = false;
      excluded.insert(c);
      // The template passed at load, so the words filled in made it fail: leave out every
      // candidate filled with the same placeholders, instead of finding them one by one.
      for (const Shape& shape : shapes) {
        for (const std::vector<Candidate>* part : shape) {
          for (const Candidate& other : *part) {
            for (const std::string& p : other.source->placeholders) {
              if (std::find(c->source->placeholders.begin(), c->source->placeholders.end(), p) !=
                  c->source->placeholders.end()) {
                excluded.insert(&other);
              }
            }
          }
        }
      }
    }
    if (clean) return best;
  }
  return {};
}

Reply ToReply(const Choice& choice, const StyleTarget& target) {
  Reply reply;
  for (const Candidate* c : choice.sentences) {
    reply.sentences.push_back({c->text, c->source->act, c->source->id});
  }
  if (!reply.sentences.empty()) {
    ReplySentence& last = reply.sentences.back();
    const bool positive = last.act == Act::kAffirmation || last.act == Act::kSimpleReflection ||
                          last.act == Act::kComplexReflection;
    ApplyFinish(last.text, target, positive);
  }
  return reply;
}

}  // namespace interlude::mirror
