// The shared data-file reading loop.
#include "text/data_file.h"

#include <fstream>

namespace interlude::text {

Status ForEachDataLine(const std::string& path, std::string_view what,
                       const std::function<Status(const std::string& line, int number)>& fn) {
  std::ifstream in(path);
  if (!in) return NotFound(std::string(what) + " not found: " + path);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    RETURN_IF_ERROR(fn(line, number));
  }
  return OkStatus();
}

Status DataLineError(const std::string& path, int number, const std::string& message) {
  return InvalidArgument(path + ":" + std::to_string(number) + ": " + message);
}

}  // namespace interlude::text
