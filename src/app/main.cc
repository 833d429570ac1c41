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

  auto* version_cmd = app.add_subcommand("version", "Print the version");

  CLI11_PARSE(app, argc, argv);

  if (*serve_cmd) return RunServe(serve);
  if (*init_cmd) return RunInit(data_dir);
  if (*demo_cmd) return RunDemo(data_dir);
  if (*create_cmd) return RunUserCreate(create);
  if (*list_cmd) return RunUserList(data_dir);
  if (*disable_cmd) return RunUserDisable(data_dir, login, true);
  if (*enable_cmd) return RunUserDisable(data_dir, login, false);
  if (*version_cmd) {
    std::cout << "interlude " << interlude::kVersion << "\n";
    return 0;
  }
  return 0;
}
