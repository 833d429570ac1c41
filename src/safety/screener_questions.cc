// Loading data/safety/screener.txt (screener_questions.h).
#include "safety/screener_questions.h"

#include <array>
#include <string_view>

#include "base/ascii.h"
#include "text/data_file.h"

namespace interlude::safety {
namespace {

struct Expected {
  std::string_view id;
  std::string_view time_frame;
};

// §6.1: q1-q5 ask about the past month; q6 asks "ever", then whether in the past 3 months.
constexpr std::array<Expected, 7> kQuestions = {{
    {"q1", "past_month"},
    {"q2", "past_month"},
    {"q3", "past_month"},
    {"q4", "past_month"},
    {"q5", "past_month"},
    {"q6", "ever"},
    {"q6_recent", "past_3_months"},
}};

}  // namespace

Result<std::vector<ScreenerQuestion>> LoadScreenerQuestions(const std::string& data_root) {
  const std::string path = data_root + "/safety/screener.txt";
  std::vector<ScreenerQuestion> out;
  RETURN_IF_ERROR(text::ForEachDataLine(
      path, "screener questions", [&](const std::string& line, int number) -> Status {
        const size_t tab1 = line.find('\t');
        const size_t tab2 = tab1 == std::string::npos ? tab1 : line.find('\t', tab1 + 1);
        if (tab2 == std::string::npos) {
          return text::DataLineError(path, number, "expected `id<TAB>time_frame<TAB>text`");
        }
        ScreenerQuestion q;
        q.id = std::string(TrimAscii(std::string_view(line).substr(0, tab1)));
        q.time_frame =
            std::string(TrimAscii(std::string_view(line).substr(tab1 + 1, tab2 - tab1 - 1)));
        q.text = std::string(TrimAscii(std::string_view(line).substr(tab2 + 1)));
        if (out.size() >= kQuestions.size() || q.id != kQuestions[out.size()].id) {
          return text::DataLineError(path, number, "unexpected question id `" + q.id + "`");
        }
        if (q.time_frame != kQuestions[out.size()].time_frame) {
          return text::DataLineError(
              path, number,
              q.id + " must ask about " + std::string(kQuestions[out.size()].time_frame));
        }
        if (q.text.empty()) return text::DataLineError(path, number, "empty question");
        out.push_back(std::move(q));
        return OkStatus();
      }));
  if (out.size() != kQuestions.size()) {
    return InvalidArgument(path + ":0: missing question " + std::string(kQuestions[out.size()].id));
  }
  return out;
}

}  // namespace interlude::safety
