// The pre-session brief (brief.h).
#include "care/brief.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "base/ascii.h"
#include "base/time_format.h"
#include "care/mood_calendar.h"
#include "care/mood_words.h"

namespace interlude::care {
namespace {

bool InPeriod(UnixMillis at, const BriefInput& in) { return at >= in.from && at < in.to; }

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string Quote(std::string_view words) {
  return "\xE2\x80\x9C" + std::string(words) + "\xE2\x80\x9D";
}

BriefSection Section(const char* id, const char* title, bool shared) {
  BriefSection s;
  s.id = id;
  s.title = title;
  s.shared = shared;
  return s;
}

// A shared section with nothing behind it says so, without sources.
void Nothing(BriefSection& s, std::string text) { s.statements.push_back({std::move(text), {}}); }

double MeanValence(const std::vector<const BriefCheckin*>& c) {
  double sum = 0;
  for (const BriefCheckin* x : c) sum += x->valence;
  return sum / static_cast<double>(c.size());
}

std::vector<BriefSource> CheckinSources(const std::vector<const BriefCheckin*>& c) {
  std::vector<BriefSource> out;
  for (const BriefCheckin* x : c) out.push_back({"checkin", x->id, x->at});
  return out;
}

const BriefAssessment* FindAssessment(const BriefInput& in, const std::string& id) {
  for (const BriefAssessment& a : in.assessments) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

BriefSource AssessmentSource(const BriefAssessment& a) { return {"assessment", a.id, a.at}; }

std::vector<const BriefAssessment*> AssessmentsInPeriod(const BriefInput& in) {
  std::vector<const BriefAssessment*> now;
  for (const BriefAssessment& a : in.assessments) {
    if (InPeriod(a.at, in)) now.push_back(&a);
  }
  std::sort(now.begin(), now.end(),
            [](auto* a, auto* b) { return a->at != b->at ? a->at < b->at : a->id < b->id; });
  return now;
}

// The latest of each instrument in the period, newest first.
std::vector<const BriefAssessment*> LatestPerInstrument(const BriefInput& in) {
  const auto now = AssessmentsInPeriod(in);
  std::vector<const BriefAssessment*> out;
  for (auto it = now.rbegin(); it != now.rend(); ++it) {
    const bool seen = std::any_of(out.begin(), out.end(),
                                  [&](auto* a) { return a->instrument == (*it)->instrument; });
    if (!seen) out.push_back(*it);
  }
  return out;
}

std::string ThemeWords(const std::string& theme) {
  static const std::map<std::string, std::string, std::less<>> kWords = {
      {"body_eating", "body and eating"},
      {"loss_grief", "loss and grief"},
      {"news_world", "news and the world"},
      {"self_image", "self-image"},
      {"substance_use", "substance use"}};
  const auto it = kWords.find(theme);
  if (it != kWords.end()) return it->second;
  std::string out = theme;
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

std::vector<const BriefEntry*> EntriesInPeriod(const BriefInput& in) {
  std::vector<const BriefEntry*> out;
  for (const BriefEntry& e : in.entries) {
    if (InPeriod(e.at, in)) out.push_back(&e);
  }
  std::sort(out.begin(), out.end(),
            [](auto* a, auto* b) { return a->at != b->at ? a->at < b->at : a->id < b->id; });
  return out;
}

// What an entry says, for an extract: its text, else its fields, else its title.
std::string EntryBody(const BriefEntry& e) {
  if (!TrimAscii(e.text).empty()) return e.text;
  std::string out;
  for (const auto& [name, value] : e.fields) {
    if (TrimAscii(value).empty()) continue;
    if (!out.empty()) out += " / ";
    out += value;
  }
  return out.empty() ? e.title : out;
}

std::vector<const BriefEntry*> OrdinaryEntries(const BriefInput& in) {
  std::vector<const BriefEntry*> entries;
  for (const BriefEntry* e : EntriesInPeriod(in)) {
    if (e->kind != "session_prep") entries.push_back(e);  // those are the agenda
  }
  return entries;
}

std::string TierWords(const std::string& tier) {
  if (tier.empty()) return "An";
  std::string out = tier;
  out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string SourceWords(const std::string& source) {
  if (source == "entry") return "a journal entry";
  if (source == "checkin") return "a check-in note";
  if (source == "screening") return "a safety screening";
  if (source == "assessment") return "a questionnaire";
  return "an item";
}

}  // namespace

std::vector<BriefStatement> MoodStatements(const BriefInput& in) {
  std::vector<BriefStatement> out;
  std::vector<const BriefCheckin*> now, before;
  for (const BriefCheckin& c : in.checkins) {
    if (InPeriod(c.at, in)) now.push_back(&c);
    if (c.at >= in.from - kComparisonWindow && c.at < in.from) before.push_back(&c);
  }
  const auto by_time = [](const BriefCheckin* a, const BriefCheckin* b) {
    return a->at != b->at ? a->at < b->at : a->id < b->id;
  };
  std::sort(now.begin(), now.end(), by_time);
  std::sort(before.begin(), before.end(), by_time);
  if (now.empty()) return {};
  const double mean = MeanValence(now);
  double energy = 0;
  for (const BriefCheckin* x : now) energy += x->energy;
  energy /= static_cast<double>(now.size());
  std::string text = "Mood averaged " + OneDecimal(mean) + "/7 over " +
                     Plural(now.size(), "check-in", "check-ins");
  std::vector<BriefSource> sources = CheckinSources(now);
  if (!before.empty()) {
    const double earlier = MeanValence(before);
    const std::string e = OneDecimal(earlier);
    const std::string m = OneDecimal(mean);
    const std::string direction =
        m == e ? "the same as" : (mean < earlier ? "down from" : "up from");
    text += " (" + direction + " " + e + " over " + Plural(before.size(), "check-in", "check-ins") +
            " in the two weeks before)";
    const auto more = CheckinSources(before);
    sources.insert(sources.begin(), more.begin(), more.end());
  } else {
    text += " (no check-ins in the two weeks before to compare)";
  }
  text += "; energy averaged " + OneDecimal(energy) + "/5.";
  out.push_back({std::move(text), std::move(sources)});

  if (now.size() >= 4) {
    const size_t half = now.size() / 2;
    const std::vector<const BriefCheckin*> first(now.begin(),
                                                 now.begin() + static_cast<long>(half));
    const std::vector<const BriefCheckin*> last(now.end() - static_cast<long>(half), now.end());
    out.push_back({"Over the period, mood went from " + OneDecimal(MeanValence(first)) +
                       "/7 (the first " + std::to_string(half) + " check-ins) to " +
                       OneDecimal(MeanValence(last)) + "/7 (the last " + std::to_string(half) +
                       ").",
                   CheckinSources(now)});
  }
  if (now.size() >= 2) {
    const auto low = *std::min_element(now.begin(), now.end(),
                                       [](auto* a, auto* b) { return a->valence < b->valence; });
    const auto high = *std::max_element(now.begin(), now.end(),
                                        [](auto* a, auto* b) { return a->valence < b->valence; });
    if (low->valence != high->valence) {
      out.push_back({"Lowest mood " + std::to_string(low->valence) + "/7 on " + DateText(low->at) +
                         "; highest " + std::to_string(high->valence) + "/7 on " +
                         DateText(high->at) + ".",
                     {{"checkin", low->id, low->at}, {"checkin", high->id, high->at}}});
    } else {
      out.push_back(
          {"Every check-in in the period gave mood " + std::to_string(low->valence) + "/7.",
           CheckinSources(now)});
    }
  }
  return out;
}

std::vector<BriefStatement> ScoreStatements(const BriefInput& in) {
  std::vector<BriefStatement> out;
  for (const BriefAssessment* a : AssessmentsInPeriod(in)) {
    std::string text = a->name + " on " + DateText(a->at) + ": " + std::to_string(a->total) +
                       " of " + std::to_string(a->max_total) +
                       (a->band.empty() ? "" : " (" + a->band + ")") + ".";
    if (a->item9 && *a->item9 > 0) {
      text += " Item 9 (thoughts of being better off dead or of self-harm) scored " +
              std::to_string(*a->item9) + " of 3.";
    }
    out.push_back({std::move(text), {AssessmentSource(*a)}});
  }
  return out;
}

std::vector<BriefStatement> BandStatements(const BriefInput& in) {
  std::vector<BriefStatement> out;
  for (const BriefAssessment* a : LatestPerInstrument(in)) {
    if (a->band.empty()) continue;
    out.push_back({"Latest " + a->name + " (" + DateText(a->at) + ") in the " + a->band +
                       " band: " + std::to_string(a->total) + " of " +
                       std::to_string(a->max_total) + ".",
                   {AssessmentSource(*a)}});
  }
  return out;
}

std::vector<BriefStatement> ChangeStatements(const BriefInput& in) {
  std::vector<BriefStatement> out;
  // The change of the latest of each instrument, as care/ computed it when it was stored.
  for (const BriefAssessment* latest : LatestPerInstrument(in)) {
    const BriefAssessment& a = *latest;
    if (a.change) {
      std::vector<BriefSource> sources;
      std::string lead = "Since the previous " + a.name;
      if (const BriefAssessment* p = FindAssessment(in, a.change->previous_id)) {
        sources.push_back(AssessmentSource(*p));
        lead += " (" + DateText(p->at) + ")";
      }
      sources.push_back(AssessmentSource(a));
      out.push_back({lead + ": " + a.change->explanation, std::move(sources)});
    }
    const bool first_differs =
        a.change_from_first &&
        (!a.change || a.change_from_first->previous_id != a.change->previous_id);
    if (first_differs) {
      std::vector<BriefSource> sources;
      std::string lead = "Since the first " + a.name;
      if (const BriefAssessment* f = FindAssessment(in, a.change_from_first->previous_id)) {
        sources.push_back(AssessmentSource(*f));
        lead += " (" + DateText(f->at) + ")";
      }
      sources.push_back(AssessmentSource(a));
      out.push_back({lead + ": " + a.change_from_first->explanation, std::move(sources)});
    }
  }
  return out;
}

std::vector<BriefStatement> NotableEntryStatements(const BriefInput& in) {
  std::vector<const BriefEntry*> ranked = OrdinaryEntries(in);
  std::stable_sort(ranked.begin(), ranked.end(), [](const BriefEntry* a, const BriefEntry* b) {
    if (a->risk_tier != b->risk_tier) return a->risk_tier > b->risk_tier;
    const double ma = std::abs(a->sentiment), mb = std::abs(b->sentiment);
    if (ma != mb) return ma > mb;
    return a->at > b->at;
  });
  if (ranked.size() > kNotableEntries) ranked.resize(kNotableEntries);
  std::sort(ranked.begin(), ranked.end(), [](auto* a, auto* b) { return a->at < b->at; });
  std::vector<BriefStatement> out;
  for (const BriefEntry* e : ranked) {
    std::string text = DateText(e->at) + ", " + EntryKindWords(e->kind) + ": " +
                       Quote(Extract(EntryBody(*e), kExtractChars));
    if (!e->key_phrases.empty()) {
      text += " Key phrases: ";
      for (size_t i = 0; i < e->key_phrases.size() && i < 5; ++i) {
        text += (i > 0 ? ", " : "") + Extract(e->key_phrases[i], 60);
      }
      text += ".";
    }
    out.push_back({std::move(text), {{"entry", e->id, e->at}}});
  }
  return out;
}

std::vector<BriefStatement> AlertStatements(const BriefInput& in) {
  std::vector<BriefStatement> out;
  std::vector<const BriefAlert*> alerts;
  for (const BriefAlert& a : in.alerts) {
    const bool open = a.acknowledged_by.empty() && a.acknowledged_at == 0;
    if (InPeriod(a.at, in) || (open && a.at < in.to)) alerts.push_back(&a);
  }
  std::sort(alerts.begin(), alerts.end(), [](auto* a, auto* b) { return a->at < b->at; });
  for (const BriefAlert* a : alerts) {
    std::string text =
        TierWords(a->tier) + " alert on " + DateTimeText(a->at) + " from " + SourceWords(a->source);
    if (!a->reason_codes.empty()) {
      text += ": ";
      for (size_t i = 0; i < a->reason_codes.size(); ++i)
        text += (i > 0 ? "; " : "") + ReasonWords(a->reason_codes[i]);
    }
    text += ".";
    if (a->acknowledged_at != 0) {
      text += " Acknowledged" +
              (a->acknowledged_by.empty() ? std::string() : " by " + a->acknowledged_by) + " at " +
              DateTimeText(a->acknowledged_at) + ".";
    } else {
      text += " Not yet acknowledged.";
    }
    if (a->at < in.from) text += " (Raised before this period, still open.)";
    out.push_back({std::move(text), {{"alert", a->id, a->at}}});
  }
  return out;
}

std::vector<const BriefAssignment*> RelevantAssignments(const BriefInput& in) {
  std::vector<const BriefAssignment*> out;
  for (const BriefAssignment& a : in.assignments) {
    const bool due_now = InPeriod(a.due_at, in);
    const bool done_now = a.done_at && InPeriod(*a.done_at, in);
    const bool open = !a.done_at && a.created_at < in.to;
    if (due_now || done_now || open) out.push_back(&a);
  }
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) {
    return a->due_at != b->due_at ? a->due_at < b->due_at : a->id < b->id;
  });
  return out;
}

std::vector<BriefStatement> AgendaStatements(const BriefInput& in) {
  std::vector<BriefStatement> out;
  for (const BriefEntry* e : EntriesInPeriod(in)) {
    if (e->kind != "session_prep") continue;
    for (const auto& [label, words] : AgendaQuotes(*e)) {
      out.push_back(
          {label + " (written " + DateText(e->at) + "): " + Quote(Extract(words, kAgendaChars)),
           {{"entry", e->id, e->at}}});
    }
  }
  return out;
}

std::string Extract(std::string_view text, size_t max_chars) {
  // Collapse whitespace runs.
  std::string flat;
  bool space = false;
  for (char c : text) {
    const bool ws = c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v';
    if (ws) {
      space = !flat.empty();
      continue;
    }
    if (space) flat.push_back(' ');
    space = false;
    flat.push_back(c);
  }
  // Byte offsets of code point starts.
  std::vector<size_t> starts;
  for (size_t i = 0; i < flat.size(); ++i) {
    if ((static_cast<unsigned char>(flat[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  if (starts.size() <= max_chars) return flat;
  if (max_chars == 0) return "";
  // Keep at most max_chars - 1 code points, then "…".
  size_t cut = starts[max_chars - 1];
  const size_t space_at = flat.rfind(' ', cut);
  if (space_at != std::string::npos && space_at > 0) cut = space_at;
  std::string out = flat.substr(0, cut);
  while (!out.empty() &&
         (out.back() == ' ' || out.back() == ',' || out.back() == ';' || out.back() == ':'))
    out.pop_back();
  return out + "\xE2\x80\xA6";
}

std::string DateText(UnixMillis t) { return FormatIso8601(t).substr(0, 10); }

std::string DateTimeText(UnixMillis t) {
  const std::string iso = FormatIso8601(t);
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

std::string ReasonWords(std::string_view code) {
  // The codes of the safety rules (docs/safety.md) in a clinician's words.
  static const std::map<std::string, std::string, std::less<>> kWords = {
      {"passive_death_wish", "a wish to be dead"},
      {"suicidal_ideation", "suicidal thoughts"},
      {"method", "a method of suicide named"},
      {"intent", "intent to act"},
      {"plan", "a plan to act"},
      {"preparatory", "preparations to act"},
      {"recent_attempt", "a recent attempt"},
      {"self_harm", "self-harm"},
      {"harm_to_others", "thoughts of harming others"},
      {"abuse_or_unsafe", "abuse or not being safe"},
      {"third_party", "concern for someone else's safety"},
      {"past_risk", "past risk only"},
      {"risk_language", "risk language"},
      {"phq9_item9", "PHQ-9 item 9 above 0"},
      {"phq9_item9_nearly_every_day", "PHQ-9 item 9 answered \"nearly every day\""},
      {"repeated_moderate_72h", "a second moderate signal within 72 hours"},
      {"recent_high_24h", "within 24 hours of a high-tier item"},
      {"screener_recent_behaviour", "screener: suicidal behaviour in the past 3 months"},
      {"screener_intent", "screener: intent or a plan"},
      {"screener_method", "screener: a method, without intent"},
      {"screener_past_behaviour", "screener: suicidal behaviour more than 3 months ago"},
      {"screener_ideation", "screener: a wish to be dead or suicidal thoughts"},
  };
  const auto it = kWords.find(code);
  if (it != kWords.end()) return it->second;
  std::string out(code);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

std::string EntryKindWords(std::string_view kind) {
  if (kind == "gratitude") return "gratitude entry";
  if (kind == "thought_record") return "thought record";
  if (kind == "session_prep") return "session preparation";
  if (kind == "after_session") return "after-session note";
  return "journal entry";
}

std::vector<std::pair<std::string, std::string>> AgendaQuotes(const BriefEntry& entry) {
  std::vector<std::pair<std::string, std::string>> out;
  static const std::pair<const char*, const char*> kAgendaFields[] = {
      {"want_to_discuss", "Wants to talk about"}, {"questions", "Questions"}};
  for (const auto& [field, label] : kAgendaFields) {
    for (const auto& [name, value] : entry.fields) {
      if (name == field && !TrimAscii(value).empty()) out.emplace_back(label, value);
    }
  }
  return out;
}

namespace {

BriefSection MoodSection(const BriefInput& in) {
  BriefSection s = Section("mood", "Mood since the last session", in.shares.mood);
  if (!in.shares.mood) return s;
  s.statements = MoodStatements(in);
  if (s.statements.empty()) Nothing(s, "No check-ins in this period.");
  return s;
}

BriefSection ScoresSection(const BriefInput& in) {
  BriefSection s =
      Section("scores", "Questionnaire scores and reliable change", in.shares.assessments);
  if (!in.shares.assessments) return s;
  s.statements = ScoreStatements(in);
  if (s.statements.empty()) {
    Nothing(s, "No questionnaires completed in this period.");
    return s;
  }
  for (BriefStatement& c : ChangeStatements(in)) s.statements.push_back(std::move(c));
  return s;
}

BriefSection ThemesSection(const BriefInput& in) {
  BriefSection s = Section("themes", "Themes", in.shares.entries);
  if (!in.shares.entries) return s;
  const auto entries = EntriesInPeriod(in);
  if (entries.empty()) {
    Nothing(s, "No shared entries in this period.");
    return s;
  }
  std::map<std::string, std::vector<const BriefEntry*>> by_theme;
  for (const BriefEntry* e : entries) {
    std::vector<std::string> once;
    for (const std::string& t : e->themes) {
      if (std::find(once.begin(), once.end(), t) != once.end()) continue;
      once.push_back(t);
      by_theme[t].push_back(e);
    }
  }
  if (by_theme.empty()) {
    Nothing(s, "No themes were found in the " +
                   Plural(entries.size(), "shared entry", "shared entries") + " of this period.");
    return s;
  }
  std::vector<std::pair<std::string, std::vector<const BriefEntry*>>> ranked(by_theme.begin(),
                                                                             by_theme.end());
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
  if (ranked.size() > kTopThemes) ranked.resize(kTopThemes);
  for (const auto& [theme, list] : ranked) {
    std::vector<BriefSource> sources;
    for (const BriefEntry* e : list) sources.push_back({"entry", e->id, e->at});
    s.statements.push_back({"“" + ThemeWords(theme) + "” in " + std::to_string(list.size()) +
                                " of " + Plural(entries.size(), "shared entry", "shared entries") +
                                ".",
                            std::move(sources)});
  }
  return s;
}

BriefSection EntriesSection(const BriefInput& in) {
  BriefSection s = Section("entries", "Notable shared entries", in.shares.entries);
  if (!in.shares.entries) return s;
  const auto entries = OrdinaryEntries(in);
  if (entries.empty()) {
    Nothing(s,
            "No shared entries in this period (session-preparation entries are under the agenda).");
    return s;
  }
  std::vector<BriefSource> all;
  for (const BriefEntry* e : entries) all.push_back({"entry", e->id, e->at});
  s.statements.push_back(
      {Plural(entries.size(), "entry", "entries") + " shared in this period.", std::move(all)});
  for (BriefStatement& n : NotableEntryStatements(in)) s.statements.push_back(std::move(n));
  return s;
}

BriefSection RiskSection(const BriefInput& in) {
  BriefSection s = Section("risk", "Risk flags and their handling", in.shares.safety_alerts);
  if (!in.shares.safety_alerts) return s;
  s.statements = AlertStatements(in);
  if (s.statements.empty()) Nothing(s, "No safety alerts in this period.");
  return s;
}

BriefSection HomeworkSection(const BriefInput& in) {
  BriefSection s = Section("homework", "Homework", in.shares.goals);
  if (!in.shares.goals) return s;
  const auto list = RelevantAssignments(in);
  if (list.empty()) {
    Nothing(s, "No homework due, done or open in this period.");
    return s;
  }
  size_t done = 0;
  std::vector<BriefSource> all;
  for (const BriefAssignment* a : list) {
    if (a->done_at) ++done;
    all.push_back({"assignment", a->id, a->created_at});
  }
  s.statements.push_back({std::to_string(done) + " of " +
                              Plural(list.size(), "assignment", "assignments") + " done; " +
                              std::to_string(list.size() - done) + " open.",
                          std::move(all)});
  for (const BriefAssignment* a : list) {
    std::string text = Quote(Extract(a->title, 120)) + " (" + a->kind + "), due " + a->due + ": ";
    if (a->done_at) {
      text += "done on " + DateText(*a->done_at) + ".";
      if (!TrimAscii(a->note).empty())
        text += " The client's note: " + Quote(Extract(a->note, kExtractChars));
    } else if (a->due_at + kMillisPerDay <= (in.now > 0 ? std::min(in.now, in.to) : in.to)) {
      text += "not marked done by its due date.";
    } else {
      text += "open.";
    }
    s.statements.push_back({std::move(text), {{"assignment", a->id, a->created_at}}});
  }
  return s;
}

BriefSection AgendaSection(const BriefInput& in) {
  BriefSection s = Section("agenda", "What the client wants to talk about", in.shares.entries);
  if (!in.shares.entries) return s;
  s.statements = AgendaStatements(in);
  if (s.statements.empty())
    Nothing(s, "No session-preparation entry with something to discuss was shared in this period.");
  return s;
}

}  // namespace

std::vector<BriefSection> ComposeBrief(const BriefInput& input) {
  return {MoodSection(input), ScoresSection(input),   ThemesSection(input), EntriesSection(input),
          RiskSection(input), HomeworkSection(input), AgendaSection(input)};
}

}  // namespace interlude::care
