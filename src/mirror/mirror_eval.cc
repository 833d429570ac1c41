// `interlude eval mirror` (mirror_eval.h).
#include "mirror/mirror_eval.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>

#include "mirror/companion.h"
#include "mirror/reflection.h"
#include "mirror/style_target.h"
#include "safety/safe_messaging.h"
#include "text/case_file.h"
#include "text/data_file.h"
#include "text/style.h"

namespace interlude::mirror {
namespace {

// The baseline: the same sentence for every message.
constexpr char kBaseline[] = "Thank you for sharing that. How are you feeling now?";
// Messages per simulated person (each with a rolling memory of its recent templates).
constexpr size_t kPersonMessages = 20;

// RFC 4180 records: fields split on commas outside quotes, "" inside quotes is a quote,
// records end at a line break outside quotes.
std::vector<std::vector<std::string>> ParseCsv(std::string_view csv) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  bool any = false;
  for (size_t i = 0; i < csv.size(); ++i) {
    const char c = csv[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < csv.size() && csv[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') ++i;
      if (any || !field.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
      }
      row.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || !field.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

struct Message {
  std::string text;
  std::string source;  // "counselchat" or "dev"
};

struct Exchange {
  const Message* message = nullptr;
  std::string reflection;
  std::string companion;
};

// Running figures for one system over one set of messages.
struct Figures {
  std::string name;
  std::vector<double> lsm;
  std::map<int, std::vector<double>> lsm_by_band;  // 0: <20, 1: 20-49, 2: >=50 words
  int simple = 0, complex = 0, questions = 0, invitations = 0, affirmations = 0, other = 0;
  int violations = 0;
  int sentences = 0;
  int repeats = 0;  // sentences whose template was within the person's last 20
  std::set<std::string> repeated_ids;
  int replies = 0;
  int empty = 0;
  int acknowledgements = 0;  // safety-tier replies
  // Per LSM category (text::StyleProfile order), the summed loss 1 - match, where match is
  // that category's term of text::LsmScore: where the reply's style departs from the writer's.
  std::array<double, 9> category_loss{};
};

constexpr std::array<const char*, 9> kCategoryNames = {"personal",     "impersonal", "articles",
                                                       "auxiliary",    "adverbs",    "prepositions",
                                                       "conjunctions", "negations",  "quantifiers"};

std::array<double, 9> Rates(const text::StyleProfile& p) {
  return {p.personal_pronouns, p.impersonal_pronouns, p.articles,
          p.auxiliary_verbs,   p.common_adverbs,      p.prepositions,
          p.conjunctions,      p.negations,           p.quantifiers};
}

int Band(size_t words) { return words < 20 ? 0 : words < 50 ? 1 : 2; }

double Mean(const std::vector<double>& v) {
  if (v.empty()) return 0;
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i =
      std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5));
  return v[i];
}

std::string Fixed(double v, int digits = 3) {
  std::ostringstream o;
  o << std::fixed << std::setprecision(digits) << v;
  return o.str();
}

void Count(Figures& f, const Reply& reply, const safety::SafeMessagingChecker& checker,
           const std::set<std::string>* recent) {
  ++f.replies;
  if (reply.empty()) ++f.empty;
  for (const ReplySentence& s : reply.sentences) {
    ++f.sentences;
    switch (s.act) {
      case Act::kSimpleReflection:
        ++f.simple;
        break;
      case Act::kComplexReflection:
        ++f.complex;
        break;
      case Act::kQuestion:
        ++f.questions;
        break;
      case Act::kInvitation:
        ++f.invitations;
        break;
      case Act::kAffirmation:
        ++f.affirmations;
        break;
      default:
        ++f.other;
        break;
    }
    if (!checker.Check(s.text).empty()) ++f.violations;
    if (recent != nullptr && recent->count(s.template_id) > 0) {
      ++f.repeats;
      f.repeated_ids.insert(s.template_id);
    }
    if (s.template_id.rfind("K-", 0) == 0) ++f.acknowledgements;
  }
}

void AddLsm(Figures& f, const text::Analyzer& analyzer, const std::string& reply,
            const text::Analysis& message) {
  if (reply.empty()) return;
  auto a = analyzer.Analyze(reply);
  if (!a.ok()) return;
  const double lsm = text::LsmScore(a->style, message.style);
  f.lsm.push_back(lsm);
  const std::array<double, 9> r = Rates(a->style), m = Rates(message.style);
  for (size_t k = 0; k < r.size(); ++k) {
    f.category_loss[k] += std::abs(r[k] - m[k]) / (r[k] + m[k] + 0.0001);
  }
  f.lsm_by_band[Band(message.style.words)].push_back(lsm);
}

void PrintLsm(std::ostream& out, const Figures& f, const Figures* baseline) {
  out << "  " << std::left << std::setw(22) << f.name << " mean LSM " << Fixed(Mean(f.lsm));
  if (baseline != nullptr)
    out << "  (baseline " << Fixed(Mean(baseline->lsm)) << ", +"
        << Fixed(Mean(f.lsm) - Mean(baseline->lsm)) << ")";
  out << "\n";
  const char* bands[] = {"<20 words", "20-49 words", ">=50 words"};
  for (int b = 0; b < 3; ++b) {
    const auto it = f.lsm_by_band.find(b);
    const std::vector<double> none;
    const std::vector<double>& v = it == f.lsm_by_band.end() ? none : it->second;
    out << "    " << std::setw(12) << bands[b] << " n=" << std::setw(5) << v.size() << " LSM "
        << Fixed(Mean(v));
    if (baseline != nullptr) {
      const auto bt = baseline->lsm_by_band.find(b);
      out << "  (baseline " << Fixed(bt == baseline->lsm_by_band.end() ? 0 : Mean(bt->second))
          << ")";
    }
    out << "\n";
  }
}

// Mean loss per category (each category is worth 1/9 of LSM), for the systems given.
void PrintCategoryLoss(std::ostream& out, const std::vector<const Figures*>& systems) {
  out << "  mean loss per LSM category (1 - match; LSM = 1 - sum / 9):";
  for (const Figures* f : systems) out << " " << f->name << " |";
  out << "\n";
  for (size_t k = 0; k < kCategoryNames.size(); ++k) {
    out << "    " << std::left << std::setw(14) << kCategoryNames[k];
    for (const Figures* f : systems) {
      const double n = static_cast<double>(std::max<size_t>(1, f->lsm.size()));
      out << " " << Fixed(f->category_loss[k] / n);
    }
    out << "\n";
  }
}

void PrintActs(std::ostream& out, const Figures& f) {
  const int reflections = f.simple + f.complex;
  out << "  " << std::left << std::setw(22) << f.name << " replies " << f.replies << " (empty "
      << f.empty << ", safety acknowledgements " << f.acknowledgements << "), sentences "
      << f.sentences << "\n"
      << "    reflections " << reflections << " (complex " << f.complex << ", simple " << f.simple
      << "), questions " << f.questions << ", invitations " << f.invitations << ", affirmations "
      << f.affirmations << ", other " << f.other << "\n"
      << "    reflections:questions "
      << (f.questions == 0 ? std::string("inf")
                           : Fixed(static_cast<double>(reflections) / f.questions, 2))
      << ":1 (counting invitations as questions "
      << (f.questions + f.invitations == 0
              ? std::string("inf")
              : Fixed(static_cast<double>(reflections) / (f.questions + f.invitations), 2))
      << ":1); complex share " << Fixed(reflections == 0 ? 0 : 100.0 * f.complex / reflections, 1)
      << "%\n"
      << "    safe-messaging violations " << f.violations << "; repeated templates within the "
      << "person's last 20: " << f.repeats << " of " << f.sentences << " sentences ("
      << Fixed(f.sentences == 0 ? 0 : 100.0 * f.repeats / f.sentences, 2) << "%)";
  for (const std::string& id : f.repeated_ids) out << " " << id;
  out << "\n";
}

std::string Truncate(const std::string& s, size_t n) {
  std::string flat;
  for (char c : s) flat += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (flat.size() <= n) return flat;
  size_t cut = n;
  while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
  return flat.substr(0, cut) + "...";
}

// CPU time of this thread in microseconds (excludes time the thread was not running: on a
// busy machine wall-clock percentiles include other processes' time slices).
double ThreadCpuMicros() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

int TierFor(const text::Analysis& a) {
  switch (a.risk.level) {
    case text::RiskLevel::kHigh:
      return 3;
    case text::RiskLevel::kModerate:
      return 2;
    case text::RiskLevel::kLow:
      return 1;
    default:
      return 0;
  }
}

}  // namespace

Result<std::vector<CounselQuestion>> ParseCounselChat(std::string_view csv) {
  const std::vector<std::vector<std::string>> rows = ParseCsv(csv);
  if (rows.empty()) return InvalidArgument("counsel chat CSV is empty");
  const std::vector<std::string>& header = rows[0];
  const auto column = [&](const char* name) -> int {
    for (size_t i = 0; i < header.size(); ++i) {
      if (Trim(header[i]) == name) return static_cast<int>(i);
    }
    return -1;
  };
  const int text = column("questionText");
  const int topic = column("topic");
  const int split = column("split");
  if (text < 0) return InvalidArgument("counsel chat CSV has no questionText column");
  std::vector<CounselQuestion> out;
  std::set<std::string> seen;
  for (size_t r = 1; r < rows.size(); ++r) {
    const std::vector<std::string>& row = rows[r];
    const auto at = [&](int i) {
      return i >= 0 && static_cast<size_t>(i) < row.size() ? row[static_cast<size_t>(i)]
                                                           : std::string();
    };
    std::string question = Trim(at(text));
    if (question.empty() || !seen.insert(question).second) continue;
    out.push_back({std::move(question), at(topic), at(split)});
  }
  return out;
}

Status EvaluateMirror(const text::Analyzer& analyzer, const std::string& data_root,
                      const std::string& shared_data, std::ostream& out) {
  auto checker = safety::SafeMessagingChecker::Load(data_root);
  if (!checker.ok()) return checker.status();
  auto composer = ReflectionComposer::Load(data_root, **checker);
  if (!composer.ok()) return composer.status();
  auto companion = Companion::Load(data_root, **checker);
  if (!companion.ok()) return companion.status();

  const std::string csv_path = shared_data + "/counselchat/20200325_counsel_chat.csv";
  std::ifstream in(csv_path, std::ios::binary);
  if (!in) return NotFound("CounselChat CSV not found: " + csv_path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto questions = ParseCounselChat(buffer.str());
  if (!questions.ok()) return questions.status();

  std::vector<Message> counsel, dev;
  for (const CounselQuestion& q : *questions) counsel.push_back({q.text, "counselchat"});
  std::set<std::string> dev_seen;
  const std::string mirror_cases = data_root + "/mirror/cases/reflections.txt";
  RETURN_IF_ERROR(
      text::ForEachDataLine(mirror_cases, "reflection cases", [&](const std::string& line, int) {
        const std::string t = line.substr(0, line.find('\t'));
        if (dev_seen.insert(t).second) dev.push_back({t, "dev"});
        return OkStatus();
      }));
  for (const char* file : {"/text/cases/emotions.tsv", "/text/cases/distortions.tsv"}) {
    auto cases = text::LoadCaseFile(data_root + file);
    if (!cases.ok()) return cases.status();
    for (const text::Case& c : *cases) {
      if (dev_seen.insert(c.text).second) dev.push_back({c.text, "dev"});
    }
  }

  out << "Mirror evaluation: reflections and the companion's first reply\n"
      << "messages: " << counsel.size() << " CounselChat questions (deduplicated, " << csv_path
      << ") and " << dev.size()
      << " development entries (data/mirror/cases/reflections.txt, data/text/cases/emotions.tsv, "
         "distortions.tsv)\n"
      << "baseline: the fixed reply \"" << kBaseline << "\"\n"
      << "mode: the default (\"on\"); safety tier approximated from the engine's risk level (the "
         "API takes it from the safety layer); simulated people of "
      << kPersonMessages << " messages each, with rolling template memory\n\n";

  std::vector<Exchange> samples;
  std::vector<double> compose_us, with_analyze_us, respond_us, compose_cpu_us, compose_best_us;
  int nondeterministic = 0;
  bool all_met = true;
  for (const auto* set : {&counsel, &dev}) {
    const std::string set_name = set == &counsel ? "CounselChat" : "development entries";
    Figures reflection, first_reply, baseline;
    reflection.name = "reflection";
    first_reply.name = "companion first reply";
    baseline.name = "baseline";
    std::vector<std::string> history;
    for (size_t i = 0; i < set->size(); ++i) {
      const Message& m = (*set)[i];
      if (i % kPersonMessages == 0) history.clear();  // the next simulated person
      const auto t0 = std::chrono::steady_clock::now();
      auto analysis = analyzer.Analyze(m.text);
      if (!analysis.ok()) continue;
      ReflectionRequest request;
      request.text = m.text;
      request.analysis = &*analysis;
      request.safety_tier = TierFor(*analysis);
      request.seed = Mix(HashString(m.text), i);
      request.recent_templates = history;
      const double cpu1 = ThreadCpuMicros();
      const auto t1c = std::chrono::steady_clock::now();
      const Reply reply = (*composer)->Compose(request);
      const auto t2 = std::chrono::steady_clock::now();
      compose_cpu_us.push_back(ThreadCpuMicros() - cpu1);
      // Best of three (the same deterministic work again), to separate the reply's own cost
      // from time slices lost to other processes on a shared machine.
      double best = std::chrono::duration<double, std::micro>(t2 - t1c).count();
      for (int repeat = 0; repeat < 2; ++repeat) {
        const auto r0 = std::chrono::steady_clock::now();
        const Reply again = (*composer)->Compose(request);
        const auto r1 = std::chrono::steady_clock::now();
        best = std::min(best, std::chrono::duration<double, std::micro>(r1 - r0).count());
        if (again.Text() != reply.Text()) ++nondeterministic;
      }
      compose_best_us.push_back(best);
      compose_us.push_back(std::chrono::duration<double, std::micro>(t2 - t1c).count());
      with_analyze_us.push_back(std::chrono::duration<double, std::micro>(t2 - t0).count());
      const size_t from = history.size() > kTemplateMemory ? history.size() - kTemplateMemory : 0;
      const std::set<std::string> recent(history.begin() + static_cast<std::ptrdiff_t>(from),
                                         history.end());
      Count(reflection, reply, **checker, &recent);
      for (const ReplySentence& s : reply.sentences) history.push_back(s.template_id);
      AddLsm(reflection, analyzer, reply.Text(), *analysis);

      CompanionState state;
      CompanionRequest chat;
      chat.text = m.text;
      chat.analysis = &*analysis;
      chat.seed = request.seed;
      const auto t3 = std::chrono::steady_clock::now();
      const CompanionTurn turn = (*companion)->Respond(chat, state);
      const auto t4 = std::chrono::steady_clock::now();
      respond_us.push_back(std::chrono::duration<double, std::micro>(t4 - t3).count());
      Count(first_reply, turn.reply, **checker, nullptr);
      AddLsm(first_reply, analyzer, turn.reply.Text(), *analysis);

      Reply fixed;
      fixed.sentences = {{"Thank you for sharing that.", Act::kInformation, "baseline"},
                         {"How are you feeling now?", Act::kQuestion, "baseline"}};
      Count(baseline, fixed, **checker, nullptr);
      AddLsm(baseline, analyzer, kBaseline, *analysis);

      const size_t stride = set == &counsel ? std::max<size_t>(1, set->size() / 14)
                                            : std::max<size_t>(1, set->size() / 6);
      if (i % stride == 0 && samples.size() < 20) {
        samples.push_back({&m, reply.Text(), turn.reply.Text()});
      }
    }
    out << "== " << set_name << " (" << set->size() << " messages)\n";
    PrintLsm(out, reflection, &baseline);
    PrintLsm(out, first_reply, &baseline);
    PrintCategoryLoss(out, {&reflection, &first_reply, &baseline});
    PrintActs(out, reflection);
    PrintActs(out, first_reply);
    const int refl = reflection.simple + reflection.complex;
    const auto band_mean = [](const Figures& f, int b) {
      const auto it = f.lsm_by_band.find(b);
      return it == f.lsm_by_band.end() ? 0.0 : Mean(it->second);
    };
    struct Target {
      std::string what;
      bool met;
      std::string figure;
    };
    const std::vector<Target> targets = {
        {"reflection mean LSM >= baseline + 0.25",
         Mean(reflection.lsm) >= Mean(baseline.lsm) + 0.25,
         Fixed(Mean(reflection.lsm) - Mean(baseline.lsm)) + " above"},
        {"reflection LSM >= 0.75 on messages of 50+ words", band_mean(reflection, 2) >= 0.75,
         Fixed(band_mean(reflection, 2))},
        {"companion first reply mean LSM >= baseline + 0.25",
         Mean(first_reply.lsm) >= Mean(baseline.lsm) + 0.25,
         Fixed(Mean(first_reply.lsm) - Mean(baseline.lsm)) + " above"},
        {"reflections:questions >= 2:1",
         reflection.questions == 0 || refl >= 2 * reflection.questions,
         reflection.questions == 0
             ? "no questions"
             : Fixed(static_cast<double>(refl) / reflection.questions, 2) + ":1"},
        {"complex reflections >= 50%", refl > 0 && 2 * reflection.complex >= refl,
         Fixed(refl == 0 ? 0 : 100.0 * reflection.complex / refl, 1) + "%"},
        {"safe-messaging violations = 0", reflection.violations + first_reply.violations == 0,
         std::to_string(reflection.violations + first_reply.violations)},
        {"no template repeated within a person's last 20", reflection.repeats == 0,
         std::to_string(reflection.repeats)},
    };
    out << "  targets:\n";
    for (const Target& t : targets) {
      out << "    [" << (t.met ? "met   " : "MISSED") << "] " << t.what << ": " << t.figure << "\n";
      all_met &= t.met;
    }
    out << "\n";
  }
  out << "== time per reply on one thread (" << compose_us.size() << " replies)\n"
      << "  Compose only:        p50 " << Fixed(Percentile(compose_us, 0.5), 1) << " us, p99 "
      << Fixed(Percentile(compose_us, 0.99), 1) << " us, max "
      << Fixed(Percentile(compose_us, 1.0), 1) << " us\n"
      << "  Compose, best of 3:  p50 " << Fixed(Percentile(compose_best_us, 0.5), 1) << " us, p99 "
      << Fixed(Percentile(compose_best_us, 0.99), 1) << " us, max "
      << Fixed(Percentile(compose_best_us, 1.0), 1) << " us\n"
      << "  Compose, thread CPU: p50 " << Fixed(Percentile(compose_cpu_us, 0.5), 1) << " us, p99 "
      << Fixed(Percentile(compose_cpu_us, 0.99), 1) << " us, max "
      << Fixed(Percentile(compose_cpu_us, 1.0), 1) << " us\n"
      << "  Analyze + Compose:   p50 " << Fixed(Percentile(with_analyze_us, 0.5), 1) << " us, p99 "
      << Fixed(Percentile(with_analyze_us, 0.99), 1) << " us\n"
      << "  companion Respond:   p50 " << Fixed(Percentile(respond_us, 0.5), 1) << " us, p99 "
      << Fixed(Percentile(respond_us, 0.99), 1) << " us\n";
  const bool fast = Percentile(compose_us, 0.99) <= 1000.0;
  out << "  the same request composed again gave a different reply " << nondeterministic
      << " times (must be 0)\n";
  out << "  target: [" << (fast ? "met   " : "MISSED")
      << "] Compose p99 <= 1 ms (wall clock, single run; best of 3: "
      << (Percentile(compose_best_us, 0.99) <= 1000.0 ? "met" : "missed") << ")"
#ifndef NDEBUG
      << " (this is a debug build: time a release build)"
#endif
      << "\n\n";
  all_met &= fast;

  out << "== " << samples.size()
      << " sample exchanges (message truncated; reflection; companion)\n";
  for (size_t i = 0; i < samples.size(); ++i) {
    out << std::setw(2) << i + 1 << ". [" << samples[i].message->source << "] "
        << Truncate(samples[i].message->text, 170) << "\n"
        << "    reflection: " << samples[i].reflection << "\n"
        << "    companion:  " << samples[i].companion << "\n";
  }
  out << "\nall targets " << (all_met ? "met" : "not all met") << "\n";
  return OkStatus();
}

}  // namespace interlude::mirror
