// Every endpoint's handler. Each validates its input, does its work through ApiDeps and
// returns a Reply or a Status (mapped to HTTP by api_error). Authenticated handlers find
// the caller in ctx.principal.
//
// Thread-safety: handlers are stateless and run concurrently.
#pragma once

#include "api/api_context.h"

namespace interlude::api {

// System
Result<Reply> HandleHealth(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleVocabulary(ApiDeps& deps, RequestContext& ctx);

// Accounts (account_handlers.cc)
Result<Reply> HandleAnonymousStart(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleRegister(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleLogin(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleLogout(ApiDeps& deps, RequestContext& ctx);

// The caller's own account (me_handlers.cc)
Result<Reply> HandleGetMe(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandlePatchMe(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleChangePassword(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleNewRecoveryCode(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleExport(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleDeleteMe(ApiDeps& deps, RequestContext& ctx);

// Journal entries (entry_handlers.cc)
Result<Reply> HandleCreateEntry(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleListEntries(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleGetEntry(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleReplaceEntry(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleDeleteEntry(ApiDeps& deps, RequestContext& ctx);

// Mood check-ins (checkin_handlers.cc)
Result<Reply> HandleCreateCheckin(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleListCheckins(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleDeleteCheckin(ApiDeps& deps, RequestContext& ctx);

// Mood insights (insights_handlers.cc)
Result<Reply> HandleInsights(ApiDeps& deps, RequestContext& ctx);

// Safety (safety_handlers.cc)
Result<Reply> HandleSafetyResources(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleScreenerQuestions(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleCreateScreening(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleListScreenings(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleGetSafetyPlan(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandlePutSafetyPlan(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleClinicianSafetyPlan(ApiDeps& deps, RequestContext& ctx);

// Questionnaires (assessment_handlers.cc, schedule_handlers.cc)
Result<Reply> HandleInstruments(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleCreateAssessment(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleListAssessments(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleGetSchedule(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandlePutSchedule(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleFhirExport(ApiDeps& deps, RequestContext& ctx);
// Unavailable when the instruments are not loaded (tests without data).
Status RequireInstruments(const ApiDeps& deps);

// Links and alerts (link_handlers.cc)
Result<Reply> HandleCreateInvitation(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleCreateLink(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleListLinks(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandlePatchLink(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleDeleteLink(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleClinicianAlerts(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleAcknowledgeAlert(ApiDeps& deps, RequestContext& ctx);

// The companion conversation (conversation_handlers.cc)
Result<Reply> HandleCreateConversation(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleListConversations(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleGetConversation(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandlePostMessage(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandlePatchConversation(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleDeleteConversation(ApiDeps& deps, RequestContext& ctx);

// Coping exercises (exercise_handlers.cc)
Result<Reply> HandleListExercises(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleGetExercise(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleExerciseSuggestions(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleExerciseFeedback(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleExerciseHistory(ApiDeps& deps, RequestContext& ctx);

// Behavioural-activation plans (activity_handlers.cc)
Result<Reply> HandleCreateActivity(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleListActivities(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandlePatchActivity(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleDeleteActivity(ApiDeps& deps, RequestContext& ctx);

// Thinking traps in a thought, for the thought-record wizard (analysis_handlers.cc)
Result<Reply> HandleAnalyseDistortions(ApiDeps& deps, RequestContext& ctx);

// Clinicians' second factor and the clinic admin (two_factor_handlers.cc, admin_handlers.cc)
Result<Reply> HandleNewTwoFactorRecoveryCodes(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleListClinicians(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleCreateClinician(ApiDeps& deps, RequestContext& ctx);
// A clinician's own set-up with the code from their admin (staff_setup_handlers.cc)
Result<Reply> HandleStaffSetup(ApiDeps& deps, RequestContext& ctx);

// The clinician's view of linked clients (caseload_handlers.cc, clinician_read_handlers.cc)
// and the client's view of who looked (access_log_handlers.cc)
Result<Reply> HandleCaseload(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleClinicianClient(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleClinicianCheckins(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleClinicianInsights(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleClinicianEntries(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleClinicianAssessments(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleClinicianConversations(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleClinicianClientAlerts(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleAccessLog(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandlePatchEntry(ApiDeps& deps, RequestContext& ctx);  // entry_handlers.cc

// Therapy sessions, the pre-session brief and note drafts (clinical_session_handlers.cc,
// brief_handlers.cc)
Result<Reply> HandleListClinicalSessions(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleCreateClinicalSession(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleImportClinicalSessions(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleDeleteClinicalSession(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleBrief(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleNoteDraft(ApiDeps& deps, RequestContext& ctx);

// Homework (assignment_handlers.cc)
Result<Reply> HandleCreateAssignment(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleClinicianAssignments(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleDeleteAssignment(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandleMyAssignments(ApiDeps& deps, RequestContext& ctx);
Result<Reply> HandlePatchAssignment(ApiDeps& deps, RequestContext& ctx);

// PermissionDenied unless the caller has `role`.
Status RequireRole(const RequestContext& ctx, store::Role role);

// An integer query parameter in [lo, hi], or `fallback` when absent.
Result<std::int64_t> QueryInt(const RequestContext& ctx, const char* name, std::int64_t lo,
                              std::int64_t hi, std::int64_t fallback);

}  // namespace interlude::api
