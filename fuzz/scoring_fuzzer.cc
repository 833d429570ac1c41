// libFuzzer target for questionnaire scoring (care/scoring.h) and the instrument files it
// scores against (care/instrument.h). Two modes, chosen by the first byte:
//   even: score answers against a shipped instrument (data/instruments/): the next byte picks
//         the instrument, then one byte gives the answer count and 8-byte little-endian
//         integers the answers (any int64, so out-of-range and negative values are reached),
//         and an optional functional answer;
//   odd:  parse the rest as an instrument file (LoadInstrument, via a temporary file) and, when
//         it loads, score its lowest, highest and some fuzz-chosen answers against it.
// Asserts: a score is either InvalidArgument naming a field or a result whose total is the sum
// of the answers, within 0..max_total, inside its band; flags, item 9 and the follow-up match
// the instrument's rules. Never a crash, a sanitizer report (signed overflow included) or an
// exception.
//
// Thread-safety: libFuzzer calls LLVMFuzzerTestOneInput from one thread.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/instrument.h"
#include "care/reliable_change.h"
#include "care/scoring.h"
#include "fuzz_support.h"

namespace {

namespace fs = std::filesystem;
using interlude::care::Instrument;

using interlude::fuzz::Require;

const interlude::care::InstrumentSet& Shipped() {
  static const auto set = interlude::fuzz::OrDie(
      interlude::care::InstrumentSet::Load(interlude::fuzz::LanguageDataRoot()), "instruments");
  return *set;
}

const std::string& ScratchFile() {
  static const std::string path = interlude::fuzz::ScratchDir("scoring") + "/instrument.txt";
  return path;
}

// Reads little-endian integers off the front of the input.
struct Reader {
  std::string_view rest;
  bool empty() const { return rest.empty(); }
  std::uint8_t Byte() {
    if (rest.empty()) return 0;
    const auto b = static_cast<std::uint8_t>(rest.front());
    rest.remove_prefix(1);
    return b;
  }
  std::int64_t Int64() {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(Byte()) << (8 * i);
    std::int64_t out = 0;
    std::memcpy(&out, &v, sizeof out);
    return out;
  }
};

// Scores and checks the result against the instrument's own rules.
void ScoreAndCheck(const Instrument& in, const std::vector<std::int64_t>& answers,
                   std::optional<std::int64_t> functional) {
  auto score = interlude::care::ScoreAnswers(in, answers, functional);
  bool in_range = answers.size() == in.items.size();
  for (const std::int64_t a : answers) in_range = in_range && a >= 0 && a <= in.MaxOption();
  bool functional_ok = true;
  if (functional) {
    functional_ok = in.HasFunctionalItem() && *functional >= 0 &&
                    *functional <= in.functional_options.back().value;
  }
  if (!score.ok()) {
    Require(score.status().code() == interlude::StatusCode::kInvalidArgument);
    Require(!score.status().field().empty());
    Require(!(in_range && functional_ok));  // refused only for a reason
    return;
  }
  Require(in_range && functional_ok);
  const auto& s = *score;
  Require(s.instrument == in.id);
  Require(s.answers.size() == answers.size());
  long long sum = 0;
  for (size_t i = 0; i < answers.size(); ++i) {
    Require(s.answers[i] == answers[i]);
    sum += answers[i];
  }
  Require(s.total == sum);
  Require(s.max_total == in.MaxTotal());
  Require(s.total >= 0 && s.total <= s.max_total);
  Require(s.band != nullptr && s.total >= s.band->min && s.total <= s.band->max);
  Require(s.functional.has_value() == functional.has_value());
  if (in.risk_item > 0) {
    Require(s.risk_item.has_value() &&
            *s.risk_item == answers[static_cast<size_t>(in.risk_item - 1)]);
  } else {
    Require(!s.risk_item.has_value());
  }
  if (in.percentage_factor > 0) {
    Require(s.percentage.has_value() &&
            static_cast<long long>(*s.percentage) ==
                static_cast<long long>(s.total) * in.percentage_factor);
  }
  Require(s.follow_up.empty() || (in.follow_up_at && s.total >= *in.follow_up_at));
  Require(s.flags.size() <= in.flags.size());
  (void)in.IsCase(s.total);
  // The change from an earlier score (the first answer picks it) to this one.
  const int previous = static_cast<int>(static_cast<long long>(s.answers.empty() ? 0 : s.answers[0]) *
                                        7 % (static_cast<long long>(s.max_total) + 1));
  const auto change = interlude::care::ComputeChange(in, previous, s.total);
  Require(change.previous_total == previous && change.total == s.total);
  Require(change.delta == s.total - previous);
  Require(!change.explanation.empty());
  if (change.rci) Require(std::isfinite(*change.rci));
}

void ScoreShipped(Reader& r) {
  const auto& all = Shipped().all();
  const Instrument& in = all[r.Byte() % all.size()];
  const std::uint8_t count_byte = r.Byte();
  // Mostly the right count (so answer values get exercised), sometimes any count.
  const size_t count = (count_byte & 0x80u) != 0 ? count_byte & 0x7Fu : in.items.size();
  const std::uint8_t shape = r.Byte();
  std::vector<std::int64_t> answers;
  for (size_t i = 0; i < count; ++i) {
    // Small values most of the time (the interesting range), full int64 otherwise.
    answers.push_back((shape & 1u) != 0 ? r.Int64() : static_cast<std::int8_t>(r.Byte()));
  }
  std::optional<std::int64_t> functional;
  if ((shape & 2u) != 0) functional = static_cast<std::int8_t>(r.Byte());
  if ((shape & 4u) != 0) functional = r.Int64();
  ScoreAndCheck(in, answers, functional);
}

void ParseAndScore(std::string_view text, std::uint8_t id_byte) {
  const std::string& path = ScratchFile();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) std::abort();
  }
  const char* id = interlude::care::InstrumentSet::kIds[id_byte % 5];
  auto loaded = interlude::care::LoadInstrument(path, id);
  if (!loaded.ok()) {
    Require(loaded.status().code() == interlude::StatusCode::kInvalidArgument);
    Require(loaded.status().message().rfind(path + ":", 0) == 0);  // names file and line
    return;
  }
  const Instrument& in = *loaded;
  // What CheckWhole promises.
  Require(in.id == id && !in.items.empty() && in.options.size() >= 2);
  Require(!in.bands.empty() && in.bands.front().min == 0 && in.bands.back().max == in.MaxTotal());
  for (size_t i = 1; i < in.bands.size(); ++i) Require(in.bands[i].min == in.bands[i - 1].max + 1);
  const size_t n = in.items.size();
  ScoreAndCheck(in, std::vector<std::int64_t>(n, 0), std::nullopt);
  ScoreAndCheck(in, std::vector<std::int64_t>(n, in.MaxOption()), std::nullopt);
  std::vector<std::int64_t> mixed(n);
  for (size_t i = 0; i < n; ++i) mixed[i] = static_cast<std::int64_t>(i % static_cast<size_t>(in.MaxOption() + 1));
  ScoreAndCheck(in, mixed, in.HasFunctionalItem() ? std::optional<std::int64_t>(0) : std::nullopt);
  if (in.rci) Require(!std::isnan(in.rci->StandardErrorOfDifference()));
  auto set = interlude::care::InstrumentSet::FromInstruments({in});
  (void)set;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Reader r{std::string_view(reinterpret_cast<const char*>(data), size)};
  const std::uint8_t mode = r.Byte();
  if ((mode & 1u) == 0) {
    ScoreShipped(r);
  } else {
    ParseAndScore(r.rest, static_cast<std::uint8_t>(mode >> 1));
  }
  return 0;
}
