// Questionnaire endpoints: the instruments, answering one (scored, compared with the last
// time and with the first, assessed by the safety layer), and past results. See docs/api.md
// "Questionnaires" and docs/care.md.
#include <algorithm>

#include "api/assessment_json.h"
#include "api/client_reads.h"
#include "api/handlers.h"
#include "api/record_json.h"
#include "api/write_safety.h"
#include "base/log.h"
#include "base/random.h"
#include "care/outcomes.h"
#include "care/reliable_change.h"
#include "safety/tier_policy.h"

namespace interlude::api {
namespace {

store::RecordRepository& Assessments(ApiDeps& deps) {
  return deps.store.records(store::Collection::kAssessments);
}

Result<const care::Instrument*> FindInstrument(ApiDeps& deps, const std::string& id) {
  RETURN_IF_ERROR(RequireInstruments(deps));
  const care::Instrument* in = deps.instruments->Find(id);
  if (in == nullptr) {
    std::string ids;
    for (const char* known : care::InstrumentSet::kIds) ids += (ids.empty() ? "" : ", ") + std::string(known);
    return InvalidArgument("instrument must be one of " + ids, "instrument");
  }
  return in;
}

// A whole number, or InvalidArgument naming `field`.
Result<std::int64_t> WholeNumber(const Json& v, const std::string& field) {
  if (!v.is_number_integer()) return InvalidArgument(field + " must be a whole number", field);
  if (v.is_number_unsigned() && v.get<std::uint64_t>() > 1000) return std::int64_t{1000};  // out of range anyway
  return v.get<std::int64_t>();
}

struct AssessmentInput {
  const care::Instrument* instrument = nullptr;
  std::vector<std::int64_t> answers;
  std::optional<std::int64_t> functional;
};

Result<AssessmentInput> ParseInput(ApiDeps& deps, const Json& body) {
  Json rest = body;
  rest.erase("answers");
  rest.erase("functional");
  ObjectReader reader(rest);
  ASSIGN_OR_RETURN(const std::string id, reader.RequiredString("instrument", 16));
  RETURN_IF_ERROR(reader.Finish());
  AssessmentInput in;
  ASSIGN_OR_RETURN(in.instrument, FindInstrument(deps, id));
  const auto answers = body.find("answers");
  if (answers == body.end() || answers->is_null()) return InvalidArgument("answers is required", "answers");
  if (!answers->is_array()) return InvalidArgument("answers must be a list of whole numbers", "answers");
  if (answers->size() > 64) return InvalidArgument("answers has too many items", "answers");
  for (size_t i = 0; i < answers->size(); ++i) {
    ASSIGN_OR_RETURN(const std::int64_t v, WholeNumber((*answers)[i], "answers[" + std::to_string(i) + "]"));
    in.answers.push_back(v);
  }
  if (const auto f = body.find("functional"); f != body.end() && !f->is_null()) {
    ASSIGN_OR_RETURN(in.functional, WholeNumber(*f, "functional"));
  }
  return in;
}

// The person's earlier questionnaires that the new one is compared with.
struct History {
  std::optional<store::SealedRecord> previous;  // the same instrument, newest
  std::optional<store::SealedRecord> first;     // the same instrument, oldest (the baseline)
  std::optional<store::SealedRecord> first_phq9, first_gad7, last_phq9, last_gad7;
  int phq9_count = 0, gad7_count = 0;
};

Result<History> ReadHistory(ApiDeps& deps, const std::string& user_id, const std::string& instrument) {
  store::ListQuery all;
  all.limit = 0;
  ASSIGN_OR_RETURN(const auto rows, Assessments(deps).List(user_id, all));  // newest first
  History h;
  for (const store::SealedRecord& r : rows) {
    if (!h.previous && r.kind == instrument) h.previous = r;
    if (r.kind == instrument) h.first = r;  // rows are newest first: the last seen is the oldest
    if (r.kind == "phq9") {
      if (!h.last_phq9) h.last_phq9 = r;
      h.first_phq9 = r;
      ++h.phq9_count;
    } else if (r.kind == "gad7") {
      if (!h.last_gad7) h.last_gad7 = r;
      h.first_gad7 = r;
      ++h.gad7_count;
    }
  }
  return h;
}

Result<int> TotalOf(ApiDeps& deps, const Principal& caller, const store::SealedRecord& r) {
  ASSIGN_OR_RETURN(const Json j, OpenAssessment(deps.vault, caller.data_key, r));
  if (!j.contains("total") || !j["total"].is_number_integer()) return DataLoss("assessment without a total");
  return j["total"].get<int>();
}

// Change against `earlier` (the previous questionnaire, or the first one: gradual change
// that no single step shows is still reliable change from the baseline).
Result<Json> ChangeJson(ApiDeps& deps, const Principal& caller, const care::Instrument& in,
                        const std::optional<store::SealedRecord>& earlier, int total) {
  if (!earlier) return Json(nullptr);
  ASSIGN_OR_RETURN(const int previous, TotalOf(deps, caller, *earlier));
  const care::Change c = care::ComputeChange(in, previous, total);
  return Json{{"previous_id", earlier->id},
              {"previous_total", previous},
              {"delta", c.delta},
              {"rci", c.rci ? Json(*c.rci) : Json(nullptr)},
              {"reliable", care::ReliableName(c.reliable)},
              {"classification", care::ClassificationName(c.classification)},
              {"explanation", c.explanation}};
}

// First and latest of one measure, counting the questionnaire being answered now.
Result<care::MeasurePair> Pair(ApiDeps& deps, const Principal& caller,
                               const std::optional<store::SealedRecord>& first,
                               const std::optional<store::SealedRecord>& last, int count,
                               std::optional<int> now_total) {
  care::MeasurePair p;
  p.count = count + (now_total ? 1 : 0);
  if (p.count == 0) return p;
  if (first) {
    ASSIGN_OR_RETURN(const int f, TotalOf(deps, caller, *first));
    p.first = f;
  } else {
    p.first = now_total;
  }
  if (now_total) {
    p.last = now_total;
  } else {
    ASSIGN_OR_RETURN(const int l, TotalOf(deps, caller, *last));
    p.last = l;
  }
  return p;
}

Result<Json> OutcomesJson(ApiDeps& deps, const Principal& caller, const care::Instrument& in,
                          const History& h, int total) {
  if (in.id != "phq9" && in.id != "gad7") return Json(nullptr);
  const bool phq = in.id == "phq9";
  ASSIGN_OR_RETURN(const care::MeasurePair d, Pair(deps, caller, h.first_phq9, h.last_phq9, h.phq9_count,
                                                   phq ? std::optional<int>(total) : std::nullopt));
  ASSIGN_OR_RETURN(const care::MeasurePair a, Pair(deps, caller, h.first_gad7, h.last_gad7, h.gad7_count,
                                                   phq ? std::nullopt : std::optional<int>(total)));
  const auto o = care::ComputeOutcomes(d, a);
  if (!o) return Json(nullptr);
  return Json{{"caseness_first", o->caseness_first},
              {"caseness_now", o->caseness_now},
              {"recovery", o->recovery},
              {"reliable_improvement", o->reliable_improvement},
              {"reliable_recovery", o->reliable_recovery},
              {"reliable_deterioration", o->reliable_deterioration},
              {"explanation", o->explanation}};
}

}  // namespace

Status RequireInstruments(const ApiDeps& deps) {
  if (deps.instruments == nullptr) return Unavailable("the questionnaires are not loaded");
  return OkStatus();
}

Result<Reply> HandleInstruments(ApiDeps& deps, RequestContext&) {
  RETURN_IF_ERROR(RequireInstruments(deps));
  Json list = Json::array();
  for (const care::Instrument& in : deps.instruments->all()) list.push_back(InstrumentJson(in));
  return JsonReply(200, Json{{"instruments", std::move(list)}});
}

Result<Reply> HandleCreateAssessment(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const AssessmentInput input, ParseInput(deps, ctx.body));
  const care::Instrument& in = *input.instrument;
  ASSIGN_OR_RETURN(const care::Score score, care::ScoreAnswers(in, input.answers, input.functional));
  const Principal& caller = ctx.caller();
  ASSIGN_OR_RETURN(const History history, ReadHistory(deps, caller.user.id, in.id));
  Json content = ScoreContent(score);
  ASSIGN_OR_RETURN(content["change"], ChangeJson(deps, caller, in, history.previous, score.total));
  ASSIGN_OR_RETURN(content["change_from_first"],
                   ChangeJson(deps, caller, in, history.first, score.total));
  ASSIGN_OR_RETURN(content["outcomes"], OutcomesJson(deps, caller, in, history, score.total));

  const UnixMillis now = deps.clock.NowMillis();
  store::SealedRecord r;
  r.id = NewId();
  r.user_id = caller.user.id;
  r.kind = in.id;
  r.sort_at = r.created_at = r.updated_at = now;
  // SAFE-020/021: PHQ-9 item 9 always reaches the safety layer, whatever the total.
  const safety::Assessment own =
      score.risk_item ? safety::AssessPhq9Item9(*score.risk_item) : safety::Assessment{};
  const WriteSafety ws = AssessWrite(deps, caller, own, store::Collection::kAssessments, r.id, now);
  KeepWithItem(ws.assessment, content, r);
  const std::string json =
      SealRecordJson(deps.vault, caller.data_key, kAssessmentTable, AssessmentClear, content, r);
  RETURN_IF_ERROR(Assessments(deps).Insert(r, AlertOf(ws)));  // SAFE-080: stored first
  Log(LogLevel::kInfo, "assessment.created",
      {{"user", LogId(r.user_id)}, {"assessment", LogId(r.id)}, {"instrument", LogId(in.id)},
       {"tier", r.risk_tier}});
  AfterCommit(deps, caller, ws);
  return RawJsonReply(201, "{\"assessment\":" + json + SafetyResponseMember(deps, caller, ws) + "}");
}

Result<AssessmentFilter> ParseAssessmentFilter(ApiDeps& deps, const RequestContext& ctx) {
  AssessmentFilter filter;
  ASSIGN_OR_RETURN(const std::int64_t limit, QueryInt(ctx, "limit", 1, 100, 20));
  filter.limit = static_cast<int>(limit);
  if (const auto it = ctx.request.query.find("instrument"); it != ctx.request.query.end() && !it->second.empty()) {
    ASSIGN_OR_RETURN(const care::Instrument* in, FindInstrument(deps, it->second));
    filter.instrument = in->id;
  }
  return filter;
}

Result<std::string> AssessmentListJson(ApiDeps& deps, const std::string& user_id,
                                       const crypto::SecretKey& key,
                                       const AssessmentFilter& filter) {
  const std::string& instrument = filter.instrument;
  store::ListQuery q;
  q.limit = instrument.empty() ? filter.limit : 0;
  ASSIGN_OR_RETURN(const auto rows, Assessments(deps).List(user_id, q));
  std::string out = "{\"assessments\":[";
  std::int64_t n = 0;
  for (const store::SealedRecord& r : rows) {
    if (!instrument.empty() && r.kind != instrument) continue;
    if (n == filter.limit) break;
    if (n++ > 0) out.push_back(',');
    RETURN_IF_ERROR(AppendAssessmentJson(deps.vault, key, r, out));
  }
  out += "]}";
  return out;
}

Result<Reply> HandleListAssessments(ApiDeps& deps, RequestContext& ctx) {
  ASSIGN_OR_RETURN(const AssessmentFilter filter, ParseAssessmentFilter(deps, ctx));
  ASSIGN_OR_RETURN(std::string out, AssessmentListJson(deps, ctx.caller().user.id,
                                                       ctx.caller().data_key, filter));
  return RawJsonReply(200, std::move(out));
}

}  // namespace interlude::api
