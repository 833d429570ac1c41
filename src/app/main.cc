// The `interlude` command line: serve, init, demo, user, version.
#include <CLI/CLI.hpp>

#include <iostream>

#include "app/commands.h"
#include "version.h"

int main(int argc, char** argv) {
  using namespace interlude::app;
  CLI::App app{"Interlude: private journaling and mood tracking between therapy sessions"};
  app.require_subcommand(1);

  ServeFlags serve;
  auto* serve_cmd = app.add_subcommand("serve", "Serve the web app and API");
  serve_cmd->add_option("--listen", serve.listen, "host:port to listen on (port 0: any free port)");
  serve_cmd->add_option("--data-dir", serve.data_dir, "Data directory (database and master key)");
  serve_cmd->add_option("--web-root", serve.web_root, "The built web app (web/dist)");
  serve_cmd->add_option("--tls-cert", serve.tls_cert, "TLS certificate chain (PEM); with --tls-key: serve HTTPS");
  serve_cmd->add_option("--tls-key", serve.tls_key, "TLS private key (PEM)");
  serve_cmd->add_option("--config", serve.config_file, "TOML configuration file")->check(CLI::ExistingFile);

  std::string data_dir = "./var";
  auto* init_cmd = app.add_subcommand("init", "Create the data directory, database and master key");
  init_cmd->add_option("--data-dir", data_dir, "Data directory")->capture_default_str();

  auto* demo_cmd = app.add_subcommand("demo", "Seed realistic synthetic demo data");
  demo_cmd->add_option("--data-dir", data_dir, "Data directory")->capture_default_str();

  auto* user_cmd = app.add_subcommand("user", "Manage accounts");
  user_cmd->require_subcommand(1);
  UserCreateFlags create;
  auto* create_cmd = user_cmd->add_subcommand("create", "Create an account");
  create_cmd->add_option("--data-dir", create.data_dir, "Data directory")->default_val("./var");
  create_cmd->add_option("--role", create.role, "client, clinician or admin")->capture_default_str();
  create_cmd->add_option("--login", create.login, "E-mail address")->required();
  create_cmd->add_option("--password", create.password, "Password (at least 10 characters)")->required();
  create_cmd->add_option("--clinic", create.clinic, "Clinic name (created if new)");
  auto* list_cmd = user_cmd->add_subcommand("list", "List accounts (no personal content)");
  list_cmd->add_option("--data-dir", data_dir, "Data directory")->capture_default_str();
  std::string login;
  auto* disable_cmd = user_cmd->add_subcommand("disable", "Disable an account and end its sessions");
  disable_cmd->add_option("--data-dir", data_dir, "Data directory")->capture_default_str();
  disable_cmd->add_option("login", login, "E-mail, handle or id")->required();
  auto* enable_cmd = user_cmd->add_subcommand("enable", "Enable a disabled account");
  enable_cmd->add_option("--data-dir", data_dir, "Data directory")->capture_default_str();
  enable_cmd->add_option("login", login, "E-mail, handle or id")->required();
  auto* reset_2fa_cmd = user_cmd->add_subcommand(
      "two-factor-reset", "Give a clinician or admin a new authenticator secret and recovery codes");
  reset_2fa_cmd->add_option("--data-dir", data_dir, "Data directory")->capture_default_str();
  reset_2fa_cmd->add_option("login", login, "E-mail, handle or id")->required();

  AnalyzeFlags analyze;
  auto* analyze_cmd = app.add_subcommand("analyze", "Print the language engine's analysis of text as JSON");
  analyze_cmd->add_option("text", analyze.text, "Text to analyse (default: read stdin)");
  analyze_cmd->add_flag("--lines", analyze.lines, "Analyse each line of stdin separately");
  analyze_cmd->add_option("--mode", analyze.mode, "Sentiment mode: journal or compat")->capture_default_str();
  analyze_cmd->add_option("--data-root", analyze.data_root, "Language data folder (default: the repository's data/)");

  EvalFlags eval;
  auto* eval_cmd = app.add_subcommand("eval", "Measure the language engine against public data and the case files");
  eval_cmd->add_option("--data", eval.shared_data, "Public evaluation data")->capture_default_str();
  eval_cmd->add_option("--data-root", eval.data_root, "Language data folder (default: the repository's data/)");
  eval_cmd->add_option("what", eval.what, "What to measure: all, text (the language engine) or mirror (reflections and companion)")
      ->check(CLI::IsMember({"all", "text", "mirror"}))
      ->capture_default_str();

  TrainDistortionsFlags train;
  auto* train_cmd = app.add_subcommand("train-distortions",
                                       "Train the learned distortion model on the Babacan set");
  train_cmd->add_option("--data", train.shared_data, "Public evaluation data")->capture_default_str();
  train_cmd->add_option("--out", train.out, "Model file to write")->capture_default_str();
  train_cmd->add_option("--data-root", train.data_root, "Language data folder (default: the repository's data/)");
  train_cmd->add_flag("--dev-cv", train.dev_cv,
                      "Write nothing; print the nested cross-validation within the dev quarter");
  train_cmd->add_option("--l2", train.l2, "L2 penalty (default: the shipped setting)");
  train_cmd->add_option("--max-share", train.max_share,
                        "Drop features in more than this share of texts");
  train_cmd->add_option("--max-weights", train.max_weights, "Keep this many largest |weights|");
  train_cmd->add_option("--iterations", train.iterations, "Gradient steps");
  train_cmd->add_option("--min-count", train.min_count, "Drop features in fewer texts");
  train_cmd->add_option(
      "--max-added-flags", train.max_added_flags,
      "Share of the negatives the authored detectors leave clean that the model may flag");
  train_cmd->add_option("--kinds", train.kinds, "Feature kinds used (letters of w b n t c l)");
  train_cmd->add_option("--balance", train.balance, "1: weigh the two classes equally; 0: not");
  train_cmd->add_option("--fit-bias", train.fit_bias, "1: fit an intercept; 0: none");
  train_cmd->add_option("--calm", train.calm, "Calm GoEmotions comments for the threshold floor");
  train_cmd->add_option("--max-calm-flags", train.max_calm_flags,
                        "Share of the calm comments the model may flag");
  train_cmd->add_option("--plain-floor", train.plain_floor,
                        "1: the threshold keeps the case files' plain sentences clean");
  train_cmd->add_option("--max-plain-flags", train.max_plain_flags,
                        "Plain case sentences a fold model may flag (mean)");
  train_cmd->add_option("--counterweight", train.counterweight,
                        "Calm GoEmotions train comments added as negatives (0: none)");
  train_cmd
      ->add_option("--cues-decide-under", train.cues_decide_under,
                   "Cues alone decide in texts under this many words (-1: in every text)")
      ->check(CLI::Range(-1, 1000000000));

  auto* alerts_cmd = app.add_subcommand("alerts", "Safety alerts");
  alerts_cmd->require_subcommand(1);
  bool open_only = false;
  auto* alerts_list_cmd = alerts_cmd->add_subcommand("list", "List safety alerts (codes only, no content)");
  alerts_list_cmd->add_option("--data-dir", data_dir, "Data directory")->capture_default_str();
  alerts_list_cmd->add_flag("--open", open_only, "Only alerts not yet acknowledged");
  auto* audit_cmd = app.add_subcommand("audit", "The access log (who looked at whose data)");
  audit_cmd->require_subcommand(1);
  auto* audit_verify_cmd = audit_cmd->add_subcommand(
      "verify", "Check the access log's hash chain; name the first broken record");
  audit_verify_cmd->add_option("--data-dir", data_dir, "Data directory")->capture_default_str();
  auto* safety_cmd = app.add_subcommand("safety", "Safety layer tools");
  safety_cmd->require_subcommand(1);
  std::string safety_data_root;
  auto* check_text_cmd = safety_cmd->add_subcommand(
      "check-text", "Check each stdin line against the safe-messaging rules");
  check_text_cmd->add_option("--data-root", safety_data_root, "Data folder (default: the repository's data/)");

  SynthFlags synth;
  auto* synth_cmd = app.add_subcommand(
      "synth", "Fill a data directory with synthetic accounts and check-ins (load tests)");
  synth_cmd->add_option("--data-dir", synth.data_dir, "Data directory")->capture_default_str();
  synth_cmd->add_option("--users", synth.users, "Accounts to create")->capture_default_str();
  synth_cmd->add_option("--checkins", synth.checkins, "Check-ins in all, spread over the accounts")
      ->capture_default_str();
  synth_cmd->add_option("--sessions", synth.sessions, "Start sessions for this many of the accounts");
  synth_cmd->add_option("--tokens-out", synth.tokens_out, "File for the session tokens (mode 0600)");
  synth_cmd->add_option("--seed", synth.seed, "Seed for the synthetic values")->capture_default_str();

  BackupFlags backup;
  auto* backup_cmd = app.add_subcommand(
      "backup", "Write an encrypted copy of the database (not the master key) to FILE");
  backup_cmd->add_option("--data-dir", backup.data_dir, "Data directory")->capture_default_str();
  backup_cmd->add_option("file", backup.file, "Backup file to write")->required();
  backup_cmd->add_flag("--force", backup.force, "Replace FILE if it exists");
  RestoreFlags restore;
  auto* restore_cmd = app.add_subcommand(
      "restore", "Replace the database with the one in a backup FILE (server stopped)");
  restore_cmd->add_option("--data-dir", restore.data_dir, "Data directory")->capture_default_str();
  restore_cmd->add_option("file", restore.file, "Backup file to restore")->required();
  restore_cmd->add_option("--key-file", restore.key_file,
                          "A retired master key file the backup was made under");
  auto* keys_cmd = app.add_subcommand("keys", "The master key");
  keys_cmd->require_subcommand(1);
  auto* rotate_cmd = keys_cmd->add_subcommand(
      "rotate", "Re-wrap every data key under a new master key while the server runs");
  rotate_cmd->add_option("--data-dir", data_dir, "Data directory")->capture_default_str();

  auto* version_cmd = app.add_subcommand("version", "Print the version");

  CLI11_PARSE(app, argc, argv);

  if (*serve_cmd) return RunServe(serve);
  if (*init_cmd) return RunInit(data_dir);
  if (*demo_cmd) return RunDemo(data_dir);
  if (*create_cmd) return RunUserCreate(create);
  if (*list_cmd) return RunUserList(data_dir);
  if (*disable_cmd) return RunUserDisable(data_dir, login, true);
  if (*enable_cmd) return RunUserDisable(data_dir, login, false);
  if (*reset_2fa_cmd) return RunUserTwoFactorReset(data_dir, login);
  if (*analyze_cmd) return RunAnalyze(analyze);
  if (*eval_cmd) return RunEval(eval);
  if (*train_cmd) return RunTrainDistortions(train);
  if (*alerts_list_cmd) return RunAlertsList(data_dir, open_only);
  if (*audit_verify_cmd) return RunAuditVerify(data_dir);
  if (*check_text_cmd) return RunSafetyCheckText(safety_data_root);
  if (*backup_cmd) return RunBackup(backup);
  if (*restore_cmd) return RunRestore(restore);
  if (*rotate_cmd) return RunKeysRotate(data_dir);
  if (*synth_cmd) return RunSynth(synth);
  if (*version_cmd) {
    std::cout << "interlude " << interlude::kVersion << "\n";
    return 0;
  }
  return 0;
}
