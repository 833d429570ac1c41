#include "api/entry_content.h"

#include <gtest/gtest.h>

namespace interlude::api {
namespace {

TEST(EntryContentTest, KindsAndFields) {
  const auto tr = ParseEntryInput(Json{{"kind", "thought_record"},
                                       {"fields", {{"situation", "meeting"}, {"mood_before", 80}}}});
  ASSERT_TRUE(tr.ok()) << tr.status().ToString();
  EXPECT_EQ(tr->content["fields"]["mood_before"], 80);
  EXPECT_EQ(tr->content["text"], "");

  EXPECT_EQ(ParseEntryInput(Json{{"kind", "thought_record"}, {"fields", {{"mood_before", 101}}}})
                .status().field(), "fields.mood_before");
  EXPECT_EQ(ParseEntryInput(Json{{"kind", "gratitude"}, {"fields", {{"colour", "x"}}}}).status().field(),
            "fields.colour");
  EXPECT_EQ(ParseEntryInput(Json{{"text", "x"}, {"fields", {{"items", {"a"}}}}}).status().field(),
            "fields.items");  // free entries take no fields
  EXPECT_EQ(ParseEntryInput(Json{{"kind", "poem"}, {"text", "x"}}).status().field(), "kind");
  EXPECT_EQ(ParseEntryInput(Json{{"text", ""}}).status().field(), "text");
  EXPECT_EQ(ParseEntryInput(Json{{"kind", "gratitude"}, {"fields", {{"items", {"", ""}}}}}).status().field(),
            "text");
  EXPECT_EQ(ParseEntryInput(Json{{"text", std::string(20001, 'a')}}).status().field(), "text");
  EXPECT_TRUE(ParseEntryInput(Json{{"text", std::string(20000, 'a')}}).ok());
}

TEST(EntryContentTest, SealedEntryOpensOnlyInItsRow) {
  const ContentVault vault(crypto::SecretKey::Random());
  const auto key = vault.CreateDataKey("u1");
  store::SealedRecord r{"e1", "u1", "free", 1, 1, 2, ""};
  SealEntry(vault, key.key, Json{{"title", nullptr}, {"text", "hello"}, {"fields", Json::object()}}, r);
  EXPECT_EQ(OpenEntry(vault, key.key, r)->at("text"), "hello");
  r.id = "e2";
  EXPECT_EQ(OpenEntry(vault, key.key, r).status().code(), StatusCode::kDataLoss);
}

TEST(EntryContentTest, SharedDefaultsToFalseAndMustBeABoolean) {
  EXPECT_EQ(ParseEntryInput(Json{{"text", "x"}})->content["shared"], false);
  EXPECT_EQ(ParseEntryInput(Json{{"text", "x"}, {"shared", true}})->content["shared"], true);
  EXPECT_EQ(ParseEntryInput(Json{{"text", "x"}, {"shared", "yes"}}).status().field(), "shared");
}

TEST(EntryContentTest, SharedIsReadFromTheEntryNotFromItsWords) {
  const ContentVault vault(crypto::SecretKey::Random());
  const auto key = vault.CreateDataKey("u1");
  store::SealedRecord r{"e1", "u1", "free", 1, 1, 2, ""};
  // An entry written before sharing existed has no `shared`: it reads as not shared.
  SealEntry(vault, key.key, Json{{"title", nullptr}, {"text", "hi"}, {"fields", Json::object()}}, r);
  std::string out;
  ASSERT_TRUE(AppendEntryJson(vault, key.key, r, out).ok());
  EXPECT_EQ(Json::parse(out)["shared"], false);
  EXPECT_EQ(OpenEntry(vault, key.key, r)->at("shared"), false);
  std::string only_shared;
  EXPECT_FALSE(*AppendEntryJsonIfShared(vault, key.key, r, only_shared));
  EXPECT_TRUE(only_shared.empty());
  // Words that look like the member do not share the entry.
  auto words = ParseEntryInput(Json{{"text", "{\"shared\":true}"}, {"title", "\"shared\":true"}});
  ASSERT_TRUE(words.ok());
  SealEntry(vault, key.key, words->content, r);
  EXPECT_FALSE(*AppendEntryJsonIfShared(vault, key.key, r, only_shared));
  out.clear();
  ASSERT_TRUE(AppendEntryJson(vault, key.key, r, out).ok());
  EXPECT_EQ(Json::parse(out)["shared"], false);
  EXPECT_EQ(Json::parse(out)["text"], "{\"shared\":true}");
  // A shared entry is appended, whole.
  words->content["shared"] = true;
  SealEntry(vault, key.key, words->content, r);
  EXPECT_TRUE(*AppendEntryJsonIfShared(vault, key.key, r, only_shared));
  EXPECT_EQ(Json::parse(only_shared)["id"], "e1");
  EXPECT_EQ(Json::parse(only_shared)["shared"], true);
}

}  // namespace
}  // namespace interlude::api
