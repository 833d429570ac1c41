// Tests of the exercise library (exercises.h): the real data/coping/exercises.txt (size,
// sources from CLINICAL.md §13 only, safe wording, breathing pace, cautions) and malformed
// files, whose errors must name the line.
//
// Thread-safety: single-threaded test code.
#include "mirror/exercises.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "safety/safe_messaging.h"
#include "mirror/test_support.h"
#include "text/case_file.h"

namespace interlude::mirror {
namespace {

const ExerciseLibrary& Library() { return testing::TestLibrary(); }

const safety::SafeMessagingChecker& Checker() { return testing::TestChecker(); }

// The 21 strategies of CLINICAL.md §13, as named there.
const std::set<std::string>& Strategies() {
  static const std::set<std::string> kNames = {
      "Paced / slow breathing",
      "TIPP",
      "STOP",
      "ACCEPTS (distract)",
      "Self-soothe with the senses",
      "IMPROVE the moment",
      "Pros and cons",
      "Radical acceptance / turning the mind",
      "5-4-3-2-1 grounding",
      "Behavioural activation / activity scheduling",
      "Thought record (7-column)",
      "Spot the distortion",
      "Worry postponement (\"worry time\")",
      "Progressive (or paired) muscle relaxation",
      "Stimulus control for sleep",
      "Sleep hygiene education",
      "Expressive writing",
      "Three good things",
      "Self-compassion break",
      "Safety plan",
      "Mindfulness practice",
  };
  return kNames;
}

TEST(ExerciseLibraryTest, LoadsTheRealFile) {
  const auto& all = Library().all();
  EXPECT_GE(all.size(), 25u);
  std::set<std::string> ids, kinds, sources;
  for (const Exercise& e : all) {
    EXPECT_TRUE(ids.insert(e.id).second) << e.id;
    kinds.insert(e.kind);
    sources.insert(e.source);
    EXPECT_FALSE(e.title.empty()) << e.id;
    EXPECT_FALSE(e.summary.empty()) << e.id;
    EXPECT_FALSE(e.evidence.empty()) << e.id;
    EXPECT_FALSE(e.steps.empty()) << e.id;
    EXPECT_FALSE(e.emotions.empty()) << e.id;
    EXPECT_GT(e.minutes, 0) << e.id;
    EXPECT_EQ(e.source_url.rfind("http", 0), 0u) << e.id;
    EXPECT_TRUE(Strategies().contains(e.source)) << e.id << ": '" << e.source << "' is not in §13";
    EXPECT_EQ(Library().Find(e.id), &e);
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"breathing", "grounding", "thought_record",
                                          "activity_planner", "steps"}));
  EXPECT_EQ(sources, Strategies()) << "every §13 strategy has at least one exercise";
  EXPECT_EQ(Library().Find("no_such_exercise"), nullptr);
}

TEST(ExerciseLibraryTest, EveryShownTextPassesSafeMessaging) {
  for (const Exercise& e : Library().all()) {
    std::vector<std::string> texts = {e.title, e.summary, e.evidence};
    texts.insert(texts.end(), e.steps.begin(), e.steps.end());
    texts.insert(texts.end(), e.cautions.begin(), e.cautions.end());
    for (const std::string& t : texts) {
      EXPECT_TRUE(Checker().Require(t).ok())
          << e.id << ": \"" << t << "\": " << Checker().Require(t).ToString();
    }
  }
}

TEST(ExerciseLibraryTest, PacedBreathingIsAboutSixBreathsAMinute) {
  int breathing = 0;
  for (const Exercise& e : Library().all()) {
    if (e.kind != "breathing") {
      EXPECT_EQ(e.inhale_seconds + e.exhale_seconds, 0) << e.id;
      continue;
    }
    ++breathing;
    EXPECT_EQ(e.inhale_seconds, 4) << e.id;
    EXPECT_EQ(e.exhale_seconds, 6) << e.id;
  }
  EXPECT_GE(breathing, 2);
  ASSERT_NE(Library().Find("paced_breathing_1min"), nullptr);
  ASSERT_NE(Library().Find("paced_breathing_5min"), nullptr);
  EXPECT_EQ(Library().Find("paced_breathing_1min")->minutes, 1);
  EXPECT_EQ(Library().Find("paced_breathing_5min")->minutes, 5);
}

TEST(ExerciseLibraryTest, CautionsAndCrisisSkills) {
  const Exercise* cold = Library().Find("tipp_temperature");
  ASSERT_NE(cold, nullptr);
  std::string cautions;
  for (const std::string& c : cold->cautions) cautions += c + " ";
  EXPECT_NE(cautions.find("heart"), std::string::npos);
  EXPECT_NE(cautions.find("beta-blockers"), std::string::npos);
  EXPECT_NE(cautions.find("eating disorder"), std::string::npos);
  ASSERT_NE(Library().Find("tipp_intense_exercise"), nullptr);
  EXPECT_FALSE(Library().Find("tipp_intense_exercise")->cautions.empty());
  const Exercise* writing = Library().Find("expressive_writing");
  ASSERT_NE(writing, nullptr);
  EXPECT_FALSE(writing->cautions.empty());
  EXPECT_GT(writing->sessions, 1);
  EXPECT_FALSE(writing->for_crisis);
  // Radical acceptance is taught after the crisis-survival skills (§13.8).
  EXPECT_FALSE(Library().Find("radical_acceptance")->for_crisis);
  for (const char* id : {"stop_skill", "tipp_temperature", "grounding_54321", "accepts_distract",
                         "self_soothe_senses", "safety_plan_review"}) {
    ASSERT_NE(Library().Find(id), nullptr) << id;
    EXPECT_TRUE(Library().Find(id)->for_crisis) << id;
  }
  for (const char* id : {"stimulus_control_sleep", "sleep_routine"}) {
    ASSERT_NE(Library().Find(id), nullptr) << id;
    const auto& themes = Library().Find(id)->themes;
    EXPECT_NE(std::find(themes.begin(), themes.end(), "sleep"), themes.end()) << id;
  }
}

// --- Malformed files: Parse is the loader without the file system.

const std::vector<std::string> kThemes = {"sleep", "work"};

constexpr std::string_view kGood =
    "# comment\n"
    "id: a\n"
    "title: A\n"
    "summary: S.\n"
    "kind: steps\n"
    "minutes: 2\n"
    "evidence: E.\n"
    "source: STOP\n"
    "source_url: https://example.org\n"
    "emotions: fear, stress\n"
    "themes: work\n"
    "times: any\n"
    "crisis: no\n"
    "step: One.\n";

std::string Replace(std::string_view text, std::string_view from, std::string_view to) {
  std::string s(text);
  const size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

Status ParseError(const std::string& text) {
  auto parsed = ExerciseLibrary::Parse(text, "exercises.txt", kThemes);
  return parsed.ok() ? OkStatus() : parsed.status();
}

TEST(ExerciseLibraryTest, ParsesAGoodBlock) {
  auto parsed = ExerciseLibrary::Parse(kGood, "exercises.txt", kThemes);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed.value()->all().size(), 1u);
  const Exercise& e = parsed.value()->all()[0];
  EXPECT_EQ(e.id, "a");
  EXPECT_EQ(e.emotions, (std::vector<std::string>{"fear", "stress"}));
  EXPECT_TRUE(e.times.empty());
  EXPECT_EQ(e.line, 2);
  EXPECT_EQ(e.steps, std::vector<std::string>{"One."});
}

struct BadFile {
  std::string name;
  std::string text;
  std::string message;  // expected in the error, with the line: "exercises.txt:N: ..."
};

class MalformedTest : public ::testing::TestWithParam<BadFile> {};

TEST_P(MalformedTest, ErrorNamesTheLine) {
  const Status s = ParseError(GetParam().text);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find(GetParam().message), std::string::npos) << s.message();
}

INSTANTIATE_TEST_SUITE_P(
    Files, MalformedTest,
    ::testing::Values(
        BadFile{"UnknownEmotion", Replace(kGood, "fear, stress", "fear, worry"),
                "exercises.txt:10: unknown emotion 'worry'"},
        BadFile{"UnknownTheme", Replace(kGood, "themes: work", "themes: work, office"),
                "exercises.txt:11: unknown theme 'office'"},
        BadFile{"UnknownKind", Replace(kGood, "kind: steps", "kind: video"),
                "exercises.txt:5: unknown kind 'video'"},
        BadFile{"UnknownTime", Replace(kGood, "times: any", "times: noon"),
                "exercises.txt:12: unknown time 'noon'"},
        BadFile{"UnknownKey", Replace(kGood, "step: One.", "stpe: One."),
                "exercises.txt:14: unknown key 'stpe'"},
        BadFile{"DuplicateKey", Replace(kGood, "title: A\n", "title: A\ntitle: B\n"),
                "exercises.txt:4: duplicate key 'title'"},
        BadFile{"DuplicateId", std::string(kGood) + "\n" + std::string(kGood).substr(10),
                "exercises.txt:16: duplicate id 'a'"},
        BadFile{"MissingField", Replace(kGood, "evidence: E.\n", ""),
                "exercises.txt:2: exercise 'a' has no 'evidence'"},
        BadFile{"NoSteps", Replace(kGood, "step: One.\n", ""),
                "exercises.txt:2: exercise 'a' has no steps"},
        BadFile{"NotKeyValue", Replace(kGood, "step: One.", "just words"),
                "exercises.txt:14: expected 'key: value'"},
        BadFile{"EmptyValue", Replace(kGood, "title: A", "title:"),
                "exercises.txt:3: empty value for 'title'"},
        BadFile{"BadMinutes", Replace(kGood, "minutes: 2", "minutes: two"),
                "exercises.txt:6: minutes must be"},
        BadFile{"BadCrisis", Replace(kGood, "crisis: no", "crisis: maybe"),
                "exercises.txt:13: crisis must be yes or no"},
        BadFile{"BadId", Replace(kGood, "id: a", "id: Slow Breathing"),
                "exercises.txt:2: id 'Slow Breathing' is not snake_case"},
        BadFile{"BreathingWithoutPace", Replace(kGood, "kind: steps", "kind: breathing"),
                "exercises.txt:2: exercise 'a': inhale and exhale are required"},
        BadFile{"PaceWithoutBreathing", Replace(kGood, "minutes: 2", "minutes: 2\ninhale: 4"),
                "exercises.txt:2: exercise 'a': inhale and exhale"},
        BadFile{"Empty", "# nothing here\n\n", "no exercises in the file"}),
    [](const ::testing::TestParamInfo<BadFile>& param_info) { return param_info.param.name; });

TEST(ExerciseLibraryTest, MissingFilesAreNotFound) {
  const std::string dir =
      (std::filesystem::temp_directory_path() / "interlude_coping_test_missing").string();
  auto loaded = ExerciseLibrary::Load(dir);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace interlude::mirror
