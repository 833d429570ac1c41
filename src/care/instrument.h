// Questionnaire instruments (PHQ-9, PHQ-2, GAD-7, GAD-2, WHO-5) as data: items, answer
// options, bands, cut-offs, LOINC codes and reliable-change constants, read from
// data/instruments/<id>.txt (format in data/instruments/phq9.txt; facts and sources in
// docs/care.md and ../shared/CLINICAL.md §1-5, §10).
//
// Thread-safety: an InstrumentSet is immutable after Load and may be shared by any number of
// threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace interlude::care {

enum class Direction { kLowerIsBetter, kHigherIsBetter };

struct AnswerOption {
  int value = 0;
  std::string loinc;  // LOINC answer code (LA...), empty when none
  std::string label;
};

struct Item {
  int number = 0;     // 1-based, as printed
  std::string loinc;  // empty when none
  std::string text;   // our short paraphrase
};

struct Band {
  int min = 0;  // inclusive
  int max = 0;  // inclusive
  std::string id;
  std::string label;
};

// A flag raised by a scored questionnaire: `code` when the rule holds.
struct FlagRule {
  enum class Kind { kTotalAtLeast, kTotalBelow, kItemAbove, kAnyItemAtMost };
  std::string code;
  Kind kind = Kind::kTotalAtLeast;
  int item = 0;  // kItemAbove only (1-based)
  int value = 0;
};

// Jacobson-Truax constants: either the standard error of measurement directly (sem > 0) or a
// standard deviation with a reliability coefficient.
struct RciConstants {
  double sem = 0;
  double sd = 0;
  double reliability = 0;
  std::string source;
  // S_diff = sqrt(2) x SEm, SEm = SD x sqrt(1 - r) (CLINICAL.md §5.1).
  double StandardErrorOfDifference() const;
};

struct Instrument {
  std::string id;  // phq9, phq2, gad7, gad2, who5
  std::string name;
  std::string time_frame;  // last_2_weeks
  Direction direction = Direction::kLowerIsBetter;
  std::string panel_loinc;  // empty when none
  std::string total_loinc;  // empty when none
  std::vector<AnswerOption> options;  // values 0..n in order
  std::vector<Item> items;            // numbers 1..n in order
  // PHQ-9's extra question about difficulty (not in the total); empty text when none.
  std::string functional_loinc;
  std::string functional_text;
  std::vector<AnswerOption> functional_options;
  std::vector<Band> bands;  // cover 0..max_total in order
  std::optional<int> caseness;  // see Direction: lower -> case at or above; higher -> below
  std::string caseness_source;
  int risk_item = 0;  // 1-based item sent to the safety layer (PHQ-9 item 9); 0 when none
  std::vector<FlagRule> flags;
  std::optional<int> reliable_change;  // fixed criterion in points (NHS Talking Therapies)
  std::string reliable_change_source;
  std::optional<RciConstants> rci;
  std::optional<int> follow_up_at;  // total at least -> offer `follow_up`
  std::string follow_up;
  int percentage_factor = 0;  // WHO-5: percentage = total x 4; 0 when none
  std::string licence;

  int MaxOption() const { return options.empty() ? 0 : options.back().value; }
  int MaxTotal() const { return MaxOption() * static_cast<int>(items.size()); }
  bool HasFunctionalItem() const { return !functional_text.empty(); }
  // The band holding `total` (always found for 0..MaxTotal()).
  const Band& BandOf(int total) const;
  // True when `total` is at or past the caseness cut-off; false when there is none.
  bool IsCase(int total) const;
};

// Parses one instrument file. Errors: NotFound when the file cannot be read; InvalidArgument
// "path:line: reason" for a malformed line, and "path:0: reason" for what is missing or
// inconsistent as a whole (bands with gaps, options not 0..n, id not matching `expected_id`).
Result<Instrument> LoadInstrument(const std::string& path, const std::string& expected_id);

class InstrumentSet {
 public:
  // The instruments Interlude ships, in this order (the API lists them so).
  static constexpr const char* kIds[] = {"phq9", "gad7", "who5", "phq2", "gad2"};

  // Loads data_root/instruments/<id>.txt for every id above. Errors as LoadInstrument, plus
  // InvalidArgument when a follow-up names an unknown instrument.
  static Result<std::unique_ptr<InstrumentSet>> Load(const std::string& data_root);
  // For tests: a set from instruments already built.
  static Result<std::unique_ptr<InstrumentSet>> FromInstruments(std::vector<Instrument> all);

  // Null when `id` is not an instrument.
  const Instrument* Find(const std::string& id) const;
  const std::vector<Instrument>& all() const { return all_; }

 private:
  InstrumentSet() = default;
  std::vector<Instrument> all_;
};

}  // namespace interlude::care
