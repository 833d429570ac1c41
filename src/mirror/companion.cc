// The companion (companion.h): intent, memory and phase decide which parts a reply has;
// the parts' templates (companion.txt, and the reflections of reflections.txt) are chosen
// by style match like reflections are (templates.h).
#include "mirror/companion.h"

#include <algorithm>
#include <deque>
#include <set>
#include <utility>

#include "mirror/intent.h"
#include "mirror/reflection.h"
#include "mirror/reflection_context.h"
#include "mirror/style_target.h"
#include "mirror/templates.h"

namespace interlude::mirror {
namespace {



// Bounds on the remembered lists.
constexpr size_t kMaxTopics = 6;
constexpr size_t kMaxFeelings = 6;
constexpr size_t kMaxWants = 4;
constexpr size_t kMaxKeyPhrases = 8;
// A summary comes after this many turns without one.
constexpr int kSummaryEvery = 4;

void AddUnique(std::vector<std::string>& list, const std::string& item, size_t max) {
  if (item.empty() || std::find(list.begin(), list.end(), item) != list.end()) return;
  list.push_back(item);
  if (list.size() > max) list.erase(list.begin());
}

// "a", "a and b", "a, b and c".
std::string JoinWords(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

// The last `n` items.
std::vector<std::string> Last(const std::vector<std::string>& items, size_t n) {
  const size_t from = items.size() > n ? items.size() - n : 0;
  return {items.begin() + static_cast<std::ptrdiff_t>(from), items.end()};
}

// "paced_breathing" -> "paced breathing".
std::string PlainId(std::string id) {
  std::replace(id.begin(), id.end(), '_', ' ');
  return id;
}

std::string LowerFirst(std::string s) {
  if (s.size() > 1 && s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z')) {
    s[0] = static_cast<char>(s[0] - 'A' + 'a');
  }
  return s;
}

// The title of the exercise last offered, in running text ("one minute of slow breathing").
std::string PendingTitle(const CompanionState& state) {
  return LowerFirst(state.offered_title.empty() ? PlainId(state.offered_exercise)
                                                : state.offered_title);
}

bool IsNegativeFeeling(const std::string& emotion) {
  return emotion == "sadness" || emotion == "fear" || emotion == "shame" ||
         emotion == "loneliness" || emotion == "stress" || emotion == "anger";
}

}  // namespace

const std::set<std::string>& CompanionSlots() {
  static const std::set<std::string> kSlots = {"opening_intro",
                                               "opening_question",
                                               "greeting",
                                               "thanks",
                                               "goodbye",
                                               "what_it_is",
                                               "steer_back",
                                               "off_topic",
                                               "advice",
                                               "advice_question",
                                               "explore_question",
                                               "focus_question",
                                               "want_reflection",
                                               "offer",
                                               "offer_question",
                                               "start_exercise",
                                               "after_decline",
                                               "psychoeducation",
                                               "summary",
                                               "next_step",
                                               "professional_help",
                                               "check_in",
                                               "check_in_support",
                                               "recap_topics",
                                               "recap_feelings",
                                               "recap_want",
                                               "recap_exercise",
                                               "recap_safety",
                                               "recap_general"};
  return kSlots;
}

struct Companion::Impl {
  const safety::SafeMessagingChecker* checker = nullptr;
  std::unique_ptr<StyleCounter> counter;
  TemplateSet reflections;  // reflections.txt: reflection and affirmation slots
  TemplateSet dialogue;     // companion.txt
  EntryWords words;
  IntentRules intents;
  std::vector<std::string> want_cues;  // lower case, longest first

  std::vector<Candidate> Build(const TemplateSet& set, std::string_view slot,
                               const TemplateContext& context, const StyleTarget& target,
                               const std::set<std::string>* banned) const {
    return BuildCandidates(set, slot, context, target, *counter, banned);
  }

  // What the person says they want, paraphrased ("feel calmer"); empty when none.
  std::string FindWant(std::string_view text) const;
  // The plain words for the topics, feelings and want kept in `state`.
  void AddStateValues(const CompanionState& state, TemplateContext& context) const;
};

std::string Companion::Impl::FindWant(std::string_view text) const {
  const std::vector<std::string> message = MessageWords(text);
  for (const std::string& cue : want_cues) {
    const std::vector<std::string> cue_words = MessageWords(cue);
    for (size_t i = 0; i + cue_words.size() < message.size(); ++i) {
      if (!std::equal(cue_words.begin(), cue_words.end(),
                      message.begin() + static_cast<std::ptrdiff_t>(i))) {
        continue;
      }
      std::string want;
      const size_t end = std::min(message.size(), i + cue_words.size() + 8);
      for (size_t k = i + cue_words.size(); k < end; ++k) {
        if (message[k] == "but" || message[k] == "because" || message[k] == "so") break;
        if (!want.empty()) want += ' ';
        want += message[k];
      }
      if (want.empty()) continue;
      // "I want things to be okay" reads as "for things to be okay" after "want to".
      want = FlipPerson(want);
      if (!checker->Check(want).empty()) return {};
      return want;
    }
  }
  return {};
}

void Companion::Impl::AddStateValues(const CompanionState& state, TemplateContext& c) const {
  std::vector<std::string> topics;
  for (const std::string& t : Last(state.topics, 3)) {
    const auto it = words.themes.find(t);
    topics.push_back(it != words.themes.end() ? it->second : PlainId(t));
  }
  std::vector<std::string> feelings;
  for (const std::string& f : Last(state.feelings, 3)) {
    const auto it = words.feelings.find(f);
    if (it != words.feelings.end()) feelings.push_back(it->second.first);
  }
  const auto set = [&](const std::string& name, const std::string& value) {
    if (value.empty() || !checker->Check(value).empty()) return;
    c.values[name] = value;
    c.flags.insert(name);
  };
  set("topics", JoinWords(topics));
  set("feelings", JoinWords(feelings));
  if (!state.wants.empty()) set("want", state.wants.back());
  if (!topics.empty()) {
    set("topic", topics.back());
  } else if (const auto it = c.values.find("phrase"); it != c.values.end()) {
    set("topic", it->second);  // this message's noun phrase ("a difficult conversation")
  }
}

Companion::Companion() : impl_(std::make_unique<Impl>()) {}
Companion::~Companion() = default;

Result<std::unique_ptr<Companion>> Companion::Load(const std::string& data_root,
                                                   const safety::SafeMessagingChecker& checker) {
  std::unique_ptr<Companion> companion(new Companion());
  Impl& impl = *companion->impl_;
  impl.checker = &checker;
  auto counter = StyleCounter::Load(data_root);
  if (!counter.ok()) return counter.status();
  impl.counter = std::move(counter).value();
  const std::string reflections_path = data_root + "/mirror/reflections.txt";
  auto reflections = TemplateSet::Load(reflections_path, ReflectionSlots(), EntryPlaceholders(),
                                       checker, *impl.counter);
  if (!reflections.ok()) return reflections.status();
  impl.reflections = std::move(reflections).value();
  const std::string path = data_root + "/mirror/companion.txt";
  auto dialogue =
      TemplateSet::Load(path, CompanionSlots(), EntryPlaceholders(), checker, *impl.counter);
  if (!dialogue.ok()) return dialogue.status();
  impl.dialogue = std::move(dialogue).value();
  for (const std::string& slot : CompanionSlots()) {
    if (impl.dialogue.OfSlot(slot).empty()) {
      return InvalidArgument(path + ": no templates for slot " + slot);
    }
  }
  auto words = EntryWords::FromTables(impl.reflections, reflections_path);
  if (!words.ok()) return words.status();
  impl.words = std::move(words).value();
  auto intents = IntentRules::FromRows(impl.dialogue.Table("intent"), path);
  if (!intents.ok()) return intents.status();
  impl.intents = std::move(intents).value();
  for (const auto& row : impl.dialogue.Table("want")) {
    for (const std::string& cue : row) {
      if (!cue.empty()) impl.want_cues.push_back(cue);
    }
  }
  std::stable_sort(impl.want_cues.begin(), impl.want_cues.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return companion;
}

Reply Companion::Opening(std::uint64_t seed) const {
  const Impl& impl = *impl_;
  StyleTarget target;  // no writer yet: plain, contracted, sentence case
  TemplateContext context;
  const std::vector<Candidate> intro =
      impl.Build(impl.dialogue, "opening_intro", context, target, nullptr);
  const std::vector<Candidate> question =
      impl.Build(impl.dialogue, "opening_question", context, target, nullptr);
  ChooseOptions options;
  options.target = &target;
  options.seed = seed;
  options.checker = impl.checker;
  options.length_weight = 0;
  return ToReply(ChooseBest({{&intro, &question}}, options), target);
}

void Companion::NoteSafetyTurn(CompanionState& state) {
  state.safety_took_a_turn = true;
  state.check_in_pending = true;
  ++state.turns;
}

CompanionTurn Companion::Respond(const CompanionRequest& request, CompanionState& state) const {
  const Impl& impl = *impl_;
  CompanionTurn turn;
  static const text::Analysis kEmpty;
  const text::Analysis& analysis = request.analysis != nullptr ? *request.analysis : kEmpty;
  const StyleTarget target = TargetFor(request.text, analysis);
  turn.intent = impl.intents.Classify(request.text, analysis);
  ++state.turns;
  ++state.turns_since_summary;

  const bool offer_pending = !state.offered_exercise.empty() && !state.exercise_accepted;
  Intent handled = turn.intent;
  if ((handled == Intent::kAgreement || handled == Intent::kDecline) && !offer_pending) {
    handled = Intent::kVenting;  // a "yes" to nothing offered: listen on
  }
  const bool substantive = handled == Intent::kVenting || handled == Intent::kAskingAdvice;
  const bool risky = analysis.risk.level != text::RiskLevel::kNone;
  std::string want_now;
  if (substantive && analysis.style.words > 0) {
    ++state.substantive_turns;
    for (size_t i = 0; i < analysis.themes.size() && i < 2; ++i) {
      AddUnique(state.topics, analysis.themes[i].theme, kMaxTopics);
    }
    if (!analysis.emotions.empty()) {  // the strongest only: the rest is often noise
      AddUnique(state.feelings, std::string(text::EmotionName(analysis.emotions[0].emotion)),
                kMaxFeelings);
    }
    for (const std::string& p : SalientPhrases(request.text, analysis, 2)) {
      if (impl.words.Quotable(p)) AddUnique(state.key_phrases, p, kMaxKeyPhrases);
    }
    if (!risky) want_now = impl.FindWant(request.text);
    if (!want_now.empty()) AddUnique(state.wants, want_now, kMaxWants);
  }

  TemplateContext context =
      BuildEntryContext(request.text, analysis, target, impl.words, *impl.checker);
  impl.AddStateValues(state, context);
  if (!want_now.empty()) context.flags.insert("want_now");
  const ExerciseOffer* offer = request.offers.empty() ? nullptr : &request.offers.front();
  if (offer != nullptr) {
    const std::string title = LowerFirst(offer->title.empty() ? PlainId(offer->id) : offer->title);
    if (impl.checker->Check(title).empty()) {
      context.values["exercise"] = title;
      context.flags.insert("offers");
    }
    if (!offer->reason.empty() && impl.checker->Check(offer->reason).empty()) {
      std::string reason = LowerFirst(offer->reason);
      while (!reason.empty() && reason.back() == '.') reason.pop_back();  // templates end it
      context.values["reason"] = std::move(reason);
    }
  }
  if (offer_pending) {
    // A "yes" starts what was offered, whatever this moment would suggest now.
    context.values["exercise"] = PendingTitle(state);
  }
  bool negative_feelings = false;
  for (const std::string& f : state.feelings) negative_feelings |= IsNegativeFeeling(f);
  const bool help_fits =
      !state.professional_help_mentioned &&
      (state.safety_took_a_turn || (state.substantive_turns >= 3 && negative_feelings) ||
       std::find(state.topics.begin(), state.topics.end(), "therapy") != state.topics.end());
  if (help_fits) context.flags.insert("help_fits");
  context.flags.insert("phase:" + std::string(PhaseName(state.phase)));

  std::set<std::string> banned;
  for (const std::string& id : Last(state.recent_templates, kTemplateMemory)) banned.insert(id);
  // Lists hold every fitting template; the choice skips recent ones (options.banned) and,
  // only when that leaves nothing, allows them again.
  const auto dialogue = [&](std::string_view slot) {
    return impl.Build(impl.dialogue, slot, context, target, nullptr);
  };
  const std::vector<Candidate> reflections =
      impl.Build(impl.reflections, "reflection", context, target, nullptr);
  std::vector<Candidate> complex, simple;
  for (const Candidate& c : reflections) {
    (c.source->act == Act::kComplexReflection ? complex : simple).push_back(c);
  }
  const auto fresh = [&](const std::vector<Candidate>& v) {
    for (const Candidate& c : v) {
      if (banned.count(c.source->id) == 0) return true;
    }
    return false;
  };
  const std::vector<Candidate>& primary =
      fresh(complex) || (!fresh(simple) && !complex.empty()) ? complex : simple;
  const bool long_message = target.writer_words >= 20;

  // Each list a shape may use must outlive the choice: keep them here (a deque keeps them
  // in place as it grows).
  std::deque<std::vector<Candidate>> lists;
  const auto list = [&](std::string_view slot) -> const std::vector<Candidate>* {
    lists.push_back(dialogue(slot));
    return &lists.back();
  };
  std::vector<Shape> shapes;
  bool offering = false;
  bool starting = false;
  bool summarising = false;
  bool helping = false;

  if (state.check_in_pending) {
    state.check_in_pending = false;
    const auto* check_in = list("check_in");
    const auto* support = list("check_in_support");
    if (handled == Intent::kVenting && !risky) shapes.push_back({&primary, check_in});
    shapes.push_back({check_in});
    shapes.push_back({check_in, support});
  } else {
    switch (handled) {
      case Intent::kAskingWhatItIs:
        shapes.push_back({list("what_it_is"), list("steer_back")});
        break;
      case Intent::kOffTopic:
        shapes.push_back({list("off_topic"), list("steer_back")});
        break;
      case Intent::kGreeting:
        shapes.push_back({list("greeting"), list("opening_question")});
        if (state.phase == Phase::kOpening) state.phase = Phase::kExploring;
        break;
      case Intent::kThanks: {
        const auto* thanks = list("thanks");
        const bool late = state.phase == Phase::kExercise || state.phase == Phase::kSummary ||
                          state.phase == Phase::kNextStep;
        if (state.exercise_accepted && state.turns_since_summary >= 2 &&
            (context.flags.count("topics") > 0 || context.flags.count("feelings") > 0)) {
          shapes.push_back({thanks, list("summary"), list("next_step")});
          summarising = true;
        } else {
          shapes.push_back({thanks, late ? list("next_step") : list("explore_question")});
        }
        break;
      }
      case Intent::kGoodbye:
        if (help_fits) {
          shapes.push_back({list("professional_help"), list("goodbye")});
          helping = true;
        } else {
          shapes.push_back({list("goodbye")});
        }
        state.phase = Phase::kNextStep;
        break;
      case Intent::kAgreement:
        shapes.push_back({list("start_exercise")});
        starting = true;
        break;
      case Intent::kDecline:
        state.offered_exercise.clear();
        shapes.push_back({list("after_decline"), list("next_step")});
        state.phase = Phase::kNextStep;
        break;
      case Intent::kAskingAdvice:
      case Intent::kVenting: {
        const bool can_offer = context.flags.count("offers") > 0 &&
                               state.offered_exercise.empty() && !state.exercise_accepted;
        const bool wants = context.flags.count("want") > 0;
        const std::vector<Candidate>* opener = &primary;
        if (!want_now.empty()) {
          const auto* want_reflections = list("want_reflection");
          if (!want_reflections->empty()) opener = want_reflections;
        }
        if (state.phase == Phase::kOpening) state.phase = Phase::kExploring;
        // A summary every few turns, when there is something to gather; in the focusing phase
        // an offer (or psychoeducation) for what the person just said they want comes first.
        const bool summary_due =
            state.turns_since_summary > kSummaryEvery && state.substantive_turns >= 3 &&
            (context.flags.count("topics") > 0 || context.flags.count("feelings") > 0);
        const bool late = state.phase == Phase::kSummary || state.phase == Phase::kNextStep;
        if (late && help_fits) {  // where to find help, once
          shapes.push_back({opener, list("professional_help"), list("next_step")});
          helping = true;
          state.phase = Phase::kNextStep;
        } else if (summary_due && state.phase != Phase::kFocusing) {
          shapes.push_back({list("summary"), list("next_step")});
          summarising = true;
        } else if (state.phase == Phase::kExploring) {
          if (state.substantive_turns >= 2) {
            state.phase = Phase::kFocusing;
            shapes.push_back({opener, list("focus_question")});
          } else if (handled == Intent::kAskingAdvice) {
            shapes.push_back({opener, list("advice"), list("advice_question")});
          } else {
            const auto* question = list("explore_question");
            shapes.push_back({opener, question});
            if (long_message) shapes.push_back({opener, &reflections, question});
          }
        } else if (state.phase == Phase::kFocusing) {
          if ((wants || state.substantive_turns >= 4 || handled == Intent::kAskingAdvice) &&
              can_offer) {
            shapes.push_back({opener, list("offer"), list("offer_question")});
            offering = true;
          } else if ((wants || state.substantive_turns >= 4) &&
                     context.flags.count("offers") == 0 && fresh(*list("psychoeducation"))) {
            // Once per stretch of conversation: a recently given fact is not repeated.
            shapes.push_back({opener, &lists.back(), list("next_step")});
            state.phase = Phase::kNextStep;
          } else {
            if (summary_due) {
              shapes.push_back({list("summary"), list("next_step")});
              summarising = true;
            } else {
              shapes.push_back({opener, list("focus_question")});
            }
          }
        } else if (state.phase == Phase::kExercise) {
          if (state.exercise_accepted) {
            shapes.push_back({opener, list("summary"), list("next_step")});
            summarising = true;
          } else {
            shapes.push_back({opener, list("explore_question")});
          }
        } else if (state.phase == Phase::kSummary) {
          shapes.push_back({opener, list("next_step")});
          state.phase = Phase::kNextStep;
        } else {
          // After the next step the person goes on talking: listen again, from the top.
          const auto* question = list("explore_question");
          shapes.push_back({opener, question});
          if (long_message) shapes.push_back({opener, &reflections, question});
          state.phase = Phase::kExploring;
        }
        break;
      }
    }
  }

  ChooseOptions options;
  options.target = &target;
  options.seed = request.seed;
  options.checker = impl.checker;
  options.banned = &banned;
  Choice choice = ChooseBest(shapes, options);
  if (choice.sentences.empty()) {
    // Everything fitting was said recently: allow repeats rather than fall silent.
    options.banned = nullptr;
    choice = ChooseBest(shapes, options);
  }
  std::vector<Candidate> question;  // the last resort's list (outlives `choice`)
  if (choice.sentences.empty()) {
    question = impl.Build(impl.dialogue, "explore_question", context, target, nullptr);
    choice = ChooseBest({{&reflections, &question}, {&question}}, options);
    offering = starting = summarising = helping = false;
  }
  turn.reply = ToReply(choice, target);
  // What the chosen parts did to the conversation.
  for (const ReplySentence& s : turn.reply.sentences) {
    state.recent_templates.push_back(s.template_id);
    const Template* t = nullptr;
    for (const Candidate* c : choice.sentences) {
      if (c->source->id == s.template_id) t = c->source;
    }
    if (t == nullptr) continue;
    if (t->slot == "offer" && offering && offer != nullptr) {
      state.offered_exercise = offer->id;
      state.offered_title = offer->title;
      state.phase = Phase::kExercise;
      turn.exercise = *offer;
    }
    if (t->slot == "start_exercise" && starting) {
      state.exercise_accepted = true;
      state.phase = Phase::kExercise;
      ExerciseOffer started{state.offered_exercise,
                            state.offered_title.empty() ? PlainId(state.offered_exercise)
                                                        : state.offered_title,
                            ""};
      for (const ExerciseOffer& o : request.offers) {
        if (o.id == state.offered_exercise) started = o;
      }
      turn.exercise = started;
    }
    if (t->slot == "summary" && summarising) {
      state.turns_since_summary = 0;
      state.phase = state.exercise_accepted ? Phase::kNextStep : Phase::kSummary;
    }
    if (t->slot == "professional_help" && helping) {
      state.professional_help_mentioned = true;
      turn.suggests_professional_help = true;
    }
  }
  if (state.recent_templates.size() > kTemplateMemory) {
    state.recent_templates.erase(
        state.recent_templates.begin(),
        state.recent_templates.end() - static_cast<std::ptrdiff_t>(kTemplateMemory));
  }
  return turn;
}

std::string Companion::Summary(const CompanionState& state) const {
  const Impl& impl = *impl_;
  if (state.turns == 0) return "";
  TemplateContext context;
  impl.AddStateValues(state, context);
  if (!state.offered_exercise.empty() && state.exercise_accepted) {
    context.values["exercise"] = PendingTitle(state);
  }
  StyleTarget target;
  std::string out;
  const auto add = [&](std::string_view slot) {
    const std::vector<Candidate> c = impl.Build(impl.dialogue, slot, context, target, nullptr);
    if (c.empty() || !impl.checker->Check(c.front().text).empty()) return false;
    if (!out.empty()) out += ' ';
    out += c.front().text;
    return true;
  };
  bool said = add("recap_topics");
  said |= add("recap_feelings");
  said |= add("recap_want");
  said |= add("recap_exercise");
  if (!said) add("recap_general");
  if (state.safety_took_a_turn) add("recap_safety");
  return out;
}

}  // namespace interlude::mirror
