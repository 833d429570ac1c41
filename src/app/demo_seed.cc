// Demo generator: mood courses, tags that go with better or worse mood, emotions that fit
// the quadrant, entries from each persona's words.
#include "app/demo_seed.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>
#include <tuple>

#include "api/account_service.h"
#include "api/api.h"
#include "api/two_factor.h"
#include "api/vocabulary.h"
#include "app/demo_personas.h"
#include "mirror/mirror.h"
#include "base/random.h"
#include "base/time_format.h"
#include "crypto/totp.h"

namespace interlude::app {
namespace {

constexpr int kDays = 90;
constexpr UnixMillis kDay = 86400000;
constexpr UnixMillis kMinute = 60000;
constexpr char kSeededMeta[] = "demo_seeded";
constexpr int kQuestionnaireDays = 14;  // PHQ-9 and GAD-7 fortnightly
constexpr UnixMillis kHour = 60 * kMinute;
constexpr char kTotpIssuer[] = "Interlude";  // as api::EnrolTwoFactor labels it

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
    users_.emplace(p.name, user);
    emails_.emplace(p.name, p.email);
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
    ASSIGN_OR_RETURN(clinician_, api::CreateAccount(deps, spec));
    // A real second factor, with the demo's published secret (so the printed URI works).
    ASSIGN_OR_RETURN(const crypto::SecretKey key, vault_.DataKey(clinician_));
    return api::EnrolTwoFactor(store_, vault_, clinician_, key, std::string(kDemoClinicianEmail),
                               clock_.NowMillis(), std::string(kDemoTotpSecret))
        .status();
  }

  // The clinician's caseload: Maya links two months ago (mood, questionnaires, goals and
  // homework; not her entries), Daniel a month ago (everything, entries included), Priya a
  // month ago (mood only). The clinician signs in once, with the TOTP code of that moment.
  Status SeedLinks() {
    clock_.Set(now_ - 60 * kDay);
    ASSIGN_OR_RETURN(clinician_token_, Login(kDemoClinicianEmail));
    RETURN_IF_ERROR(LinkTo("Maya", {{"mood", true}, {"assessments", true}, {"goals", true}}));
    clock_.Set(now_ - 30 * kDay);
    RETURN_IF_ERROR(LinkTo("Daniel", {{"mood", true}, {"assessments", true}, {"goals", true},
                                      {"safety_plan", true}, {"conversations", true},
                                      {"entries", true}, {"safety_alerts", true}}));
    clock_.Set(now_ - 30 * kDay + 3 * kHour);
    return LinkTo("Priya", {{"mood", true}});
  }

  // Weekly therapy sessions with Daniel (the next in 2 days) and Maya (the next in 3), the
  // homework set at them (some done, some open, one of Daniel's overdue), and what Daniel
  // wrote he wants to talk about next time.
  Status SeedCare() {
    const UnixMillis today = now_ / kDay * kDay;
    RETURN_IF_ERROR(WeeklySessions("Daniel", today + 2 * kDay + 10 * kHour, 4, now_ - 30 * kDay));
    RETURN_IF_ERROR(WeeklySessions("Maya", today + 3 * kDay + 15 * kHour, 8, now_ - 60 * kDay));

    const mirror::Exercise* breathing = mirror_ != nullptr ? FirstOfKind("breathing") : nullptr;
    const mirror::Exercise* grounding = mirror_ != nullptr ? FirstOfKind("grounding") : nullptr;
    // Daniel: a sleep diary (done), a list for a talk with Sam (overdue), a grounding
    // exercise, a prompt and the PHQ-9 before the next session (open).
    RETURN_IF_ERROR(Assign("Daniel", now_ - 19 * kDay,
                           {{"kind", "custom"}, {"title", "Keep a sleep diary"},
                            {"instructions", "Bed time, wake time, and how rested you felt. Every night this week."}},
                           -12, now_ - 13 * kDay, "Most nights. Bed after 1 most of them."));
    RETURN_IF_ERROR(Assign("Daniel", now_ - 12 * kDay,
                           {{"kind", "custom"}, {"title", "Three things to say to Sam"},
                            {"instructions", "Write them down before you talk. Not the whole conversation: three things."}},
                           -5, 0, ""));
    if (grounding != nullptr) {
      RETURN_IF_ERROR(Assign("Daniel", now_ - 5 * kDay,
                             {{"kind", "exercise"}, {"ref", grounding->id},
                              {"instructions", "When the evening starts to slide."}},
                             4, 0, ""));
    }
    RETURN_IF_ERROR(Assign("Daniel", now_ - 5 * kDay,
                           {{"kind", "prompt"},
                            {"instructions", "What does a good evening look like for you now? Write a few lines."}},
                           2, 0, ""));
    if (questionnaires_) {
      RETURN_IF_ERROR(Assign("Daniel", now_ - 5 * kDay, {{"kind", "questionnaire"}, {"ref", "phq9"}},
                             1, 0, ""));
    }
    // Maya: breathing before meetings and the GAD-7 (done), a social step and a prompt (open).
    if (breathing != nullptr) {
      RETURN_IF_ERROR(Assign("Maya", now_ - 26 * kDay,
                             {{"kind", "exercise"}, {"ref", breathing->id},
                              {"instructions", "Before the Monday planning meeting."}},
                             -19, now_ - 20 * kDay, "helped before the monday meeting"));
    }
    if (questionnaires_) {
      RETURN_IF_ERROR(Assign("Maya", now_ - 12 * kDay, {{"kind", "questionnaire"}, {"ref", "gad7"}},
                             -5, (now_ / kDay - 5) * kDay + 20 * kHour, ""));
    }
    RETURN_IF_ERROR(Assign("Maya", now_ - 4 * kDay,
                           {{"kind", "custom"}, {"title", "One social thing this week"},
                            {"instructions", "Something small with someone: a coffee, a call, a walk."}},
                           2, 0, ""));
    RETURN_IF_ERROR(Assign("Maya", now_ - 4 * kDay,
                           {{"kind", "prompt"}, {"title", "Better days"},
                            {"instructions", "What was different on the days that went better?"}},
                           3, 0, ""));

    // Daniel's agenda for the next session, shared with the clinician.
    ASSIGN_OR_RETURN(token_, Login(emails_.at("Daniel")));
    clock_.Set(now_ - 3 * kDay);
    return Call("POST", "/api/v1/entries",
                Json{{"kind", "session_prep"},
                     {"text", ""},
                     {"fields", {{"want_to_discuss", "Sleep. Sam. Whether the drinking is a problem."},
                                 {"since_last_session", "Sleep diary done. Didn't write the list for Sam."},
                                 {"questions", "Is it normal to feel this flat?"}}},
                     {"shared", true}})
        .status();
  }

  // The worsening client (linked, sharing everything: SeedLinks) makes a safety plan, and
  // in the last days writes words that raise the tier to high: the clinician's demo shows
  // an open alert.
  Status SeedSafety(const Persona& p) {
    clock_.Set(now_ - 21 * kDay);
    ASSIGN_OR_RETURN(token_, Login(p.email));
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
    o.clinician_idle_minutes = o.session_idle_minutes;
    return o;
  }

  // The clinician invites; the persona accepts, sharing `share`.
  Status LinkTo(std::string_view name, const Json& share) {
    token_ = clinician_token_;
    ASSIGN_OR_RETURN(const Json invitation,
                     Call("POST", "/api/v1/clinician/invitations", Json::object()));
    ASSIGN_OR_RETURN(token_, Login(emails_.at(std::string(name))));
    return Call("POST", "/api/v1/links", Json{{"code", invitation.at("code")}, {"share", share}})
        .status();
  }

  // Sessions a week apart: `past` before `next`, then `next` and the one after it.
  Status WeeklySessions(std::string_view name, UnixMillis next, int past, UnixMillis recorded_at) {
    for (int k = -past; k <= 1; ++k) {
      store::ClinicalSessionRecord s;
      s.id = NewId();
      s.clinician_id = clinician_.id;
      s.client_id = users_.at(std::string(name)).id;
      s.starts_at = next + k * 7 * kDay;
      s.created_at = std::max(recorded_at, s.starts_at - 7 * kDay);
      RETURN_IF_ERROR(store_.clinical_sessions().Insert(s));
    }
    return OkStatus();
  }

  // The clinician sets `body` for `name` at `at`, due `due_day` days from today (negative:
  // before); the client marks it done at `done_at` (0: still open) with `note`.
  Status Assign(std::string_view name, UnixMillis at, Json body, int due_day,
                UnixMillis done_at, std::string_view note) {
    const store::UserRecord& client = users_.at(std::string(name));
    clock_.Set(at);
    token_ = clinician_token_;
    body["due"] = FormatIso8601((now_ / kDay + due_day) * kDay).substr(0, 10);
    ASSIGN_OR_RETURN(const Json created,
                     Call("POST", "/api/v1/clinician/clients/" + client.id + "/assignments", body));
    if (done_at == 0) return OkStatus();
    clock_.Set(done_at);
    ASSIGN_OR_RETURN(token_, Login(emails_.at(std::string(name))));
    Json patch = {{"done", true}};
    if (!note.empty()) patch["note"] = note;
    return Call("PATCH",
                "/api/v1/assignments/" + created.at("assignment").at("id").get<std::string>(), patch)
        .status();
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

  // Signs in by e-mail; the clinician with the TOTP code of the clock's moment.
  Result<std::string> Login(std::string_view login) {
    token_.clear();
    Json body = {{"login", login}, {"password", kDemoPassword}};
    if (login == kDemoClinicianEmail) {
      const auto secret = crypto::Base32Decode(kDemoTotpSecret);
      if (!secret) return Internal("the demo's two-factor secret is not base32");
      body["totp"] = crypto::Totp(*secret, clock_.NowMillis() / 1000);
    }
    ASSIGN_OR_RETURN(const Json r, Call("POST", "/api/v1/auth/login", body));
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
    if (entry.shared) body["shared"] = true;
    return Call("POST", "/api/v1/entries", body).status();
  }

  store::Store& store_;
  const api::ContentVault& vault_;
  UnixMillis now_;
  ManualClock clock_;
  api::Api api_;
  std::string token_;
  std::string clinician_token_;
  store::UserRecord clinician_;
  std::map<std::string, store::UserRecord, std::less<>> users_;  // by persona name
  std::map<std::string, std::string_view, std::less<>> emails_;
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
  out << "  clinician  " << kDemoClinicianEmail << "  " << kDemoPassword
      << "  (two-factor: the 6-digit code for the secret below)\n";
  out << "    TOTP secret  " << kDemoTotpSecret << "  (published: demo only)\n";
  out << "    " << crypto::OtpauthUri(kTotpIssuer, kDemoClinicianEmail, kDemoTotpSecret) << "\n";
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
  RETURN_IF_ERROR(seeder.SeedLinks());
  for (const Persona& p : DemoPersonas()) {
    if (p.course == MoodCourse::kWorsening) RETURN_IF_ERROR(seeder.SeedSafety(p));
    if (p.course == MoodCourse::kImproving) RETURN_IF_ERROR(seeder.SeedMirror(p));
  }
  RETURN_IF_ERROR(seeder.SeedCare());
  RETURN_IF_ERROR(store.meta().Put(kSeededMeta, std::to_string(now)));
  out << "Seeded a clinic, a clinician and " << DemoPersonas().size()
      << " clients with 90 days of check-ins, journal entries"
      << (instruments != nullptr ? " and fortnightly PHQ-9 and GAD-7" : "")
      << ". Linked to the clinician: Daniel (shares everything; a safety plan, an open safety "
         "alert, shared entries and an agenda for the next session), Maya (mood, "
         "questionnaires and homework, not her entries) and Priya (mood only); Daniel and Maya "
         "have weekly sessions and homework (some done, some open, one overdue)"
      << (mirror != nullptr ? "; Maya has a companion conversation, an activity plan and "
                              "exercise answers"
                            : "")
      << ".\n";
  PrintLogins(out);
  return OkStatus();
}

}  // namespace interlude::app
