// Demo generator: mood courses, tags that go with better or worse mood, emotions that fit
// the quadrant, entries from each persona's words.
#include "app/demo_seed.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <tuple>

#include "api/account_service.h"
#include "api/api.h"
#include "api/vocabulary.h"
#include "app/demo_personas.h"
#include "mirror/mirror.h"
#include "base/random.h"
#include "base/time_format.h"

namespace interlude::app {
namespace {

constexpr int kDays = 90;
constexpr UnixMillis kDay = 86400000;
constexpr UnixMillis kMinute = 60000;
constexpr char kSeededMeta[] = "demo_seeded";
constexpr int kQuestionnaireDays = 14;  // PHQ-9 and GAD-7 fortnightly

using Json = nlohmann::json;

// The person's underlying mood on day `d` (before tags and noise).
double BaseValence(const Persona& p, int d, std::mt19937& rng) {
  const double t = static_cast<double>(d) / (kDays - 1);
  switch (p.course) {
    case MoodCourse::kErratic: {
      std::bernoulli_distribution up(0.5);
      return up(rng) ? 5.8 : 2.2;
    }
    case MoodCourse::kImproving:
      // Slow start, steadier gains after the first month (as therapy takes hold).
      return p.valence_start + (p.valence_end - p.valence_start) * std::pow(t, 1.3);
    default:
      return p.valence_start + (p.valence_end - p.valence_start) * t;
  }
}

std::vector<std::string> PickEmotions(int valence, int energy, std::mt19937& rng) {
  std::vector<std::string> pool;
  const bool high = energy >= 4;
  for (const api::EmotionWord& e : api::EmotionVocabulary()) {
    const bool fits_valence = valence >= 5 ? e.pleasant : valence <= 3 ? !e.pleasant : true;
    if (fits_valence && (e.energy == api::Energy::kHigh) == high) pool.emplace_back(e.word);
  }
  std::shuffle(pool.begin(), pool.end(), rng);
  std::uniform_int_distribution<int> count(1, 3);
  pool.resize(std::min<size_t>(pool.size(), static_cast<size_t>(count(rng))));
  return pool;
}

class Seeder {
 public:
  Seeder(store::Store& store, const api::ContentVault& vault, UnixMillis now,
         const text::Analyzer* analyzer, const safety::SafetyLayer* safety,
         const care::InstrumentSet* instruments, const mirror::Mirror* mirror)
      : store_(store), vault_(vault), now_(now), clock_(now),
        api_(store, clock_, vault, Options(), analyzer, safety, nullptr, instruments, mirror),
        questionnaires_(instruments != nullptr), mirror_(mirror) {}

  Status SeedPersona(const Persona& p, std::uint32_t seed) {
    clock_.Set(now_ - kDays * kDay - kDay);
    api::ApiDeps deps{store_, clock_, vault_, Options()};
    api::NewAccount spec;
    spec.email = std::string(p.email);
    spec.password = std::string(kDemoPassword);
    spec.country = "GB";
    ASSIGN_OR_RETURN(const store::UserRecord user, api::CreateAccount(deps, spec));
    (void)user;
    ASSIGN_OR_RETURN(token_, Login(p.email));

    std::mt19937 rng(seed);
    std::normal_distribution<double> noise(0.0, p.day_noise);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    size_t entry_index = 0;
    const UnixMillis first_day = (now_ / kDay - kDays + 1) * kDay;  // UTC midnight, 90 days ago
    std::vector<double> recent;  // the morning valences of the last 14 days
    for (int d = 0; d < kDays; ++d) {
      if (questionnaires_ && d % kQuestionnaireDays == 0) {
        const UnixMillis evening = first_day + d * kDay + 19 * 60 * kMinute - p.tz_offset_min * kMinute;
        const double mood = recent.empty() ? p.valence_start
                                           : std::accumulate(recent.begin(), recent.end(), 0.0) /
                                                 static_cast<double>(recent.size());
        RETURN_IF_ERROR(Questionnaires(mood, evening));
        recent.clear();
      }
      if (d % p.checkin_gap_days != 0) continue;
      const int jitter = p.checkin_gap_days > 1 ? static_cast<int>(unit(rng) * 3) : 0;
      const UnixMillis local_midnight = first_day + (d + jitter) * kDay;
      if (local_midnight > now_) break;
      // Tags for the day, and what they do to mood.
      std::vector<std::string> tags;
      for (const std::string_view tag : p.tags) {
        if (unit(rng) < 0.35) tags.emplace_back(tag);
      }
      double valence = BaseValence(p, d, rng) + noise(rng);
      if (!p.helps_tag.empty() && std::find(tags.begin(), tags.end(), p.helps_tag) != tags.end()) valence += 0.9;
      if (!p.hurts_tag.empty() && std::find(tags.begin(), tags.end(), p.hurts_tag) != tags.end()) valence -= 0.9;
      const int v = std::clamp(static_cast<int>(std::lround(valence)), 1, 7);
      const int e = std::clamp(static_cast<int>(std::lround(1.0 + (v - 1) * 0.6 + noise(rng) * 0.5)), 1, 5);
      const double sleep = std::clamp(std::round((5.0 + v * 0.45 + noise(rng) * 0.5) * 2) / 2, 3.0, 10.0);

      // Morning check-in in the person's own time zone, sometimes an evening one too.
      const UnixMillis morning = local_midnight + (8 * 60 + static_cast<int>(unit(rng) * 90)) * kMinute -
                                 p.tz_offset_min * kMinute;
      RETURN_IF_ERROR(Checkin(p, morning, v, e, tags, sleep, rng));
      recent.push_back(v);
      if (p.checkin_gap_days == 1 && unit(rng) < 0.4) {
        const UnixMillis evening = local_midnight + (20 * 60 + static_cast<int>(unit(rng) * 150)) * kMinute -
                                   p.tz_offset_min * kMinute;
        // The evening differs from the morning about as much as the person's days do.
        const int ev = std::clamp(v + static_cast<int>(std::lround(noise(rng))), 1, 7);
        RETURN_IF_ERROR(Checkin(p, evening, ev, std::max(1, e - 1), {}, -1, rng));
      }
      if (unit(rng) < p.entry_chance) {
        const auto& pool = d < kDays / 3 ? p.early : d < 2 * kDays / 3 ? p.middle : p.late;
        const DemoEntry& entry = pool[entry_index++ % pool.size()];
        const UnixMillis when = local_midnight + (21 * 60 + static_cast<int>(unit(rng) * 100)) * kMinute -
                                p.tz_offset_min * kMinute;
        RETURN_IF_ERROR(Entry(entry, std::min(when, now_)));
      }
    }
    return OkStatus();
  }

  // Maya has used the self-help side: a short companion conversation yesterday evening,
  // "did this help?" answers (breathing helped her most; grounding once each way), and a
  // behavioural-activation plan for the coming days with one activity done.
  Status SeedMirror(const Persona& p) {
    if (mirror_ == nullptr) return OkStatus();
    ASSIGN_OR_RETURN(token_, Login(p.email));
    const mirror::Exercise* breathing = FirstOfKind("breathing");
    const mirror::Exercise* grounding = FirstOfKind("grounding");
    const std::vector<std::pair<const mirror::Exercise*, bool>> answers = {
        {breathing, true}, {grounding, false}, {breathing, true}, {grounding, true}, {breathing, true}};
    UnixMillis at = now_ - 20 * kDay;
    for (const auto& [exercise, helped] : answers) {
      if (exercise == nullptr) continue;
      clock_.Set(at);
      RETURN_IF_ERROR(Call("POST", "/api/v1/exercises/" + exercise->id + "/feedback",
                           Json{{"helped", helped}}).status());
      at += 4 * kDay;
    }
    clock_.Set(now_ - kDay);
    ASSIGN_OR_RETURN(const Json chat, Call("POST", "/api/v1/conversations", Json::object()));
    const std::string path = "/api/v1/conversations/" + chat.at("id").get<std::string>() + "/messages";
    for (const char* message :
         {"Hi", "Work has been a lot this week and I get this tight feeling in my chest before meetings.",
          "Mostly the Monday planning meeting. I worry I'll say something stupid.",
          "I'd like to feel calmer going in.", "Thanks, that helps."}) {
      clock_.Set(clock_.NowMillis() + 2 * kMinute);
      RETURN_IF_ERROR(Call("POST", path, Json{{"text", message}}).status());
    }
    const UnixMillis today = now_ / kDay * kDay;
    const std::vector<std::tuple<const char*, int, const char*>> plan = {
        {"Walk round the park before work", 0, "pleasure"},
        {"Call Gran", 1, "values"},
        {"Sort the spare room shelves", 2, "mastery"}};
    for (const auto& [title, day, category] : plan) {
      clock_.Set(now_ - 2 * kDay);
      ASSIGN_OR_RETURN(const Json a, Call("POST", "/api/v1/activities",
                                          Json{{"title", title},
                                               {"planned_for", FormatIso8601(today + day * kDay + 8 * 3600 * 1000)},
                                               {"category", category}}));
      if (day == 0) {
        RETURN_IF_ERROR(Call("PATCH", "/api/v1/activities/" + a.at("id").get<std::string>(),
                             Json{{"done", true}, {"mood_before", 4}, {"mood_after", 7}}).status());
      }
    }
    return OkStatus();
  }

  Status SeedClinician() {
    api::ApiDeps deps{store_, clock_, vault_, Options()};
    store::ClinicRecord clinic{NewId(), std::string(kDemoClinicName), now_};
    RETURN_IF_ERROR(store_.clinics().Create(clinic));
    api::NewAccount spec;
    spec.role = store::Role::kClinician;
    spec.email = std::string(kDemoClinicianEmail);
    spec.password = std::string(kDemoPassword);
    spec.clinic_id = clinic.id;
    return api::CreateAccount(deps, spec).status();
  }

  // The worsening client links to the clinician (sharing mood, questionnaires, the safety
  // plan and safety alerts), makes a safety plan, and in the last days writes words that
  // raise the tier to high: the clinician's demo shows an open alert.
  Status SeedSafety(const Persona& p) {
    clock_.Set(now_ - 30 * kDay);
    ASSIGN_OR_RETURN(token_, Login(kDemoClinicianEmail));
    ASSIGN_OR_RETURN(const Json invitation, Call("POST", "/api/v1/clinician/invitations", Json::object()));
    ASSIGN_OR_RETURN(token_, Login(p.email));
    RETURN_IF_ERROR(Call("POST", "/api/v1/links",
                         Json{{"code", invitation.at("code")},
                              {"share", {{"mood", true}, {"assessments", true},
                                         {"safety_plan", true}, {"safety_alerts", true}}}})
                        .status());
    clock_.Set(now_ - 21 * kDay);
    RETURN_IF_ERROR(Call("PUT", "/api/v1/safety-plan", Json{
        {"steps", {{"warning_signs", {"Not answering texts", "Staying in bed past noon", "Thinking everyone is better off without me"}},
                   {"coping_strategies", {"Cold water on my face", "Walk to the river and back", "Put the football on"}},
                   {"distraction", {"Sit in the café on Mill Street", "Call Jonah about the match"}},
                   {"people_to_ask", {"My sister Leah", "Jonah"}},
                   {"professionals", {"Dr Rivera (Tuesdays)", "Samaritans 116 123"}},
                   {"making_safe", {"Leah keeps the spare medication at hers"}}}},
        {"reasons_for_living", {"Leah's kids", "Finishing the boat with Dad"}}}).status());
    clock_.Set(now_ - 2 * kDay);
    RETURN_IF_ERROR(Call("POST", "/api/v1/entries",
                         Json{{"text", "Bad week. Some nights I wish I could go to sleep and not wake up."}})
                        .status());
    clock_.Set(now_ - 5 * 3600 * 1000);
    return Call("POST", "/api/v1/checkins",
                Json{{"valence", 1}, {"energy", 1}, {"at", FormatIso8601(now_ - 5 * 3600 * 1000)},
                     {"note", "Keep thinking about killing myself. Didn't go to work."}})
        .status();
  }

 private:
  static api::ApiOptions Options() {
    api::ApiOptions o;
    o.session_idle_minutes = 366 * 24 * 60;  // the clock walks through 90 days
    o.session_absolute_hours = 366 * 24;
    return o;
  }

  Result<Json> Call(const std::string& method, const std::string& path, const Json& body) {
    api::HttpRequest req;
    req.method = method;
    req.path = path;
    req.body = body.dump();
    req.headers["content-type"] = "application/json";
    if (!token_.empty()) req.headers["authorization"] = "Bearer " + token_;
    req.remote_address = "demo";
    const api::HttpResponse r = api_.Handle(req);
    if (r.status >= 300) return Internal("demo request " + path + " failed with " + std::to_string(r.status) + ": " + r.body);
    return Json::parse(r.body);
  }

  Result<std::string> Login(std::string_view email) {
    token_.clear();
    ASSIGN_OR_RETURN(const Json r, Call("POST", "/api/v1/auth/login",
                                        Json{{"login", email}, {"password", kDemoPassword}}));
    return r.at("token").get<std::string>();
  }

  Status Checkin(const Persona& p, UnixMillis at, int valence, int energy,
                 const std::vector<std::string>& tags, double sleep, std::mt19937& rng) {
    if (at > now_) return OkStatus();
    clock_.Set(at);
    Json body = {{"valence", valence}, {"energy", energy}, {"emotions", PickEmotions(valence, energy, rng)},
                 {"tags", tags}, {"at", FormatIso8601(at)}, {"tz_offset_min", p.tz_offset_min}};
    if (sleep >= 0) body["sleep_hours"] = sleep;
    return Call("POST", "/api/v1/checkins", body).status();
  }

  // PHQ-9 and GAD-7 answers that fit a mood of `valence` (1..7): roughly 4 PHQ-9 points and
  // 3 GAD-7 points per step below the top, spread over the items; PHQ-9 item 9 stays 0.
  Status Questionnaires(double valence, UnixMillis at) {
    if (at > now_) return OkStatus();
    clock_.Set(at);
    const double low = std::clamp(7.0 - valence, 0.0, 6.0);
    const auto spread = [](int total, size_t items, size_t scored) {
      std::vector<int> a(items, 0);
      for (size_t i = 0; total > 0; i = (i + 1) % scored) {
        if (a[i] < 3) {
          ++a[i];
          --total;
        }
      }
      return a;
    };
    const int phq9 = std::clamp(static_cast<int>(std::lround(low * 4.0)), 0, 24);
    RETURN_IF_ERROR(Call("POST", "/api/v1/assessments",
                         Json{{"instrument", "phq9"}, {"answers", spread(phq9, 9, 8)},
                              {"functional", std::clamp(phq9 / 7, 0, 3)}})
                        .status());
    const int gad7 = std::clamp(static_cast<int>(std::lround(low * 3.0)), 0, 21);
    return Call("POST", "/api/v1/assessments", Json{{"instrument", "gad7"}, {"answers", spread(gad7, 7, 7)}})
        .status();
  }

  Status Entry(const DemoEntry& entry, UnixMillis at) {
    clock_.Set(at);
    Json body = {{"kind", entry.kind}, {"text", entry.text},
                 {"fields", Json::parse(entry.fields_json)}};
    if (!entry.title.empty()) body["title"] = entry.title;
    return Call("POST", "/api/v1/entries", body).status();
  }

  store::Store& store_;
  const api::ContentVault& vault_;
  UnixMillis now_;
  ManualClock clock_;
  api::Api api_;
  std::string token_;
  bool questionnaires_ = false;
  const mirror::Mirror* mirror_ = nullptr;

  const mirror::Exercise* FirstOfKind(std::string_view kind) const {
    for (const mirror::Exercise& e : mirror_->exercises().all()) {
      if (e.kind == kind) return &e;
    }
    return nullptr;
  }
};

void PrintLogins(std::ostream& out) {
  out << "Demo log-ins (password for all: " << kDemoPassword << ")\n";
  out << "  clinician  " << kDemoClinicianEmail << "  " << kDemoPassword << "\n";
  static constexpr const char* kCourse[] = {"improving", "worsening", "rumination loop",
                                            "flat", "erratic", "sparse"};
  for (const Persona& p : DemoPersonas()) {
    out << "  client  " << p.email << "  " << kDemoPassword << "  (" << p.name << ", "
        << kCourse[static_cast<int>(p.course)] << ")\n";
  }
}

}  // namespace

Status SeedDemo(store::Store& store, const api::ContentVault& vault, UnixMillis now,
                std::ostream& out, const text::Analyzer* analyzer,
                const safety::SafetyLayer* safety, const care::InstrumentSet* instruments,
                const mirror::Mirror* mirror) {
  ASSIGN_OR_RETURN(const auto seeded, store.meta().Get(kSeededMeta));
  if (seeded) {
    out << "Demo data was already seeded.\n";
    PrintLogins(out);
    return OkStatus();
  }
  Seeder seeder(store, vault, now, analyzer, safety, instruments, mirror);
  RETURN_IF_ERROR(seeder.SeedClinician());
  std::uint32_t seed = 20261128;
  for (const Persona& p : DemoPersonas()) RETURN_IF_ERROR(seeder.SeedPersona(p, seed++));
  for (const Persona& p : DemoPersonas()) {
    if (p.course == MoodCourse::kWorsening) RETURN_IF_ERROR(seeder.SeedSafety(p));
    if (p.course == MoodCourse::kImproving) RETURN_IF_ERROR(seeder.SeedMirror(p));
  }
  RETURN_IF_ERROR(store.meta().Put(kSeededMeta, std::to_string(now)));
  out << "Seeded a clinic, a clinician and " << DemoPersonas().size()
      << " clients with 90 days of check-ins, journal entries"
      << (instruments != nullptr ? " and fortnightly PHQ-9 and GAD-7" : "")
      << "; Daniel is linked to the "
         "clinician, has a safety plan and an open safety alert"
      << (mirror != nullptr ? "; Maya has a companion conversation, an activity plan and "
                              "exercise answers"
                            : "")
      << ".\n";
  PrintLogins(out);
  return OkStatus();
}

}  // namespace interlude::app
