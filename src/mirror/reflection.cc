// The reflection composer (reflection.h): candidates from data/mirror/reflections.txt,
// chosen by style match (templates.h), shaped by the person's mode.
#include "mirror/reflection.h"

#include <array>
#include <set>
#include <utility>

#include "mirror/reflection_context.h"
#include "mirror/style_target.h"
#include "mirror/templates.h"

namespace interlude::mirror {
namespace {

constexpr std::array<std::pair<ReflectionMode, std::string_view>, 4> kModeNames = {{
    {ReflectionMode::kOff, "off"},
    {ReflectionMode::kBalanced, "on"},
    {ReflectionMode::kJustListen, "just_listen"},
    {ReflectionMode::kHelpMeThink, "help_me_think"},
}};

// Entries of at least this many words get two reflections when a question is asked, so the
// reflections-to-questions ratio stays at or above 2:1 (CLINICAL.md §8).
constexpr int kLongEntryWords = 20;
// A one-sentence entry under this many words may get a one-sentence reply even when a
// question would be asked: the question is then one option, weighed by style like the rest
// ("short when they are short").
constexpr int kBriefEntryWords = 12;

}  // namespace

const std::set<std::string>& ReflectionSlots() {
  static const std::set<std::string> kSlots = {"reflection", "affirmation", "question",
                                               "invitation", "acknowledge", "fallback"};
  return kSlots;
}

std::string_view ReflectionModeName(ReflectionMode mode) {
  for (const auto& [m, name] : kModeNames) {
    if (m == mode) return name;
  }
  return "on";
}

bool ParseReflectionMode(std::string_view name, ReflectionMode& out) {
  for (const auto& [m, n] : kModeNames) {
    if (n == name) {
      out = m;
      return true;
    }
  }
  return false;
}

struct ReflectionComposer::Impl {
  const safety::SafeMessagingChecker* checker = nullptr;
  std::unique_ptr<StyleCounter> counter;
  TemplateSet templates;
  EntryWords words;
};

ReflectionComposer::ReflectionComposer() : impl_(std::make_unique<Impl>()) {}
ReflectionComposer::~ReflectionComposer() = default;

Result<std::unique_ptr<ReflectionComposer>> ReflectionComposer::Load(
    const std::string& data_root, const safety::SafeMessagingChecker& checker) {
  std::unique_ptr<ReflectionComposer> composer(new ReflectionComposer());
  Impl& impl = *composer->impl_;
  impl.checker = &checker;
  auto counter = StyleCounter::Load(data_root);
  if (!counter.ok()) return counter.status();
  impl.counter = std::move(counter).value();
  const std::string path = data_root + "/mirror/reflections.txt";
  auto set =
      TemplateSet::Load(path, ReflectionSlots(), EntryPlaceholders(), checker, *impl.counter);
  if (!set.ok()) return set.status();
  impl.templates = std::move(set).value();
  for (const Template& t : impl.templates.templates()) {
    // The acknowledgement at safety tier 2+ and the fallback quote nothing of the person's.
    if ((t.slot == "acknowledge" || t.slot == "fallback") && !t.placeholders.empty()) {
      return InvalidArgument(path + ":" + std::to_string(t.line) + ": " + t.slot +
                             " templates take no placeholders");
    }
    // Questions are questions; reflections are not.
    const bool question_mark = t.text.find('?') != std::string::npos;
    if ((t.slot == "question") != question_mark && t.slot != "invitation") {
      return InvalidArgument(path + ":" + std::to_string(t.line) +
                             ": only question templates end with a question mark");
    }
  }
  for (const char* slot : {"reflection", "acknowledge", "fallback"}) {
    if (impl.templates.OfSlot(slot).empty()) {
      return InvalidArgument(path + ": no " + std::string(slot) + " templates");
    }
  }
  auto words = EntryWords::FromTables(impl.templates, path);
  if (!words.ok()) return words.status();
  impl.words = std::move(words).value();
  return composer;
}

Reply ReflectionComposer::Compose(const ReflectionRequest& request) const {
  const Impl& impl = *impl_;
  if (request.mode == ReflectionMode::kOff || request.analysis == nullptr) return {};
  const text::Analysis& analysis = *request.analysis;
  if (analysis.style.words == 0) return {};
  const StyleTarget target = TargetFor(request.text, analysis);

  std::set<std::string> banned;
  const size_t from = request.recent_templates.size() > kTemplateMemory
                          ? request.recent_templates.size() - kTemplateMemory
                          : 0;
  for (size_t i = from; i < request.recent_templates.size(); ++i) {
    banned.insert(request.recent_templates[i]);
  }
  ChooseOptions options;
  options.target = &target;
  options.seed = request.seed;
  options.checker = impl.checker;

  const auto build = [&](std::string_view slot, const TemplateContext& context,
                         const std::set<std::string>* ban) {
    return BuildCandidates(impl.templates, slot, context, target, *impl.counter, ban);
  };

  if (request.safety_tier >= 2) {
    // A brief, warm acknowledgement pointing to the support shown with it (SAFE rules: no
    // question, no invitation, no quoting). Recent ones are avoided while others are left;
    // after that, steadiness matters more than variety.
    TemplateContext context;
    const std::vector<Candidate> ack = build("acknowledge", context, nullptr);
    std::vector<Candidate> thanks, support;
    for (const Candidate& c : ack) {
      (c.source->act == Act::kInformation ? support : thanks).push_back(c);
    }
    options.length_weight = 0;
    options.banned = &banned;
    Choice choice = ChooseBest({{&thanks, &support}, {&support}}, options);
    if (choice.sentences.empty()) {
      options.banned = nullptr;
      choice = ChooseBest({{&thanks, &support}, {&support}}, options);
    }
    return ToReply(choice, target);
  }

  const TemplateContext context =
      BuildEntryContext(request.text, analysis, target, impl.words, *impl.checker);
  const std::vector<Candidate> reflections = build("reflection", context, &banned);
  std::vector<Candidate> complex, simple;
  for (const Candidate& c : reflections) {
    (c.source->act == Act::kComplexReflection ? complex : simple).push_back(c);
  }
  // The first sentence: a complex reflection, or their own sentence said back ({echo}, the
  // plainest simple reflection, which matches their style best).
  std::vector<Candidate> primary = complex.empty() ? simple : complex;
  if (!complex.empty()) {
    for (const Candidate& c : simple) {
      for (const std::string& p : c.source->placeholders) {
        if (p == "echo") primary.push_back(c);
      }
    }
  }
  const std::vector<Candidate> affirmations = build("affirmation", context, &banned);
  std::vector<Candidate> did_affirmations;
  for (const Candidate& c : affirmations) {
    if (!c.source->placeholders.empty()) did_affirmations.push_back(c);
  }
  const std::vector<Candidate> questions = build("question", context, &banned);
  const std::vector<Candidate> invitations = build("invitation", context, &banned);

  const bool long_entry = target.writer_words >= kLongEntryWords;
  const bool brief_entry = analysis.style.sentences <= 1 && target.writer_words < kBriefEntryWords;
  // When the person told of something they did, the reply recognises it (an affirmation is
  // MI-adherent and what a person most often misses in their own account).
  const bool did = !did_affirmations.empty();
  const bool ask = Mix(request.seed, 0x51) % 2 == 0;
  const bool can_invite = !invitations.empty();
  // Affirm what the person did when they told of it; otherwise affirmations are rare.
  const std::vector<Candidate>& affirm = did_affirmations;

  std::vector<Shape> shapes;
  switch (request.mode) {
    case ReflectionMode::kJustListen:
      if (did) {
        shapes.push_back({&primary, &affirm});
        if (long_entry) shapes.push_back({&primary, &reflections, &affirm});
      } else {
        shapes.push_back({&primary});
        shapes.push_back({&primary, &reflections});
      }
      break;
    case ReflectionMode::kHelpMeThink:
      if (can_invite) {
        shapes.push_back({&primary, &invitations});
      } else {
        shapes.push_back({&primary, &questions});
        if (long_entry) shapes.push_back({&primary, &reflections, &questions});
      }
      break;
    case ReflectionMode::kBalanced:
    case ReflectionMode::kOff:
      if (can_invite) {
        // Not agreement with a thinking trap: a gentle invitation to look again.
        shapes.push_back({&primary, &invitations});
        if (!affirm.empty()) shapes.push_back({&primary, &affirm, &invitations});
      } else if (ask) {
        if (long_entry) {
          if (did) {
            shapes.push_back({&primary, &affirm, &questions});
          } else {
            shapes.push_back({&primary, &reflections, &questions});
          }
        } else {
          shapes.push_back({&primary, &questions});
          if (brief_entry) shapes.push_back({&primary});
        }
      } else if (did) {
        shapes.push_back({&primary, &affirm});
      } else {
        shapes.push_back({&primary});
        shapes.push_back({&primary, &reflections});
      }
      break;
  }
  Choice choice = ChooseBest(shapes, options);
  std::vector<Candidate> any, fallback;  // outlive `choice`, which points into them
  if (choice.sentences.empty()) {
    // Every shape was used up by the person's recent replies (or rejected): a reflection
    // alone, then allowing older templates again.
    choice = ChooseBest({{&reflections}}, options);
  }
  if (choice.sentences.empty()) {
    any = build("reflection", context, nullptr);
    choice = ChooseBest({{&any}}, options);
  }
  if (choice.sentences.empty()) {
    fallback = build("fallback", context, nullptr);
    choice = ChooseBest({{&fallback}}, options);
  }
  return ToReply(choice, target);
}

}  // namespace interlude::mirror
