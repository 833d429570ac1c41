// Micro-benchmarks of the steps on every request's path: decoding a JSON body, sealing and
// opening content, hashing a session token, validating a check-in.
#include <benchmark/benchmark.h>

#include "api/checkin_content.h"
#include "api/content_vault.h"
#include "api/json_body.h"
#include "crypto/tokens.h"

namespace interlude {
namespace {

const char kCheckinBody[] =
    R"({"valence":5,"energy":3,"emotions":["calm","content"],"tags":["walk","sleep"],)"
    R"("sleep_hours":7.5,"note":"A quiet evening after a long walk by the river."})";

void BM_ParseCheckinBody(benchmark::State& state) {
  api::HttpRequest req;
  req.body = kCheckinBody;
  req.headers["content-type"] = "application/json";
  for (auto _ : state) {
    auto parsed = api::ParseJsonObject(req, false);
    auto input = api::ParseCheckinInput(std::get<api::Json>(parsed), 1795830289000);
    benchmark::DoNotOptimize(input);
  }
}
BENCHMARK(BM_ParseCheckinBody);

void BM_SealOpen(benchmark::State& state) {
  const api::ContentVault vault(crypto::SecretKey::Random());
  const auto key = vault.CreateDataKey("user");
  const std::string text(static_cast<size_t>(state.range(0)), 'x');
  for (auto _ : state) {
    const std::string sealed = vault.Seal(key.key, "entries", "row", "user", text);
    auto opened = vault.Open(key.key, "entries", "row", "user", sealed);
    benchmark::DoNotOptimize(opened);
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SealOpen)->Arg(200)->Arg(2000)->Arg(20000);

void BM_UnwrapDataKey(benchmark::State& state) {
  const api::ContentVault vault(crypto::SecretKey::Random());
  store::UserRecord user;
  user.id = "user";
  user.wrapped_key = vault.CreateDataKey("user").wrapped;
  for (auto _ : state) benchmark::DoNotOptimize(vault.DataKey(user));
}
BENCHMARK(BM_UnwrapDataKey);

void BM_HashToken(benchmark::State& state) {
  const std::string token = crypto::NewSessionToken();
  for (auto _ : state) benchmark::DoNotOptimize(crypto::HashToken(token));
}
BENCHMARK(BM_HashToken);

}  // namespace
}  // namespace interlude
