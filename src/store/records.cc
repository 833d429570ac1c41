// Names of roles and collections.
#include "store/records.h"

namespace interlude::store {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kClient: return "client";
    case Role::kClinician: return "clinician";
    case Role::kAdmin: return "admin";
  }
  return "client";
}

bool ParseRole(std::string_view text, Role& out) {
  if (text == "client") out = Role::kClient;
  else if (text == "clinician") out = Role::kClinician;
  else if (text == "admin") out = Role::kAdmin;
  else return false;
  return true;
}

std::string_view CollectionTable(Collection c) {
  switch (c) {
    case Collection::kEntries: return "entries";
    case Collection::kCheckins: return "checkins";
    case Collection::kSafetyPlans: return "safety_plans";
    case Collection::kScreenings: return "screenings";
    case Collection::kAssessments: return "assessments";
    case Collection::kConversations: return "conversations";
    case Collection::kExerciseLogs: return "exercise_logs";
    case Collection::kActivities: return "activities";
    case Collection::kMirrorState: return "mirror_state";
    case Collection::kAssignments: return "assignments";
  }
  return "entries";
}

bool ParseCollectionTable(std::string_view table, Collection& out) {
  for (Collection c : {Collection::kEntries, Collection::kCheckins, Collection::kSafetyPlans,
                       Collection::kScreenings, Collection::kAssessments,
                       Collection::kConversations, Collection::kExerciseLogs,
                       Collection::kActivities, Collection::kMirrorState,
                       Collection::kAssignments}) {
    if (CollectionTable(c) == table) {
      out = c;
      return true;
    }
  }
  return false;
}

}  // namespace interlude::store
