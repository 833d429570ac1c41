// The subcommands of the `interlude` binary. Each returns the process exit code and prints
// operator-facing messages (never user content) to stdout/stderr.
//
// Thread-safety: each runs on the main thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace interlude::app {

struct ServeFlags {
  std::optional<std::string> listen;
  std::optional<std::string> data_dir;
  std::optional<std::string> web_root;
  std::optional<std::string> tls_cert;  // PEM files; both: serve HTTPS
  std::optional<std::string> tls_key;
  std::string config_file;
};

int RunServe(const ServeFlags& flags);
int RunInit(const std::string& data_dir);
int RunDemo(const std::string& data_dir);

struct UserCreateFlags {
  std::string data_dir;
  std::string role = "client";
  std::string login;  // e-mail
  std::string password;
  std::string clinic;  // clinic name; created when new
};

int RunUserCreate(const UserCreateFlags& flags);
int RunUserList(const std::string& data_dir);
int RunUserDisable(const std::string& data_dir, const std::string& login, bool disable);
// `interlude user two-factor-reset LOGIN`: a clinician or admin who lost their authenticator
// gets a new secret and new recovery codes (printed as by `user create`); their sessions end.
int RunUserTwoFactorReset(const std::string& data_dir, const std::string& login);

struct AnalyzeFlags {
  std::optional<std::string> text;  // else stdin
  bool lines = false;               // one analysis per stdin line
  std::string mode = "journal";     // or "compat" (reference VADER sentiment)
  std::string data_root;            // empty: LanguageDataRoot()
};
int RunAnalyze(const AnalyzeFlags& flags);

struct EvalFlags {
  std::string shared_data = "../shared/data";
  std::string data_root;  // empty: LanguageDataRoot()
  std::string what = "all";  // all | text (the language engine) | mirror (reflections, companion)
};
int RunEval(const EvalFlags& flags);

// `interlude train-distortions`: trains the learned distortion model on every row of the
// Babacan set and writes the model file (src/text/distortion_training.h); with --dev-cv it
// writes nothing and prints the dev-quarter nested cross-validation used for design choices.
// The option flags override TrainingOptions (defaults: the shipped settings).
struct TrainDistortionsFlags {
  std::string shared_data = "../shared/data";
  std::string out = "data/text/distortion_model.txt";
  std::string data_root;  // empty: LanguageDataRoot() (typed patterns and cues)
  bool dev_cv = false;
  double l2 = -1;               // < 0: the default
  double max_share = -1;        // < 0: the default
  int max_weights = -1;         // < 0: the default
  int iterations = -1;          // < 0: the default
  int min_count = -1;           // < 0: the default
  double max_added_flags = -1;  // < 0: the default
  std::string kinds;            // empty: the default
  int balance = -1;             // 0 or 1; < 0: the default
  int counterweight = -1;       // < 0: the default
  int fit_bias = -1;            // 0 or 1; < 0: the default
  int calm = -1;                // < 0: the default
  double max_calm_flags = -1;   // < 0: the default
  int plain_floor = -1;         // 0 or 1; < 0: the default
  double max_plain_flags = -1;  // < 0: the default
  int cues_decide_under = -2;   // words; -1: every text; < -1: the default
};
int RunTrainDistortions(const TrainDistortionsFlags& flags);

// `interlude alerts list`: safety alerts, newest first (ids, tier, reason codes — no words).
int RunAlertsList(const std::string& data_dir, bool open_only);

// `interlude safety check-text`: runs the safe-messaging checker over each stdin line and
// prints one line per violation (line number, rule, category); exit code 1 when any.
int RunSafetyCheckText(const std::string& data_root);

// `interlude audit verify`: re-computes the access log's hash chain. Prints "audit log
// intact: N records" (exit 0), or the first broken record ("the audit log is broken at
// record K: ...", exit 1).
int RunAuditVerify(const std::string& data_dir);

// `interlude synth`: synthetic accounts and check-ins for load and memory measurements
// (src/app/synth_commands.cc). Sessions for the first `sessions` accounts, tokens to a file.
struct SynthFlags {
  std::string data_dir = "./var";
  int users = 1000;
  std::int64_t checkins = 100000;
  int sessions = 0;
  std::string tokens_out;
  std::uint64_t seed = 1;
};
int RunSynth(const SynthFlags& flags);

// `interlude backup FILE`: an encrypted online copy of the database (not the key) written
// atomically to FILE; `interlude restore FILE` replaces the database with one (refused while
// the data directory is in use); `interlude keys rotate`: a new master key without downtime.
struct BackupFlags {
  std::string data_dir = "./var";
  std::string file;
  bool force = false;  // replace an existing FILE
};
int RunBackup(const BackupFlags& flags);
struct RestoreFlags {
  std::string data_dir = "./var";
  std::string file;
  std::string key_file;  // a retired master key the backup was made under
};
int RunRestore(const RestoreFlags& flags);
int RunKeysRotate(const std::string& data_dir);

// Prints "interlude: <message>" to stderr and returns 1.
int Fail(const std::string& message);

}  // namespace interlude::app
