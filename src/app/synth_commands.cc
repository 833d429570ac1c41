// `interlude synth`: fills a data directory with synthetic accounts and mood check-ins, for
// the load and memory measurements of docs/performance.md (100,000 people, 10 million
// check-ins). Every row is validated and sealed by the same functions the API uses, under
// each account's own data key, so the server reads them exactly as it reads real ones.
// Nothing here is anyone's words: check-ins carry mood, energy, emotion words and tags from
// fixed lists, and no notes.
//
// Optionally starts sessions for the first K accounts and writes their bearer tokens, one
// per line, to a file (mode 0600) that the load script (bench/mixed.lua) reads.
//
// Thread-safety: runs on the main thread and its own worker threads; each worker seals a
// disjoint slice of accounts, and the store's group-commit writer takes their batches.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "api/checkin_content.h"
#include "api/vocabulary.h"
#include "app/commands.h"
#include "app/data_dir.h"
#include "base/clock.h"
#include "base/random.h"
#include "base/time_format.h"
#include "crypto/tokens.h"

namespace interlude::app {
namespace {

constexpr size_t kBatchRows = 5000;  // check-ins per commit
constexpr UnixMillis kDay = 24LL * 60 * 60 * 1000;

const char* const kTags[] = {"work", "sleep", "walk", "friends", "family", "exercise",
                             "study", "rest", "outdoors", "screen-time"};

struct Account {
  store::UserRecord user;
  crypto::SecretKey key;
};

// One synthetic check-in body, as a person's app would send it.
api::Json CheckinBody(std::mt19937_64& rng, UnixMillis at) {
  std::uniform_int_distribution<int> valence(1, 7);
  std::uniform_int_distribution<int> energy(1, 5);
  const auto emotions = api::EmotionVocabulary();  // the words the app offers
  std::uniform_int_distribution<size_t> emotion(0, emotions.size() - 1);
  std::uniform_int_distribution<size_t> tag(0, std::size(kTags) - 1);
  api::Json body = {{"at", FormatIso8601(at)},
                    {"valence", valence(rng)},
                    {"energy", energy(rng)},
                    {"emotions", api::Json::array({emotions[emotion(rng)].word})},
                    {"tags", api::Json::array({kTags[tag(rng)], kTags[tag(rng)]})}};
  if (rng() % 3 == 0) body["tags"].erase(1);
  return body;
}

// Creates `count` client accounts (handles synth-<run>-<n>) with `threads` writers at once.
Result<std::vector<Account>> CreateAccounts(DataDir& data, int count, int threads,
                                            const std::string& run, UnixMillis now) {
  std::vector<Account> accounts(static_cast<size_t>(count));
  std::atomic<size_t> next{0};
  std::mutex failure_mu;
  Status failure = OkStatus();
  auto worker = [&] {
    for (size_t i = next++; i < accounts.size(); i = next++) {
      Account& a = accounts[i];
      a.user.id = NewId();
      a.user.handle = "synth-" + run + "-" + std::to_string(i);
      a.user.created_at = now - 365 * kDay;
      api::ContentVault::NewKey k = data.vault->CreateDataKey(a.user.id);
      a.user.wrapped_key = std::move(k.wrapped);
      a.key = std::move(k.key);
      if (Status st = data.store->users().Create(a.user); !st.ok()) {
        std::lock_guard lock(failure_mu);
        failure = st;
        next = accounts.size();
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  if (!failure.ok()) return failure;
  return accounts;
}

// Seals and stores `per_account` check-ins (plus one more for the first `extra` accounts),
// one or two a day going back from `now`, in batches of kBatchRows per commit.
Status CreateCheckins(DataDir& data, const std::vector<Account>& accounts, std::int64_t per_account,
                      std::int64_t extra, int threads, std::uint64_t seed, UnixMillis now) {
  std::atomic<size_t> next{0};
  std::atomic<std::int64_t> stored{0};
  std::mutex failure_mu;
  Status failure = OkStatus();
  const std::int64_t total = per_account * static_cast<std::int64_t>(accounts.size()) + extra;
  auto worker = [&](int thread_index) {
    std::mt19937_64 rng(seed * 7919 + static_cast<std::uint64_t>(thread_index));
    std::vector<store::SealedRecord> batch;
    batch.reserve(kBatchRows);
    auto flush = [&]() -> bool {
      if (batch.empty()) return true;
      if (Status st = data.store->records(store::Collection::kCheckins).InsertMany(batch);
          !st.ok()) {
        std::lock_guard lock(failure_mu);
        failure = st;
        next = accounts.size();
        return false;
      }
      const std::int64_t done = stored += static_cast<std::int64_t>(batch.size());
      if (done / 1'000'000 != (done - static_cast<std::int64_t>(batch.size())) / 1'000'000) {
        std::cout << "  " << done << " of " << total << " check-ins" << std::endl;
      }
      batch.clear();
      return true;
    };
    for (size_t i = next++; i < accounts.size(); i = next++) {
      const Account& a = accounts[i];
      const std::int64_t n = per_account + (static_cast<std::int64_t>(i) < extra ? 1 : 0);
      for (std::int64_t k = 0; k < n; ++k) {
        // Two a day: morning and evening, with a little jitter.
        const UnixMillis at = now - (k / 2 + 1) * kDay + (k % 2) * 10 * 3600000LL -
                              static_cast<UnixMillis>(rng() % 3600000);
        auto input = api::ParseCheckinInput(CheckinBody(rng, at), now);
        if (!input.ok()) {
          std::lock_guard lock(failure_mu);
          failure = input.status();
          next = accounts.size();
          return;
        }
        store::SealedRecord r;
        r.id = NewId();
        r.user_id = a.user.id;
        r.kind = "mood";
        r.sort_at = input->at;
        r.created_at = r.updated_at = input->at;
        (void)api::SealCheckin(*data.vault, a.key, input->content, r);
        batch.push_back(std::move(r));
        if (batch.size() == kBatchRows && !flush()) return;
      }
    }
    flush();
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker, t);
  for (auto& t : pool) t.join();
  return failure;
}

// Starts a session for each of the first `count` accounts and writes the tokens to `path`.
Status WriteSessionTokens(DataDir& data, const std::vector<Account>& accounts, int count,
                          const std::string& path, UnixMillis now) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return InvalidArgument("cannot write the tokens file " + path, "tokens-out");
  std::string lines;
  for (int i = 0; i < count && i < static_cast<int>(accounts.size()); ++i) {
    const std::string token = crypto::NewSessionToken();
    store::SessionRecord s;
    s.token_hash = crypto::HashToken(token);
    s.user_id = accounts[static_cast<size_t>(i)].user.id;
    s.created_at = s.last_seen_at = now;
    s.expires_at = now + 12 * 3600000LL;
    if (Status st = data.store->sessions().Create(s); !st.ok()) {
      ::close(fd);
      return st;
    }
    lines += token + "\n";
  }
  const bool ok = ::write(fd, lines.data(), lines.size()) == static_cast<ssize_t>(lines.size());
  ::close(fd);
  if (!ok) return Internal("cannot write the tokens file " + path);
  return OkStatus();
}

}  // namespace

int RunSynth(const SynthFlags& flags) {
  if (flags.users < 1) return Fail("--users must be at least 1");
  if (flags.checkins < 0) return Fail("--checkins must not be negative");
  if (flags.sessions < 0 || flags.sessions > flags.users) {
    return Fail("--sessions must be between 0 and --users");
  }
  if (flags.sessions > 0 && flags.tokens_out.empty()) {
    return Fail("--sessions needs --tokens-out FILE to write the tokens to");
  }
  auto data = OpenDataDir(flags.data_dir, ProcessEnv(), 2);
  if (!data.ok()) return Fail(data.status().message());
  const int threads = std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
  const UnixMillis now = SystemClock::Get().NowMillis();
  const std::string run = NewId().substr(0, 6);  // keeps handles unique across runs
  const auto started = std::chrono::steady_clock::now();

  std::cout << "creating " << flags.users << " accounts" << std::endl;
  auto accounts = CreateAccounts(*data, flags.users, 8, run, now);
  if (!accounts.ok()) return Fail("creating accounts: " + accounts.status().message());

  const std::int64_t per_account = flags.checkins / flags.users;
  const std::int64_t extra = flags.checkins % flags.users;
  std::cout << "sealing and storing " << flags.checkins << " check-ins" << std::endl;
  if (Status st = CreateCheckins(*data, *accounts, per_account, extra, threads, flags.seed, now);
      !st.ok()) {
    return Fail("storing check-ins: " + st.message());
  }
  if (flags.sessions > 0) {
    if (Status st = WriteSessionTokens(*data, *accounts, flags.sessions, flags.tokens_out, now);
        !st.ok()) {
      return Fail(st.message());
    }
  }
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
  std::cout << "done: " << flags.users << " accounts (handles synth-" << run << "-N), "
            << flags.checkins << " check-ins";
  if (flags.sessions > 0) std::cout << ", " << flags.sessions << " session tokens in " << flags.tokens_out;
  std::cout << " (" << seconds << " s)" << std::endl;
  return 0;
}

}  // namespace interlude::app
