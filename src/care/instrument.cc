// Loading data/instruments/<id>.txt (instrument.h).
#include "care/instrument.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <string_view>

#include "base/ascii.h"
#include "text/data_file.h"

namespace interlude::care {
namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  size_t begin = 0;
  for (;;) {
    const size_t tab = line.find('\t', begin);
    out.emplace_back(TrimAscii(std::string_view(line).substr(
        begin, tab == std::string::npos ? std::string::npos : tab - begin)));
    if (tab == std::string::npos) break;
    begin = tab + 1;
  }
  return out;
}

bool ParseInt(const std::string& s, int& out) {
  const char* end = s.data() + s.size();
  const auto [ptr, ec] = std::from_chars(s.data(), end, out);
  return ec == std::errc() && ptr == end;
}

bool ParseDouble(const std::string& s, double& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(out);
}

// "-" means none. LOINC codes are digits, a dash and a check digit (44249-1); answer codes
// the same behind "LA" (LA6568-5).
bool ValidCode(const std::string& code, bool answer) {
  std::string_view s = code;
  if (answer) {
    if (s.substr(0, 2) != "LA") return false;
    s.remove_prefix(2);
  }
  const size_t dash = s.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 2 != s.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i != dash && (s[i] < '0' || s[i] > '9')) return false;
  }
  return true;
}

Result<std::string> Code(const std::string& field, bool answer, const std::string& path,
                         int number) {
  if (field == "-") return std::string();
  if (!ValidCode(field, answer)) {
    return text::DataLineError(path, number, "`" + field + "` is not a LOINC " +
                                                 (answer ? "answer code (LA1234-5)" : "code (1234-5)") +
                                                 " or -");
  }
  return field;
}

// Parses one `option` or `functional_option` line's fields (value, code, label).
Result<AnswerOption> ParseOption(const std::vector<std::string>& f, const std::string& path,
                                 int number) {
  if (f.size() != 4) return text::DataLineError(path, number, "expected option<TAB>value<TAB>code<TAB>label");
  AnswerOption o;
  if (!ParseInt(f[1], o.value)) return text::DataLineError(path, number, "option value must be a whole number");
  ASSIGN_OR_RETURN(o.loinc, Code(f[2], /*answer=*/true, path, number));
  o.label = f[3];
  if (o.label.empty()) return text::DataLineError(path, number, "empty option label");
  return o;
}

Status CheckOptions(const std::vector<AnswerOption>& options, const std::string& what,
                    const std::string& path) {
  if (options.size() < 2) return InvalidArgument(path + ":0: " + what + " needs at least two options");
  for (size_t i = 0; i < options.size(); ++i) {
    if (options[i].value != static_cast<int>(i)) {
      return InvalidArgument(path + ":0: " + what + " values must be 0, 1, 2, ... in order");
    }
  }
  return OkStatus();
}

Status ParseLine(const std::vector<std::string>& f, Instrument& in, const std::string& path,
                 int number) {
  const std::string& key = f[0];
  const auto need = [&](size_t n, const char* shape) -> Status {
    if (f.size() != n) return text::DataLineError(path, number, std::string("expected ") + shape);
    return OkStatus();
  };
  const auto number_at = [&](size_t i, int& out) -> Status {
    if (!ParseInt(f[i], out)) return text::DataLineError(path, number, "`" + f[i] + "` is not a whole number");
    return OkStatus();
  };
  if (key == "id" || key == "name" || key == "time_frame" || key == "licence") {
    RETURN_IF_ERROR(need(2, (key + "<TAB>text").c_str()));
    if (f[1].empty()) return text::DataLineError(path, number, "empty " + key);
    (key == "id" ? in.id : key == "name" ? in.name : key == "time_frame" ? in.time_frame : in.licence) = f[1];
  } else if (key == "direction") {
    RETURN_IF_ERROR(need(2, "direction<TAB>lower_is_better|higher_is_better"));
    if (f[1] == "lower_is_better") in.direction = Direction::kLowerIsBetter;
    else if (f[1] == "higher_is_better") in.direction = Direction::kHigherIsBetter;
    else return text::DataLineError(path, number, "direction is lower_is_better or higher_is_better");
  } else if (key == "panel_loinc" || key == "total_loinc") {
    RETURN_IF_ERROR(need(2, (key + "<TAB>code or -").c_str()));
    ASSIGN_OR_RETURN((key == "panel_loinc" ? in.panel_loinc : in.total_loinc),
                     Code(f[1], false, path, number));
  } else if (key == "option") {
    ASSIGN_OR_RETURN(AnswerOption o, ParseOption(f, path, number));
    in.options.push_back(std::move(o));
  } else if (key == "functional_option") {
    ASSIGN_OR_RETURN(AnswerOption o, ParseOption(f, path, number));
    in.functional_options.push_back(std::move(o));
  } else if (key == "item") {
    RETURN_IF_ERROR(need(4, "item<TAB>number<TAB>code<TAB>text"));
    Item item;
    RETURN_IF_ERROR(number_at(1, item.number));
    if (item.number != static_cast<int>(in.items.size()) + 1) {
      return text::DataLineError(path, number, "items must be numbered 1, 2, 3, ... in order");
    }
    ASSIGN_OR_RETURN(item.loinc, Code(f[2], false, path, number));
    item.text = f[3];
    if (item.text.empty()) return text::DataLineError(path, number, "empty item text");
    in.items.push_back(std::move(item));
  } else if (key == "functional") {
    RETURN_IF_ERROR(need(3, "functional<TAB>code<TAB>text"));
    ASSIGN_OR_RETURN(in.functional_loinc, Code(f[1], false, path, number));
    in.functional_text = f[2];
    if (in.functional_text.empty()) return text::DataLineError(path, number, "empty functional text");
  } else if (key == "band") {
    RETURN_IF_ERROR(need(5, "band<TAB>min<TAB>max<TAB>id<TAB>label"));
    Band b;
    RETURN_IF_ERROR(number_at(1, b.min));
    RETURN_IF_ERROR(number_at(2, b.max));
    b.id = f[3];
    b.label = f[4];
    if (b.max < b.min || b.id.empty() || b.label.empty()) {
      return text::DataLineError(path, number, "a band needs min <= max, an id and a label");
    }
    const int expected_min = in.bands.empty() ? 0 : in.bands.back().max + 1;
    if (b.min != expected_min) {
      return text::DataLineError(path, number, "band starts at " + f[1] + ", expected " +
                                                   std::to_string(expected_min) + " (no gaps or overlaps)");
    }
    in.bands.push_back(std::move(b));
  } else if (key == "caseness") {
    RETURN_IF_ERROR(need(3, "caseness<TAB>cut-off<TAB>source"));
    int v = 0;
    RETURN_IF_ERROR(number_at(1, v));
    in.caseness = v;
    in.caseness_source = f[2];
  } else if (key == "risk_item") {
    RETURN_IF_ERROR(need(2, "risk_item<TAB>item number"));
    RETURN_IF_ERROR(number_at(1, in.risk_item));
  } else if (key == "flag") {
    if (f.size() < 4) return text::DataLineError(path, number, "expected flag<TAB>code<TAB>rule<TAB>arguments");
    FlagRule r;
    r.code = f[1];
    const std::string& rule = f[2];
    if (rule == "item_above") {
      RETURN_IF_ERROR(need(5, "flag<TAB>code<TAB>item_above<TAB>item<TAB>value"));
      RETURN_IF_ERROR(number_at(3, r.item));
      RETURN_IF_ERROR(number_at(4, r.value));
      r.kind = FlagRule::Kind::kItemAbove;
    } else {
      RETURN_IF_ERROR(need(4, "flag<TAB>code<TAB>rule<TAB>value"));
      RETURN_IF_ERROR(number_at(3, r.value));
      if (rule == "total_at_least") r.kind = FlagRule::Kind::kTotalAtLeast;
      else if (rule == "total_below") r.kind = FlagRule::Kind::kTotalBelow;
      else if (rule == "any_item_at_most") r.kind = FlagRule::Kind::kAnyItemAtMost;
      else return text::DataLineError(path, number, "unknown flag rule `" + rule + "`");
    }
    in.flags.push_back(std::move(r));
  } else if (key == "reliable_change") {
    RETURN_IF_ERROR(need(3, "reliable_change<TAB>points<TAB>source"));
    int v = 0;
    RETURN_IF_ERROR(number_at(1, v));
    if (v <= 0) return text::DataLineError(path, number, "reliable change must be above 0");
    in.reliable_change = v;
    in.reliable_change_source = f[2];
  } else if (key == "rci") {
    RciConstants c;
    if (f.size() == 4 && f[1] == "sem") {
      if (!ParseDouble(f[2], c.sem) || c.sem <= 0) return text::DataLineError(path, number, "SEm must be above 0");
      c.source = f[3];
    } else if (f.size() == 5 && f[1] == "sd_reliability") {
      if (!ParseDouble(f[2], c.sd) || c.sd <= 0) return text::DataLineError(path, number, "SD must be above 0");
      if (!ParseDouble(f[3], c.reliability) || c.reliability <= 0 || c.reliability >= 1) {
        return text::DataLineError(path, number, "reliability must be between 0 and 1");
      }
      c.source = f[4];
    } else {
      return text::DataLineError(path, number,
                                 "expected rci<TAB>sem<TAB>SEm<TAB>source or rci<TAB>sd_reliability<TAB>SD<TAB>r<TAB>source");
    }
    if (c.source.empty()) return text::DataLineError(path, number, "the constants need a source");
    in.rci = c;
  } else if (key == "follow_up") {
    RETURN_IF_ERROR(need(3, "follow_up<TAB>total<TAB>instrument"));
    int v = 0;
    RETURN_IF_ERROR(number_at(1, v));
    in.follow_up_at = v;
    in.follow_up = f[2];
  } else if (key == "percentage_factor") {
    RETURN_IF_ERROR(need(2, "percentage_factor<TAB>n"));
    RETURN_IF_ERROR(number_at(1, in.percentage_factor));
    if (in.percentage_factor < 1) return text::DataLineError(path, number, "percentage factor must be above 0");
  } else {
    return text::DataLineError(path, number, "unknown key `" + key + "`");
  }
  return OkStatus();
}

Status CheckWhole(const Instrument& in, const std::string& path, const std::string& expected_id) {
  const auto bad = [&](const std::string& why) { return InvalidArgument(path + ":0: " + why); };
  if (in.id != expected_id) return bad("id must be `" + expected_id + "`");
  if (in.name.empty() || in.time_frame.empty() || in.licence.empty()) {
    return bad("id, name, time_frame and licence are required");
  }
  if (in.items.empty()) return bad("no items");
  RETURN_IF_ERROR(CheckOptions(in.options, "option", path));
  if (in.HasFunctionalItem()) RETURN_IF_ERROR(CheckOptions(in.functional_options, "functional_option", path));
  if (!in.HasFunctionalItem() && !in.functional_options.empty()) return bad("functional_option without functional");
  if (in.bands.empty() || in.bands.back().max != in.MaxTotal()) {
    return bad("bands must end at the maximum total " + std::to_string(in.MaxTotal()));
  }
  if (in.risk_item < 0 || in.risk_item > static_cast<int>(in.items.size())) return bad("risk_item is not an item");
  for (const FlagRule& r : in.flags) {
    if (r.kind == FlagRule::Kind::kItemAbove && (r.item < 1 || r.item > static_cast<int>(in.items.size()))) {
      return bad("flag " + r.code + " names no item");
    }
  }
  if (in.caseness && (*in.caseness < 0 || *in.caseness > in.MaxTotal())) return bad("caseness outside the total's range");
  // The percentage (total x factor) must fit an int for every total.
  if (in.percentage_factor > 0 && in.MaxTotal() > std::numeric_limits<int>::max() / in.percentage_factor) {
    return bad("percentage_factor is too large for the maximum total");
  }
  return OkStatus();
}

}  // namespace

double RciConstants::StandardErrorOfDifference() const {
  const double se = sem > 0 ? sem : sd * std::sqrt(1.0 - reliability);
  return std::sqrt(2.0) * se;
}

const Band& Instrument::BandOf(int total) const {
  for (const Band& b : bands) {
    if (total >= b.min && total <= b.max) return b;
  }
  return total < 0 ? bands.front() : bands.back();
}

bool Instrument::IsCase(int total) const {
  if (!caseness) return false;
  return direction == Direction::kLowerIsBetter ? total >= *caseness : total < *caseness;
}

Result<Instrument> LoadInstrument(const std::string& path, const std::string& expected_id) {
  Instrument in;
  RETURN_IF_ERROR(text::ForEachDataLine(
      path, "instrument", [&](const std::string& line, int number) -> Status {
        return ParseLine(SplitTabs(line), in, path, number);
      }));
  RETURN_IF_ERROR(CheckWhole(in, path, expected_id));
  return in;
}

Result<std::unique_ptr<InstrumentSet>> InstrumentSet::FromInstruments(std::vector<Instrument> all) {
  std::unique_ptr<InstrumentSet> set(new InstrumentSet());
  set->all_ = std::move(all);
  for (const Instrument& in : set->all_) {
    if (!in.follow_up.empty() && set->Find(in.follow_up) == nullptr) {
      return InvalidArgument(in.id + ": follow_up names unknown instrument `" + in.follow_up + "`");
    }
  }
  return set;
}

Result<std::unique_ptr<InstrumentSet>> InstrumentSet::Load(const std::string& data_root) {
  std::vector<Instrument> all;
  for (const char* id : kIds) {
    ASSIGN_OR_RETURN(Instrument in, LoadInstrument(data_root + "/instruments/" + id + ".txt", id));
    all.push_back(std::move(in));
  }
  return FromInstruments(std::move(all));
}

const Instrument* InstrumentSet::Find(const std::string& id) const {
  for (const Instrument& in : all_) {
    if (in.id == id) return &in;
  }
  return nullptr;
}

}  // namespace interlude::care
