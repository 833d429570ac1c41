// Scoring (scoring.h).
#include "care/scoring.h"

#include <algorithm>

namespace interlude::care {
namespace {

bool Holds(const FlagRule& r, const Score& s) {
  switch (r.kind) {
    case FlagRule::Kind::kTotalAtLeast: return s.total >= r.value;
    case FlagRule::Kind::kTotalBelow: return s.total < r.value;
    case FlagRule::Kind::kItemAbove: return s.answers[static_cast<size_t>(r.item - 1)] > r.value;
    case FlagRule::Kind::kAnyItemAtMost:
      return std::any_of(s.answers.begin(), s.answers.end(), [&](int a) { return a <= r.value; });
  }
  return false;
}

}  // namespace

Result<Score> ScoreAnswers(const Instrument& in, const std::vector<std::int64_t>& answers,
                           std::optional<std::int64_t> functional) {
  const size_t n = in.items.size();
  if (answers.size() != n) {
    return InvalidArgument(in.name + " has " + std::to_string(n) + " questions: answers must hold " +
                               std::to_string(n) + " answers, one per question",
                           "answers");
  }
  Score s;
  s.instrument = in.id;
  s.max_total = in.MaxTotal();
  for (size_t i = 0; i < n; ++i) {
    if (answers[i] < 0 || answers[i] > in.MaxOption()) {
      return InvalidArgument("answer " + std::to_string(i + 1) + " must be a whole number from 0 to " +
                                 std::to_string(in.MaxOption()),
                             "answers[" + std::to_string(i) + "]");
    }
    s.answers.push_back(static_cast<int>(answers[i]));
    s.total += s.answers.back();
  }
  if (functional) {
    if (!in.HasFunctionalItem()) {
      return InvalidArgument(in.name + " has no question about difficulty", "functional");
    }
    const int max = in.functional_options.back().value;
    if (*functional < 0 || *functional > max) {
      return InvalidArgument("functional must be a whole number from 0 to " + std::to_string(max),
                             "functional");
    }
    s.functional = static_cast<int>(*functional);
  }
  s.band = &in.BandOf(s.total);
  if (in.percentage_factor > 0) s.percentage = s.total * in.percentage_factor;
  if (in.risk_item > 0) s.risk_item = s.answers[static_cast<size_t>(in.risk_item - 1)];
  for (const FlagRule& r : in.flags) {
    if (Holds(r, s)) s.flags.push_back(r.code);
  }
  if (in.follow_up_at && s.total >= *in.follow_up_at) s.follow_up = in.follow_up;
  return s;
}

}  // namespace interlude::care
