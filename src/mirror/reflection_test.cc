// Reflection composer tests: the clinician-readable cases in data/mirror/cases/reflections.txt
// (one parameterised test), plus modes, safety tier, determinism, variety and loading.
#include "mirror/companion.h"
#include "mirror/reflection.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "mirror/reflection_context.h"
#include "mirror/templates.h"
#include "mirror/test_support.h"
#include "text/case_file.h"
#include "text/data_file.h"

namespace interlude::mirror {
namespace {

using testing::Analyze;
using testing::TestChecker;
using testing::TestComposer;
using testing::WordCount;

struct ReflectionCase {
  int line = 0;
  std::string text;
  ReflectionMode mode = ReflectionMode::kBalanced;
  int tier = 0;
  std::vector<std::string> facts;
};

void PrintTo(const ReflectionCase& c, std::ostream* os) {
  *os << "line " << c.line << ": \"" << c.text.substr(0, 60) << "\"";
}

std::vector<ReflectionCase> LoadCases() {
  std::vector<ReflectionCase> cases;
  const std::string path = text::DataRoot() + "/mirror/cases/reflections.txt";
  const Status st = text::ForEachDataLine(
      path, "reflection cases", [&](const std::string& line, int number) -> Status {
        std::vector<std::string> f;
        std::stringstream in(line);
        std::string field;
        while (std::getline(in, field, '\t')) f.push_back(field);
        if (f.size() < 3) return text::DataLineError(path, number, "expected text, mode, facts");
        ReflectionCase c;
        c.line = number;
        c.text = f[0];
        std::string mode = f[1];
        if (const size_t tier = mode.find(" tier="); tier != std::string::npos) {
          c.tier = std::stoi(mode.substr(tier + 6));
          mode = mode.substr(0, tier);
        }
        if (!ParseReflectionMode(mode, c.mode)) {
          return text::DataLineError(path, number, "unknown mode " + mode);
        }
        c.facts = testing::SplitBars(f[2]);
        cases.push_back(std::move(c));
        return OkStatus();
      });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return cases;
}

std::string Lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

bool HasAct(const Reply& r, const std::string& name) {
  for (const ReplySentence& s : r.sentences) {
    if (ActName(s.act) == name) return true;
  }
  return false;
}

int Questions(const Reply& r) {
  int n = 0;
  for (const ReplySentence& s : r.sentences) {
    n += s.act == Act::kQuestion || s.act == Act::kInvitation;
  }
  return n;
}

std::vector<std::string> SplitSlash(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, '/')) out.push_back(item);
  return out;
}

// Checks one fact; the failure message names it.
void CheckFact(const std::string& fact, const ReflectionCase& c, const Reply& reply) {
  const std::string text = reply.Text();
  const std::string lower = Lower(text);
  const size_t eq = fact.find('=');
  const std::string name = fact.substr(0, eq);
  const std::string value = eq == std::string::npos ? "" : fact.substr(eq + 1);
  SCOPED_TRACE("fact " + fact + " on reply \"" + text + "\"");
  if (name == "empty") {
    EXPECT_TRUE(reply.empty());
  } else if (name == "max_words") {
    EXPECT_LE(WordCount(text), std::stoi(value));
  } else if (name == "min_words") {
    EXPECT_GE(WordCount(text), std::stoi(value));
  } else if (name == "max_sentences") {
    EXPECT_LE(reply.sentences.size(), static_cast<size_t>(std::stoi(value)));
  } else if (name == "lower") {
    EXPECT_EQ(text, lower);
  } else if (name == "capitalised") {
    ASSERT_FALSE(text.empty());
    EXPECT_TRUE(std::isupper(static_cast<unsigned char>(text[0])));
  } else if (name == "no_contractions" || name == "contractions") {
    bool contracted = false;
    for (const char* form : {"n't", "'re", "'m ", "'ve", "'ll", "'d ", "it's", "that's", "what's",
                             "there's", "let's"}) {
      contracted |= lower.find(form) != std::string::npos;
    }
    EXPECT_EQ(contracted, name == "contractions");
  } else if (name == "emoji" || name == "no_emoji") {
    bool has = false;
    for (char ch : text) has |= static_cast<unsigned char>(ch) == 0xF0;
    EXPECT_EQ(has, name == "emoji");
  } else if (name == "contains") {
    EXPECT_NE(lower.find(Lower(value)), std::string::npos);
  } else if (name == "contains_any") {
    bool any = false;
    for (const std::string& v : SplitSlash(value)) any |= lower.find(Lower(v)) != std::string::npos;
    EXPECT_TRUE(any);
  } else if (name == "not_contains") {
    EXPECT_EQ(lower.find(Lower(value)), std::string::npos);
  } else if (name == "has_act") {
    EXPECT_TRUE(HasAct(reply, value));
  } else if (name == "no_act") {
    EXPECT_FALSE(HasAct(reply, value));
  } else if (name == "first_act") {
    ASSERT_FALSE(reply.empty());
    const std::vector<std::string> allowed = SplitSlash(value);
    EXPECT_NE(
        std::find(allowed.begin(), allowed.end(), std::string(ActName(reply.sentences[0].act))),
        allowed.end());
  } else if (name == "max_questions") {
    EXPECT_LE(Questions(reply), std::stoi(value));
  } else if (name == "quotes_nothing") {
    std::string word;
    const std::string entry = Lower(c.text) + " ";
    for (char ch : entry) {
      if (std::isalpha(static_cast<unsigned char>(ch))) {
        word += ch;
        continue;
      }
      if (word.size() >= 5) {
        EXPECT_EQ(lower.find(word), std::string::npos) << word;
      }
      word.clear();
    }
  } else {
    ADD_FAILURE() << "unknown fact " << fact << " (line " << c.line << ")";
  }
}

// What must hold for every reply.
void CheckUniversal(const Reply& reply) {
  const std::string lower = Lower(reply.Text());
  for (const char* banned : {"understand exactly", "you should", "you must", "diagnos"}) {
    EXPECT_EQ(lower.find(banned), std::string::npos) << banned << " in " << reply.Text();
  }
  EXPECT_LE(Questions(reply), 1) << reply.Text();
  EXPECT_LE(WordCount(reply.Text()), 60) << reply.Text();
  for (const ReplySentence& s : reply.sentences) {
    EXPECT_FALSE(s.template_id.empty());
    EXPECT_FALSE(s.text.empty());
    EXPECT_TRUE(TestChecker().Check(s.text).empty()) << s.text;
  }
}

Reply ComposeFor(const std::string& text, ReflectionMode mode, int tier, uint64_t seed,
                 std::vector<std::string> recent = {}) {
  const text::Analysis a = Analyze(text);
  ReflectionRequest r;
  r.text = text;
  r.analysis = &a;
  r.mode = mode;
  r.safety_tier = tier;
  r.seed = seed;
  r.recent_templates = std::move(recent);
  return TestComposer().Compose(r);
}

class ReflectionCaseTest : public ::testing::TestWithParam<ReflectionCase> {};

TEST_P(ReflectionCaseTest, MeetsItsFacts) {
  const ReflectionCase& c = GetParam();
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const Reply reply = ComposeFor(c.text, c.mode, c.tier, seed);
    CheckUniversal(reply);
    for (const std::string& fact : c.facts) CheckFact(fact, c, reply);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, ReflectionCaseTest, ::testing::ValuesIn(LoadCases()));

TEST(ReflectionModeTest, NamesRoundTrip) {
  for (const char* name : {"off", "on", "just_listen", "help_me_think"}) {
    ReflectionMode m;
    ASSERT_TRUE(ParseReflectionMode(name, m)) << name;
    EXPECT_EQ(ReflectionModeName(m), name);
  }
  ReflectionMode m;
  EXPECT_FALSE(ParseReflectionMode("balanced", m));
}

TEST(ReflectionComposerTest, OffAndEmptyTextGiveNothing) {
  EXPECT_TRUE(ComposeFor("A long and difficult day at work.", ReflectionMode::kOff, 0, 1).empty());
  EXPECT_TRUE(ComposeFor("", ReflectionMode::kBalanced, 0, 1).empty());
  EXPECT_TRUE(ComposeFor("   ...  ", ReflectionMode::kBalanced, 0, 1).empty());
  ReflectionRequest no_analysis;
  no_analysis.text = "Hello";
  EXPECT_TRUE(TestComposer().Compose(no_analysis).empty());
}

TEST(ReflectionComposerTest, SameRequestSameReply) {
  const std::string text = "I keep arguing with my partner about money and it's wearing me down.";
  for (uint64_t seed : {0u, 7u, 12345u}) {
    const Reply a = ComposeFor(text, ReflectionMode::kBalanced, 0, seed, {"R-G-001"});
    const Reply b = ComposeFor(text, ReflectionMode::kBalanced, 0, seed, {"R-G-001"});
    ASSERT_EQ(a.sentences.size(), b.sentences.size());
    for (size_t i = 0; i < a.sentences.size(); ++i) {
      EXPECT_EQ(a.sentences[i].text, b.sentences[i].text);
      EXPECT_EQ(a.sentences[i].template_id, b.sentences[i].template_id);
    }
  }
}

TEST(ReflectionComposerTest, ComposeRunsConcurrently) {
  const std::vector<std::string> texts = {
      "Work was exhausting and I snapped at my partner when I got home.",
      "i always mess everything up at work", "Bad day. Fight with Sam.",
      "Feeling so grateful for my sister today \xF0\x9F\x98\x8A she brought soup"};
  std::vector<std::string> expected;
  for (const std::string& t : texts) {
    expected.push_back(ComposeFor(t, ReflectionMode::kBalanced, 0, 9).Text());
  }
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&] {
      for (int round = 0; round < 5; ++round) {
        for (size_t i = 0; i < texts.size(); ++i) {
          if (ComposeFor(texts[i], ReflectionMode::kBalanced, 0, 9).Text() != expected[i]) {
            ++mismatches;
          }
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(ReflectionComposerTest, SeedsVaryTheReply) {
  std::set<std::string> replies;
  for (uint64_t seed = 0; seed < 12; ++seed) {
    replies.insert(ComposeFor("Work was exhausting and I snapped at my partner when I got home.",
                              ReflectionMode::kBalanced, 0, seed)
                       .Text());
  }
  EXPECT_GE(replies.size(), 2u);  // with and without a question, at least
}

// Twenty replies in a row for one person, each remembering the templates of the replies
// before it: no template is used again while it is within the last kTemplateMemory ids.
void ExpectNoRepeats(const std::vector<std::string>& entries, ReflectionMode mode) {
  std::vector<std::string> history;
  for (size_t i = 0; i < 20; ++i) {
    const std::string& text = entries[i % entries.size()];
    const Reply reply = ComposeFor(text, mode, 0, 100 + i, history);
    ASSERT_FALSE(reply.empty()) << text;
    const size_t from = history.size() > kTemplateMemory ? history.size() - kTemplateMemory : 0;
    const std::set<std::string> recent(history.begin() + static_cast<std::ptrdiff_t>(from),
                                       history.end());
    for (const ReplySentence& s : reply.sentences) {
      EXPECT_EQ(recent.count(s.template_id), 0u)
          << "reply " << i << " repeats " << s.template_id << ": " << reply.Text();
      history.push_back(s.template_id);
    }
  }
}

TEST(ReflectionComposerTest, TwentyRepliesRepeatNoRecentTemplate) {
  ExpectNoRepeats({"Work was exhausting and I snapped at my partner when I got home.",
                   "I finally told my sister how I've been feeling and she listened.",
                   "Feeling really down this week, nothing seems to help.",
                   "I had a lovely walk by the river this morning and felt calm.",
                   "I'm really anxious about tomorrow's appointment."},
                  ReflectionMode::kBalanced);
}

TEST(ReflectionComposerTest, TwentyRepliesToTheSameEntryRepeatNoRecentTemplate) {
  ExpectNoRepeats({"I've been feeling so low and tired since the move, and I miss my friends."},
                  ReflectionMode::kBalanced);
  ExpectNoRepeats({"I always mess everything up at work."}, ReflectionMode::kHelpMeThink);
}

TEST(ReflectionComposerTest, JustListenNeverAsks) {
  for (const char* text : {"I always mess everything up.", "Why does this keep happening to me?",
                           "Bad day. Fight with Sam.", "I got the job!"}) {
    for (uint64_t seed = 0; seed < 6; ++seed) {
      const Reply r = ComposeFor(text, ReflectionMode::kJustListen, 0, seed);
      EXPECT_FALSE(r.empty());
      EXPECT_EQ(Questions(r), 0) << r.Text();
      EXPECT_EQ(r.Text().find('?'), std::string::npos) << r.Text();
    }
  }
}

TEST(ReflectionComposerTest, HelpMeThinkAsksOrInvites) {
  for (const char* text :
       {"Work was exhausting today.", "I always mess everything up.", "I got the job!"}) {
    for (uint64_t seed = 0; seed < 4; ++seed) {
      const Reply r = ComposeFor(text, ReflectionMode::kHelpMeThink, 0, seed);
      EXPECT_EQ(Questions(r), 1) << r.Text();
      EXPECT_TRUE(r.sentences[0].act == Act::kSimpleReflection ||
                  r.sentences[0].act == Act::kComplexReflection)
          << r.Text();
    }
  }
}

// An invitation written for one kind of thinking trap ("how sure can you be of what they
// are thinking?") is used only when the words it quotes are that kind of trap: entries with
// two kinds found get the one for the quoted words, or a general one (I-G-*).
TEST(ReflectionComposerTest, InvitationsFitTheKindOfTheQuotedWords) {
  const std::map<std::string, std::set<text::Distortion>> kinds = {
      {"I-O-", {text::Distortion::kOvergeneralization}},
      {"I-A-", {text::Distortion::kAllOrNothing}},
      {"I-M-", {text::Distortion::kMindReading}},
      {"I-F-", {text::Distortion::kFortuneTelling}},
      {"I-K-", {text::Distortion::kCatastrophizing, text::Distortion::kMagnification}},
      {"I-S-", {text::Distortion::kShouldStatements}},
      {"I-L-", {text::Distortion::kLabeling}},
      {"I-P-", {text::Distortion::kPersonalization}},
      {"I-B-", {text::Distortion::kBlaming}},
      {"I-E-", {text::Distortion::kEmotionalReasoning}},
      {"I-D-", {text::Distortion::kDiscountingPositive, text::Distortion::kMentalFilter}}};
  int checked = 0;
  for (const char* text : {"I always mess everything up and everyone probably thinks I'm useless.",
                           "If I don't get this job then I'm a total failure.",
                           "She didn't text back, she must hate me.", "I always ruin everything.",
                           "It's all my fault that the party went badly."}) {
    const text::Analysis analysis = Analyze(text);
    if (analysis.distortions.empty()) continue;
    const text::Distortion first = analysis.distortions[0].type;
    for (uint64_t seed = 0; seed < 12; ++seed) {
      const Reply r = ComposeFor(text, ReflectionMode::kHelpMeThink, 0, seed);
      for (const ReplySentence& s : r.sentences) {
        if (s.act != Act::kInvitation) continue;
        ++checked;
        for (const auto& [prefix, fits] : kinds) {
          if (s.template_id.rfind(prefix, 0) == 0) {
            EXPECT_TRUE(fits.count(first) > 0) << text << " -> " << r.Text();
          }
        }
      }
    }
  }
  EXPECT_GT(checked, 0);
}

// "Hard on yourself" is for self-criticism, not for a trap about other people.
TEST(ReflectionComposerTest, HardOnYourselfOnlyForSelfCriticism) {
  for (const char* text : {"People always leave me in the end.", "She must hate me.",
                           "My partner never listens to a word I say."}) {
    for (uint64_t seed = 0; seed < 12; ++seed) {
      const Reply r = ComposeFor(text, ReflectionMode::kBalanced, 0, seed);
      for (const ReplySentence& s : r.sentences) {
        EXPECT_NE(s.template_id, "R-L-016") << text << " -> " << r.Text();
        EXPECT_NE(s.template_id, "R-L-017") << text << " -> " << r.Text();
        EXPECT_NE(s.template_id, "R-L-020") << text << " -> " << r.Text();
      }
    }
  }
}

TEST(ReflectionComposerTest, SafetyTierTwoIsOnlyAnAcknowledgement) {
  const std::string text = "I want to hang myself from the bridge tonight, I have the rope.";
  for (int tier : {2, 3}) {
    for (ReflectionMode mode : {ReflectionMode::kBalanced, ReflectionMode::kHelpMeThink}) {
      const Reply r = ComposeFor(text, mode, tier, 3);
      ASSERT_FALSE(r.empty());
      EXPECT_EQ(Questions(r), 0);
      for (const ReplySentence& s : r.sentences) {
        EXPECT_TRUE(s.act == Act::kInformation || s.act == Act::kSimpleReflection);
        EXPECT_EQ(s.template_id.rfind("K-", 0), 0u) << s.template_id;
      }
      const std::string lower = Lower(r.Text());
      for (const char* w : {"hang", "bridge", "rope", "tonight"}) {
        EXPECT_EQ(lower.find(w), std::string::npos) << w;
      }
    }
  }
  // Off still means off.
  EXPECT_TRUE(ComposeFor(text, ReflectionMode::kOff, 3, 1).empty());
}

TEST(ReflectionComposerTest, RiskWordsAreNeverQuotedEvenBelowTierTwo) {
  const Reply r = ComposeFor("Sometimes I think about jumping off the bridge near work.",
                             ReflectionMode::kBalanced, 1, 2);
  const std::string lower = Lower(r.Text());
  EXPECT_EQ(lower.find("bridge"), std::string::npos) << r.Text();
  EXPECT_EQ(lower.find("jump"), std::string::npos) << r.Text();
}

TEST(ReflectionComposerTest, ApiFormHasActs) {
  const Reply r = ComposeFor("Work was exhausting today.", ReflectionMode::kBalanced, 0, 1);
  const nlohmann::json j = ReplyToJson(r);
  EXPECT_EQ(j["text"], r.Text());
  ASSERT_EQ(j["sentences"].size(), r.sentences.size());
  EXPECT_FALSE(j["sentences"][0].contains("template_id"));
}

// Every template of both files, filled with ordinary values and in both registers, passes
// the safe-messaging checker (Load checks the same with a neutral word).
TEST(TemplateFilesTest, EveryTemplatePassesTheChecker) {
  auto counter = StyleCounter::Load(text::DataRoot());
  ASSERT_TRUE(counter.ok());
  const std::map<std::string, std::string> values = {
      {"phrase", "your boss"},
      {"phrase2", "the deadlines"},
      {"quote", "my boss"},
      {"feeling", "anxious"},
      {"feeling_noun", "worry"},
      {"feeling2", "calm"},
      {"theme", "work"},
      {"evidence", "I always mess up"},
      {"did", "talked to your sister"},
      {"topic", "work"},
      {"exercise", "slow breathing"},
      {"want", "feel calmer"},
      {"reason", "it can settle a racing body"},
      {"topics", "work and sleep"},
      {"feelings", "anxious and low"},
      {"echo", "you're fed up with being ignored at work"}};
  size_t checked = 0;
  for (const char* file : {"reflections.txt", "companion.txt"}) {
    std::set<std::string> slots = ReflectionSlots();
    slots.insert(CompanionSlots().begin(), CompanionSlots().end());
    auto set = TemplateSet::Load(text::DataRoot() + "/mirror/" + file, slots, EntryPlaceholders(),
                                 TestChecker(), **counter);
    ASSERT_TRUE(set.ok()) << set.status().ToString();
    for (const Template& t : set->templates()) {
      std::string filled;
      ASSERT_TRUE(FillTemplate(t.text, values, filled)) << t.id;
      for (const bool contract : {false, true}) {
        StyleTarget target;
        target.contractions = contract;
        const std::string sentence = ApplyRegister(filled, target);
        EXPECT_TRUE(TestChecker().Check(sentence).empty()) << t.id << ": " << sentence;
        const std::string lower = Lower(sentence);
        for (const char* banned : {"understand exactly", "you should", "you must", "diagnos"}) {
          EXPECT_EQ(lower.find(banned), std::string::npos) << t.id << ": " << sentence;
        }
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 300u);
}

// Load: a data folder with one reflections.txt replaced.
std::string DataWithReflections(const std::string& name, const std::string& content) {
  const std::string root = testing::ScratchDir(name);
  std::filesystem::create_directories(root + "/text");
  std::filesystem::copy_file(text::DataRoot() + "/text/function_words.txt",
                             root + "/text/function_words.txt");
  testing::WriteFile(root + "/mirror/reflections.txt", content);
  return root;
}

const char kMinimal[] =
    "R-1\treflection\tsimple_reflection\t-\tYou wrote about {phrase}.\n"
    "K-1\tacknowledge\tinformation\t-\tThe support options here are for you right now.\n"
    "F-1\tfallback\tsimple_reflection\t-\tThank you for writing this down.\n";

TEST(ReflectionLoadTest, AcceptsAMinimalFile) {
  auto c = ReflectionComposer::Load(DataWithReflections("minimal", kMinimal), TestChecker());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const text::Analysis a = Analyze("A long walk with my dog.");
  ReflectionRequest r;
  r.text = "A long walk with my dog.";
  r.analysis = &a;
  EXPECT_FALSE((*c)->Compose(r).empty());
}

TEST(ReflectionLoadTest, RejectsATemplateThatFailsTheChecker) {
  auto c = ReflectionComposer::Load(
      DataWithReflections("unsafe", std::string(kMinimal) +
                                        "R-2\treflection\tsimple_reflection\t-\tDon't worry, "
                                        "I won't tell anyone.\n"),
      TestChecker());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(c.status().message().find(":4:"), std::string::npos) << c.status().message();
  EXPECT_NE(c.status().message().find("SAFE-073"), std::string::npos) << c.status().message();
}

TEST(ReflectionLoadTest, RejectsMalformedLines) {
  for (const std::string& bad : {
           std::string("R-2\treflection\tsimple_reflection\tYou wrote.\n"),  // 4 fields
           std::string("R-2\treflection\tshouting\t-\tYou wrote.\n"),        // act
           std::string("R-2\twhisper\tsimple_reflection\t-\tYou wrote.\n"),  // slot
           std::string("R-1\treflection\tsimple_reflection\t-\tAgain.\n"),   // duplicate id
           std::string("R-2\treflection\tsimple_reflection\t-\tYou wrote {nope}.\n"),
           std::string("R-2\treflection\tsimple_reflection\t-\tYou wrote {phrase.\n"),
           std::string("R-2\treflection\tsimple_reflection\t-\tWhat happened?\n"),  // a question
           std::string("K-2\tacknowledge\tinformation\t-\tYou wrote {phrase}.\n"),  // quoting
       }) {
    auto c = ReflectionComposer::Load(DataWithReflections("bad", std::string(kMinimal) + bad),
                                      TestChecker());
    EXPECT_FALSE(c.ok()) << bad;
  }
  auto missing = ReflectionComposer::Load(testing::ScratchDir("missing"), TestChecker());
  EXPECT_FALSE(missing.ok());
}

}  // namespace
}  // namespace interlude::mirror
