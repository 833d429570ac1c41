// `interlude alerts list` and `interlude safety check-text`.
#include <iostream>
#include <string>

#include "app/commands.h"
#include "app/data_dir.h"
#include "app/language_data.h"
#include "base/time_format.h"
#include "safety/safe_messaging.h"

namespace interlude::app {

int RunAlertsList(const std::string& data_dir, bool open_only) {
  auto data = OpenDataDir(data_dir, ProcessEnv(), 2);
  if (!data.ok()) return Fail(data.status().message());
  auto alerts = data->store->safety().AllAlerts(open_only, 0);
  if (!alerts.ok()) return Fail(alerts.status().message());
  static constexpr const char* kTiers[] = {"none", "low", "moderate", "high"};
  std::cout << "id\tcreated\ttier\tclient\tsource\titem\treasons\tacknowledged\n";
  for (const store::AlertRecord& a : *alerts) {
    auto client = data->store->users().FindById(a.user_id);
    std::cout << a.id << '\t' << FormatIso8601(a.created_at) << '\t'
              << kTiers[std::clamp(a.tier, 0, 3)] << '\t'
              << (client.ok() ? client->handle : a.user_id) << '\t'
              << store::CollectionTable(a.source) << '\t' << a.item_id << '\t' << a.reasons << '\t'
              << (a.acknowledged_at ? FormatIso8601(a.acknowledged_at) : "open") << '\n';
  }
  return 0;
}

int RunSafetyCheckText(const std::string& data_root) {
  auto checker = safety::SafeMessagingChecker::Load(data_root.empty() ? LanguageDataRoot() : data_root);
  if (!checker.ok()) return Fail(checker.status().message());
  int line_number = 0;
  int violations = 0;
  std::string line;
  while (std::getline(std::cin, line)) {
    ++line_number;
    for (const safety::Violation& v : (*checker)->Check(line)) {
      ++violations;
      std::cout << line_number << '\t' << v.rule << '\t' << v.category << '\t'
                << line.substr(v.begin, v.end - v.begin) << '\n';
    }
  }
  std::cerr << line_number << " lines checked, " << violations << " violations\n";
  return violations == 0 ? 0 : 1;
}

}  // namespace interlude::app
