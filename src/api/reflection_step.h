// The reflection step of an entry or check-in write: after the item is committed, the
// mirror drafts a short reflection in the writer's style (mirror/reflection.h), honouring
// the person's choice (settings "reflections": on, off, just_listen, help_me_think) and
// their recent replies (so no template repeats within the last 20), which are kept sealed
// in the person's mirror-state record. That record is written behind (the write does not
// wait for a second durable commit) and remembered in this process until it is stored.
//
// Nothing here can fail a write: a missing mirror, analysis or state gives no reflection or
// a reflection without history, and the failure is logged with codes only.
//
// Thread-safety: pure functions over the thread-safe ApiDeps.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/api_context.h"
#include "mirror/reflection.h"

namespace interlude::api {

// The person's reflection setting (default kBalanced, "on").
mirror::ReflectionMode ReflectionModeOf(const store::UserRecord& user);

// `,"reflection":{text, sentences}` or `,"reflection":null` for the write's response.
// `tier` is the safety tier the item was given; `item_id` seeds the choice.
std::string ReflectionMember(ApiDeps& deps, const Principal& caller, std::string_view text,
                             const std::optional<text::Analysis>& analysis, int tier,
                             const std::string& item_id);

// The template ids of the person's recent replies (newest last) and saving them back;
// shared with the companion's first reply. Failures give an empty history / are logged.
std::vector<std::string> RecentTemplates(ApiDeps& deps, const Principal& caller);
void RememberTemplates(ApiDeps& deps, const Principal& caller, std::vector<std::string> recent,
                       const mirror::Reply& reply);

// A stable 64-bit seed from an id (FNV-1a), so the same item gives the same reply.
std::uint64_t SeedOf(std::string_view id);

}  // namespace interlude::api
