// Gathers what a linked client shares with the calling clinician into the plain input of the
// pre-session brief and the note draft (care/brief.h, care/note_draft.h): each category is
// read only while the client shares it, journal entries only when marked shared, and the
// period is the one of docs/api.md "Therapy sessions, the brief, note drafts".
//
// Thread-safety: stateless functions over thread-safe dependencies.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/client_access.h"
#include "care/brief.h"
#include "care/note_draft.h"

namespace interlude::api {

// The session a brief or note is for and the period before it.
struct BriefPeriod {
  UnixMillis from = 0;
  UnixMillis to = 0;
  std::optional<store::ClinicalSessionRecord> session;  // none: the period ends now
  std::optional<UnixMillis> next_session_at;            // the pair's next session after `to`
};

// `session_id` empty: the next upcoming session, else now. The period starts at the session
// before (or the link). NotFound when `session_id` names no session of the pair.
Result<BriefPeriod> ResolveBriefPeriod(ApiDeps& deps, const ClientAccess& access,
                                       const std::string& session_id);

// Reads the shared categories for `period`. Errors: the store's and the vault's.
Result<care::BriefInput> GatherBriefInput(ApiDeps& deps, const ClientAccess& access,
                                          const BriefPeriod& period);

// The questionnaires due or overdue now by the client's schedule (empty when assessments
// are not shared or the instruments are not loaded).
Result<std::vector<care::QuestionnaireDue>> QuestionnairesDue(ApiDeps& deps,
                                                              const ClientAccess& access);

// The JSON of a statement list: [{text, sources: [{kind, id, at}]}].
Json StatementsJson(const std::vector<care::BriefStatement>& statements);

}  // namespace interlude::api
