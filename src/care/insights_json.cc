// The summary as JSON, written straight into one string (numbers with std::to_chars): the
// three-year summary has a few thousand members and a DOM would allocate for each.
#include <charconv>
#include <cmath>

#include "care/insights.h"
#include "care/mood_calendar.h"

namespace interlude::care {
namespace {

constexpr size_t kParts = static_cast<size_t>(kDayParts);

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void Raw(std::string_view s) { out_.append(s); }
  void Key(std::string_view k) {
    out_.push_back('"');
    out_.append(k);
    out_.append("\":");
  }
  void String(std::string_view s) {
    out_.push_back('"');
    for (const char ch : s) {
      const auto c = static_cast<unsigned char>(ch);
      switch (ch) {
        case '"':
          out_.append("\\\"");
          break;
        case '\\':
          out_.append("\\\\");
          break;
        case '\n':
          out_.append("\\n");
          break;
        case '\r':
          out_.append("\\r");
          break;
        case '\t':
          out_.append("\\t");
          break;
        default:
          if (c < 0x20) {
            static constexpr char kHex[] = "0123456789abcdef";
            out_.append("\\u00");
            out_.push_back(kHex[c >> 4]);
            out_.push_back(kHex[c & 15]);
          } else {
            out_.push_back(ch);
          }
      }
    }
    out_.push_back('"');
  }
  void Date(std::int64_t day) {
    out_.push_back('"');
    AppendDate(day, out_);
    out_.push_back('"');
  }
  // A date of the range from a table formatted once (each day appears three times).
  void CachedDate(const std::string& table, std::int64_t index) {
    out_.push_back('"');
    out_.append(table, static_cast<size_t>(index) * 10, 10);
    out_.push_back('"');
  }
  void Int(std::int64_t v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, r.ptr);
  }
  // Rounded to 3 decimals, trailing zeros dropped; null when not finite. Formatted from the
  // integer number of thousandths (the same digits std::to_chars gives, several times faster).
  void Number(double v) {
    if (!std::isfinite(v)) {
      out_.append("null");
      return;
    }
    const double scaled = std::round(v * 1000.0);
    if (std::fabs(scaled) >= 9e15) {
      Precise(v);
      return;
    }
    auto thousandths = static_cast<std::int64_t>(scaled);
    if (thousandths < 0) {
      out_.push_back('-');
      thousandths = -thousandths;
    }
    Int(thousandths / 1000);
    auto frac = static_cast<int>(thousandths % 1000);
    if (frac == 0) return;
    char digits[4] = {'.', static_cast<char>('0' + frac / 100),
                      static_cast<char>('0' + frac / 10 % 10), static_cast<char>('0' + frac % 10)};
    size_t len = 4;
    while (digits[len - 1] == '0') --len;
    out_.append(digits, len);
  }
  // Four significant digits (p-values can be tiny).
  void Precise(double v) {
    if (!std::isfinite(v)) {
      out_.append("null");
      return;
    }
    char buf[48];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 4);
    out_.append(buf, r.ptr);
  }
  void Optional(const std::optional<double>& v) {
    if (v) {
      Number(*v);
    } else {
      out_.append("null");
    }
  }
  void Bool(bool b) { out_.append(b ? "true" : "false"); }

 private:
  std::string& out_;
};

// "YYYY-MM-DD" of every day of the range, back to back; empty if any date is not 10 chars.
std::string DateTable(DayRange range) {
  std::string table;
  table.reserve(static_cast<size_t>(range.size()) * 10);
  for (std::int64_t day = range.first; day <= range.last; ++day) AppendDate(day, table);
  if (table.size() != static_cast<size_t>(range.size()) * 10) table.clear();
  return table;
}

void WriteDate(const InsightsSummary& s, const std::string& dates, std::int64_t day, Writer& w) {
  if (dates.empty()) {
    w.Date(day);
  } else {
    w.CachedDate(dates, day - s.range.first);
  }
}

void WriteDays(const InsightsSummary& s, const std::string& dates, Writer& w) {
  w.Key("days");
  w.Raw("[");
  for (std::int64_t day = s.range.first; day <= s.range.last; ++day) {
    if (day != s.range.first) w.Raw(",");
    w.Raw("{");
    w.Key("date");
    WriteDate(s, dates, day, w);
    const bool has = s.series.HasData(day);
    w.Raw(",");
    w.Key("mean_valence");
    w.Optional(has ? std::optional<double>(s.series.MeanValence(day)) : std::nullopt);
    w.Raw(",");
    w.Key("mean_energy");
    w.Optional(has ? std::optional<double>(s.series.MeanEnergy(day)) : std::nullopt);
    w.Raw(",");
    w.Key("count");
    w.Int(s.series.count[s.series.Index(day)]);
    w.Raw("}");
  }
  w.Raw("]");
}

void WriteAverageSeries(const InsightsSummary& s, const std::string& dates,
                        const std::vector<std::optional<double>>& v, Writer& w) {
  w.Raw("[");
  for (size_t i = 0; i < v.size(); ++i) {
    if (i > 0) w.Raw(",");
    w.Raw("{");
    w.Key("date");
    WriteDate(s, dates, s.range.first + static_cast<std::int64_t>(i), w);
    w.Raw(",");
    w.Key("value");
    w.Optional(v[i]);
    w.Raw("}");
  }
  w.Raw("]");
}

void WriteTrend(const TrendSummary& t, Writer& w) {
  w.Key("trend");
  w.Raw("{");
  w.Key("status");
  w.String(t.sufficient ? "ok" : "insufficient");
  w.Raw(",");
  w.Key("days");
  w.Int(t.days_with_data);
  if (t.sufficient) {
    w.Raw(",");
    w.Key("slope_per_week");
    w.Number(t.slope_per_week);
    w.Raw(",");
    w.Key("p_value");
    w.Precise(t.mann_kendall.p_value);
    w.Raw(",");
    w.Key("direction");
    w.String(t.direction);
    w.Raw(",");
    w.Key("mann_kendall");
    w.Raw("{");
    w.Key("s");
    w.Int(t.mann_kendall.s);
    w.Raw(",");
    w.Key("variance");
    w.Number(t.mann_kendall.variance);
    w.Raw(",");
    w.Key("z");
    w.Number(t.mann_kendall.z);
    w.Raw("}");
  }
  w.Raw(",");
  w.Key("reading");
  w.String(t.reading);
  w.Raw("}");
}

void WriteVariability(const Variability& v, Writer& w) {
  w.Key("variability");
  w.Raw("{");
  w.Key("status");
  w.String(v.sufficient ? "ok" : "insufficient");
  w.Raw(",");
  w.Key("n");
  w.Int(v.n);
  if (v.sufficient) {
    w.Raw(",");
    w.Key("sd");
    w.Number(v.sd);
    w.Raw(",");
    w.Key("mssd");
    w.Number(v.mssd);
    w.Raw(",");
    w.Key("rmssd");
    w.Number(v.rmssd);
  }
  w.Raw(",");
  w.Key("reading");
  w.String(v.reading);
  w.Raw("}");
}

void WriteCell(const ProfileCell& c, Writer& w) {
  w.Key("mean");
  w.Optional(c.Mean());
  w.Raw(",");
  w.Key("n");
  w.Int(c.moments.n);
}

void WriteProfiles(const MoodProfiles& p, Writer& w) {
  w.Key("weekday");
  w.Raw("[");
  for (size_t d = 0; d < 7; ++d) {
    if (d > 0) w.Raw(",");
    w.Raw("{");
    w.Key("day");
    w.String(kWeekdayKeys[d]);
    w.Raw(",");
    WriteCell(p.weekday[d], w);
    w.Raw("}");
  }
  w.Raw("],");
  w.Key("weekday_reading");
  w.String(p.weekday_reading);
  w.Raw(",");
  w.Key("time_of_day");
  w.Raw("[");
  for (size_t b = 0; b < kParts; ++b) {
    if (b > 0) w.Raw(",");
    w.Raw("{");
    w.Key("bucket");
    w.String(kDayPartKeys[b]);
    w.Raw(",");
    WriteCell(p.time_of_day[b], w);
    w.Raw("}");
  }
  w.Raw("],");
  w.Key("time_of_day_reading");
  w.String(p.time_of_day_reading);
  w.Raw(",");
  w.Key("heatmap");
  w.Raw("[");
  for (size_t i = 0; i < p.heatmap.size(); ++i) {
    if (i > 0) w.Raw(",");
    w.Raw("{");
    w.Key("day");
    w.String(kWeekdayKeys[i / kParts]);
    w.Raw(",");
    w.Key("bucket");
    w.String(kDayPartKeys[i % kParts]);
    w.Raw(",");
    WriteCell(p.heatmap[i], w);
    w.Raw("}");
  }
  w.Raw("],");
  w.Key("heatmap_reading");
  w.String(p.heatmap_reading);
}

void WriteTags(const TagAssociations& tags, Writer& w) {
  w.Key("tags");
  w.Raw("[");
  for (size_t i = 0; i < tags.tags.size(); ++i) {
    const TagAssociation& t = tags.tags[i];
    if (i > 0) w.Raw(",");
    w.Raw("{");
    w.Key("tag");
    w.String(t.tag);
    w.Raw(",");
    w.Key("direction");
    w.String(t.better ? "better" : "worse");
    w.Raw(",");
    w.Key("days_with");
    w.Int(t.days_with);
    w.Raw(",");
    w.Key("days_without");
    w.Int(t.days_without);
    w.Raw(",");
    w.Key("mean_with");
    w.Number(t.mean_with);
    w.Raw(",");
    w.Key("mean_without");
    w.Number(t.mean_without);
    w.Raw(",");
    w.Key("effect_size");
    w.Number(t.effect_size);
    w.Raw(",");
    w.Key("p_value");
    w.Precise(t.p_value);
    w.Raw(",");
    w.Key("reading");
    w.String(t.reading);
    w.Raw("}");
  }
  w.Raw("],");
  w.Key("tags_caveat");
  w.String(kTagsCaveat);
  w.Raw(",");
  w.Key("tags_reading");
  w.String(tags.reading);
}

void WriteDrop(const SustainedDrop& d, Writer& w) {
  w.Key("sustained_drop");
  w.Raw("{");
  w.Key("status");
  w.String(d.sufficient ? "ok" : "insufficient");
  if (d.sufficient) {
    w.Raw(",");
    w.Key("as_of");
    w.Date(d.as_of);
    w.Raw(",");
    w.Key("active");
    w.Bool(d.active);
    w.Raw(",");
    w.Key("since");
    if (d.active) {
      w.Date(d.since);
    } else {
      w.Raw("null");
    }
    w.Raw(",");
    w.Key("drop");
    w.Number(d.drop);
    w.Raw(",");
    w.Key("run_days");
    w.Int(d.run_days);
  }
  w.Raw(",");
  w.Key("reading");
  w.String(d.reading);
  w.Raw("}");
}

void WriteRumination(const std::vector<RuminationRun>& runs, Writer& w) {
  w.Key("rumination");
  w.Raw("[");
  for (size_t i = 0; i < runs.size(); ++i) {
    const RuminationRun& r = runs[i];
    if (i > 0) w.Raw(",");
    w.Raw("{");
    w.Key("theme");
    w.String(r.theme);
    w.Raw(",");
    w.Key("entries");
    w.Int(r.entries);
    w.Raw(",");
    w.Key("from");
    w.Date(r.first_day);
    w.Raw(",");
    w.Key("to");
    w.Date(r.last_day);
    w.Raw(",");
    w.Key("mood_before");
    w.Number(r.mood_before);
    w.Raw(",");
    w.Key("mood_after");
    w.Number(r.mood_after);
    w.Raw(",");
    w.Key("reading");
    w.String(r.reading);
    w.Raw(",");
    w.Key("suggestion");
    w.String(r.suggestion);
    w.Raw("}");
  }
  w.Raw("]");
}

}  // namespace

std::string InsightsJson(const InsightsSummary& s) {
  std::string out;
  out.reserve(static_cast<size_t>(s.range.size()) * 200 + 8192);
  Writer w(out);
  w.Raw("{");
  w.Key("from");
  w.Date(s.range.first);
  w.Raw(",");
  w.Key("to");
  w.Date(s.range.last);
  w.Raw(",");
  w.Key("timezone_offset_min");
  w.Int(s.tz_offset_min);
  w.Raw(",");
  const std::string dates = DateTable(s.range);
  WriteDays(s, dates, w);
  w.Raw(",");
  w.Key("averages");
  w.Raw("{");
  w.Key("d7");
  WriteAverageSeries(s, dates, s.average_7, w);
  w.Raw(",");
  w.Key("d28");
  WriteAverageSeries(s, dates, s.average_28, w);
  w.Raw(",");
  w.Key("reading");
  w.String(s.averages_reading);
  w.Raw("},");
  WriteTrend(s.trend, w);
  w.Raw(",");
  WriteVariability(s.variability, w);
  w.Raw(",");
  WriteProfiles(s.profiles, w);
  w.Raw(",");
  WriteTags(s.tags, w);
  w.Raw(",");
  WriteDrop(s.drop, w);
  w.Raw(",");
  WriteRumination(s.rumination, w);
  w.Raw(",");
  w.Key("counts");
  w.Raw("{");
  w.Key("checkins");
  w.Int(s.checkins);
  w.Raw(",");
  w.Key("entries");
  w.Int(s.entries);
  w.Raw(",");
  w.Key("days_with_checkins");
  w.Int(s.days_with_checkins);
  w.Raw("}}");
  return out;
}

}  // namespace interlude::care
