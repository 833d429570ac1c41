// The demo people and their words. Styles differ on purpose: the language engine and the
// reflections (later capabilities) are meant to answer each in their own register.
#include "app/demo_personas.h"

#include <array>

namespace interlude::app {
namespace {

using E = DemoEntry;

// Maya: improving. Casual, lower case, the odd emoji; starts flat and heavy, ends hopeful.
constexpr std::array<std::string_view, 6> kMayaTags = {"walk", "friends", "sleep", "work", "screens", "music"};
constexpr std::array<E, 5> kMayaEarly = {{
    {"free", "", "couldn't get out of bed till noon again. everything feels like wading through mud tbh"},
    {"free", "", "didn't answer jess's texts. i just don't have anything to say to anyone right now"},
    {"free", "sunday", "spent the whole day on my phone and felt worse after. same as always"},
    {"thought_record", "", "work meeting went badly", R"({"situation":"team meeting, my update got no questions","mood_before":80,"automatic_thought":"everyone thinks i'm useless","evidence_for":"nobody said anything","evidence_against":"lena said thanks after. no one questions anyone's update really","balanced_thought":"silence probably meant it was clear, not that it was bad","mood_after":55})"},
    {"free", "", "tired of feeling tired. made toast, that's the win today i guess"},
}};
constexpr std::array<E, 5> kMayaMiddle = {{
    {"free", "", "went for a walk by the canal after work. didn't fix anything but my head felt a bit quieter 🌿"},
    {"gratitude", "", "", R"({"items":["jess checking in","the canal at sunset","soup"]})"},
    {"free", "", "therapy homework: did the activity schedule. managed 3 of 5 things which is more than last week", "{}", true},
    {"free", "", "met jess for coffee. was nervous beforehand but it was actually nice to laugh"},
    {"session_prep", "", "", R"({"want_to_discuss":"why mornings are still so hard","since_last_session":"did the walks most days, skipped the journaling twice","questions":"is it normal to feel guilty on good days?"})", true},
}};
constexpr std::array<E, 5> kMayaLate = {{
    {"free", "", "good week!! walked 4 days out of 7 and slept way better. feeling more like me"},
    {"gratitude", "", "", R"({"items":["slept 8 hours","lunch with the team","finished my book"]})"},
    {"free", "", "presentation at work went fine. i was anxious but i prepared and it was ok 😊"},
    {"free", "", "noticed i'm looking forward to the weekend again. haven't felt that in months"},
    {"after_session", "", "", R"({"takeaways":"progress isn't a straight line and that's ok","homework":"keep the walks, add one social thing a week","feelings":"lighter than when i came in"})", true},
}};

// Daniel: worsening. Terse, clipped sentences.
constexpr std::array<std::string_view, 5> kDanielTags = {"work", "partner", "alcohol", "sleep", "exercise"};
constexpr std::array<E, 4> kDanielEarly = {{
    {"free", "", "Busy week. Gym twice. Fine."},
    {"free", "", "Dinner with Sam. Good."},
    {"free", "", "Deadline Friday. Manageable."},
    {"free", "", "Slept ok. Work ok."},
}};
constexpr std::array<E, 4> kDanielMiddle = {{
    {"free", "", "Bad day. Fight with Sam.", "{}", true},
    {"free", "", "Skipped gym. Too tired."},
    {"free", "", "Boss on my case again. Stayed late."},
    {"free", "", "Couple of beers to switch off. Slept badly.", "{}", true},
}};
constexpr std::array<E, 4> kDanielLate = {{
    {"free", "", "Can't sleep. Again.", "{}", true},
    {"free", "", "Sam stayed at her sister's. Quiet flat.", "{}", true},
    {"free", "", "Nothing feels worth it lately."},
    {"session_prep", "", "", R"({"want_to_discuss":"Sleep. Sam.","since_last_session":"Worse.","questions":""})", true},
}};

// Priya: rumination loop. The same worry about her manager, entry after entry.
constexpr std::array<std::string_view, 4> kPriyaTags = {"work", "family", "sleep", "caffeine"};
constexpr std::array<E, 4> kPriyaEarly = {{
    {"free", "", "My manager didn't reply to my email again today. I keep replaying the meeting last week and what I said about the budget. I think she thinks I'm incompetent."},
    {"free", "", "Couldn't stop thinking about the review. Went over every slide in my head on the bus. I should have prepared more."},
    {"thought_record", "", "", R"({"situation":"Manager replied to my email with one word","mood_before":85,"automatic_thought":"She is annoyed with me and thinks my work is poor","evidence_for":"The reply was very short","evidence_against":"She replies briefly to everyone; she approved the plan","balanced_thought":"A short reply is how she writes when busy","mood_after":60})"},
    {"free", "", "Manager was short with me in standup. I spent the afternoon going over what I might have done wrong."},
}};
constexpr std::array<E, 4> kPriyaMiddle = {{
    {"free", "", "Again lying awake going through the budget meeting. I know it's been weeks but I can't let it go."},
    {"free", "", "She praised someone else's report today. I keep thinking it means mine wasn't good enough."},
    {"free", "", "Rewrote the same email to my manager four times and didn't send it."},
    {"free", "", "Mum asked how work is and I just talked about the meeting for an hour. I'm tired of my own thoughts."},
}};
constexpr std::array<E, 3> kPriyaLate = {{
    {"free", "", "Still thinking about what my manager meant in that meeting. Same loop every evening."},
    {"free", "", "Another day checking my inbox every ten minutes for her reply."},
    {"session_prep", "", "", R"({"want_to_discuss":"The meeting with my manager and why I can't stop thinking about it","since_last_session":"Tried worry time twice","questions":"How do I stop replaying conversations?"})"},
}};

// Tom: flat. Short, neutral, factual.
constexpr std::array<std::string_view, 4> kTomTags = {"work", "chores", "screens", "family"};
constexpr std::array<E, 4> kTomAll = {{
    {"free", "", "Normal day. Work, dinner, TV. Nothing much to report."},
    {"free", "", "Did the shopping and cleaned the kitchen. Watched football."},
    {"free", "", "Quiet weekend. Called my dad. Same as usual."},
    {"free", "", "Work was fine. Bit bored. Early night."},
}};

// Elena: erratic. Long, expressive, lots of punctuation, big swings.
constexpr std::array<std::string_view, 5> kElenaTags = {"friends", "partner", "creative", "alcohol", "sleep"};
constexpr std::array<E, 6> kElenaAll = {{
    {"free", "", "BEST day!!! Finished the painting I've been stuck on for weeks and Marco loved it, we stayed up till 3 talking about everything and nothing. I feel like I could do anything right now!!"},
    {"free", "", "Everything fell apart today. Marco didn't call when he said he would and I spiralled... checked my phone a hundred times. Why do I always do this?? I hate feeling this needy."},
    {"free", "", "Okay. Calmer now. Went to the studio, put music on, and just painted without thinking. Three hours went by like nothing."},
    {"free", "", "Party last night was amazing but today I feel empty and awful and I said things I regret. Hungover and ashamed."},
    {"thought_record", "", "", R"({"situation":"Marco late replying","mood_before":90,"automatic_thought":"He is losing interest, everyone leaves eventually","evidence_for":"He took five hours to reply","evidence_against":"He was at work; he said he loved the painting yesterday","balanced_thought":"Late replies happen when he is busy","mood_after":50})"},
    {"free", "", "Up and down, up and down. Woke up excited, by lunch I wanted to hide under the duvet. Exhausting!!"},
}};

// Sam: sparse. Formal, complete sentences, writes rarely.
constexpr std::array<std::string_view, 3> kSamTags = {"work", "outdoors", "sleep"};
constexpr std::array<E, 3> kSamAll = {{
    {"free", "", "I have been rather preoccupied with the relocation at work. On reflection, I believe I have not been sleeping adequately, which may account for my irritability."},
    {"free", "", "A pleasant afternoon walking in the hills. I find that time outdoors restores a sense of proportion."},
    {"session_prep", "", "", R"({"want_to_discuss":"I should like to discuss the effect of the relocation upon my sleep.","since_last_session":"I have kept the sleep diary as agreed.","questions":"Is a fixed waking time advisable at weekends?"})"},
}};

constexpr std::array<Persona, 6> kPersonas = {{
    {"Maya", "maya@demo.interlude.example", MoodCourse::kImproving, 2.3, 5.8, 0.7, 1, 0.45, 0,
     kMayaTags, "walk", "screens", kMayaEarly, kMayaMiddle, kMayaLate},
    {"Daniel", "daniel@demo.interlude.example", MoodCourse::kWorsening, 5.5, 2.2, 0.6, 1, 0.35, 0,
     kDanielTags, "exercise", "alcohol", kDanielEarly, kDanielMiddle, kDanielLate},
    {"Priya", "priya@demo.interlude.example", MoodCourse::kRumination, 3.2, 3.0, 0.4, 1, 0.5, 330,
     kPriyaTags, "family", "caffeine", kPriyaEarly, kPriyaMiddle, kPriyaLate},
    {"Tom", "tom@demo.interlude.example", MoodCourse::kFlat, 4.0, 4.0, 0.3, 1, 0.25, -300,
     kTomTags, "", "", kTomAll, kTomAll, kTomAll},
    {"Elena", "elena@demo.interlude.example", MoodCourse::kErratic, 4.0, 4.0, 2.0, 1, 0.4, 60,
     kElenaTags, "creative", "alcohol", kElenaAll, kElenaAll, kElenaAll},
    {"Sam", "sam@demo.interlude.example", MoodCourse::kSparse, 4.5, 4.8, 0.6, 8, 0.5, 0,
     kSamTags, "outdoors", "", kSamAll, kSamAll, kSamAll},
}};

}  // namespace

std::span<const Persona> DemoPersonas() { return kPersonas; }

}  // namespace interlude::app
