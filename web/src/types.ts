// Shapes of the JSON the server sends and accepts (see docs/api.md).

export interface User {
  id: string;
  handle: string;
  role: string;
  country: string | null;
  created_at: string;
  email: string | null;
  /** Reflections after writing (absent from older servers: treated as "on"). */
  reflections?: 'on' | 'off' | 'just_listen' | 'help_me_think';
}

export type EntryKind = 'free' | 'gratitude' | 'thought_record' | 'session_prep' | 'after_session';
export const ENTRY_KINDS: EntryKind[] = ['free', 'gratitude', 'thought_record', 'session_prep', 'after_session'];

/** Structured fields; strings unless noted. Only the kind's own fields are sent. */
export interface EntryFields {
  items?: string[];
  situation?: string;
  automatic_thought?: string;
  evidence_for?: string;
  evidence_against?: string;
  balanced_thought?: string;
  mood_before?: number;
  mood_after?: number;
  want_to_discuss?: string;
  since_last_session?: string;
  questions?: string;
  takeaways?: string;
  homework?: string;
  feelings?: string;
}

export type TextFieldName = Exclude<keyof EntryFields, 'items' | 'mood_before' | 'mood_after'>;

export const KIND_FIELDS: Record<EntryKind, (keyof EntryFields)[]> = {
  free: [],
  gratitude: ['items'],
  thought_record: ['situation', 'automatic_thought', 'evidence_for', 'evidence_against', 'balanced_thought', 'mood_before', 'mood_after'],
  session_prep: ['want_to_discuss', 'since_last_session', 'questions'],
  after_session: ['takeaways', 'homework', 'feelings'],
};

/** As the app holds it: api.ts turns the server's null title/text into ''. */
export interface Entry {
  id: string;
  kind: EntryKind;
  title: string;
  text: string;
  fields: EntryFields;
  created_at: string;
  updated_at: string;
}

export interface EntryBody {
  text: string;
  title?: string;
  kind: EntryKind;
  fields: EntryFields;
}

export interface CheckIn {
  id: string;
  at: string;
  tz_offset_min: number;
  valence: number;
  energy: number;
  emotions: string[];
  tags: string[];
  sleep_hours?: number | null;
  note?: string | null;
  created_at: string;
}

export interface CheckInBody {
  /** When it was felt (ISO time); the server's default is now. */
  at?: string;
  valence: number;
  energy: number;
  emotions: string[];
  tags: string[];
  tz_offset_min: number;
  sleep_hours?: number;
  note?: string;
}

export interface VocabularyEmotion {
  word: string;
  pleasant: boolean;
  energy: 'high' | 'low';
}

export interface Vocabulary {
  emotions: VocabularyEmotion[];
  tags: string[];
}

export interface ErrorBody {
  error: { code: string; message: string; field?: string; request_id?: string };
}

// --- Safety layer (docs/api.md "Safety") ---

export type SafetyTier = 'none' | 'low' | 'moderate' | 'high';

export type ResourceKind = 'emergency' | 'crisis' | 'text' | 'abuse' | 'helping_others' | 'directory';

/** A crisis or support line, as the server lists it for a country. */
export interface Resource {
  kind: ResourceKind;
  name: string;
  phone?: string;
  sms?: string;
  sms_keyword?: string;
  url?: string;
  hours?: string;
  note?: string;
}

export type SafetyAction =
  | 'call_emergency'
  | 'crisis_lines'
  | 'safety_plan'
  | 'screener'
  | 'resources'
  | 'helping_others'
  | 'abuse_support'
  | 'check_in';

/** The safety response a write (or a screening) may carry. Reason codes are for clinicians
 * and logs; the app never lists them to the person. */
export interface Safety {
  tier: SafetyTier;
  reasons: { rule: string; code: string }[];
  message: string;
  resources: Resource[];
  actions: SafetyAction[];
  country: string;
  clinician_alerted: boolean;
}

export interface ScreenerQuestion {
  id: string;
  text: string;
  time_frame: 'past_month' | 'ever' | 'past_3_months';
}

export type ScreenerAnswers = Record<string, boolean>;

export interface Screening {
  id: string;
  created_at: string;
  answers: ScreenerAnswers;
  tier: SafetyTier;
}

export const PLAN_STEPS = ['warning_signs', 'coping_strategies', 'distraction', 'people_to_ask', 'professionals', 'making_safe'] as const;
export type PlanStep = (typeof PLAN_STEPS)[number];

export interface SafetyPlan {
  steps: Record<PlanStep, string[]>;
  reasons_for_living: string[];
  updated_at: string | null;
}

// --- Measurement-based care (docs/api.md "Questionnaires") ---

export type InstrumentId = 'phq9' | 'phq2' | 'gad7' | 'gad2' | 'who5';
export const INSTRUMENT_IDS: InstrumentId[] = ['phq9', 'gad7', 'phq2', 'gad2', 'who5'];

export interface AnswerOption {
  value: number;
  label: string;
}

export interface Band {
  min: number;
  max: number;
  id: string;
  label: string;
}

export interface Instrument {
  id: InstrumentId;
  name: string;
  time_frame: string;
  items: { id: string; text: string }[];
  options: AnswerOption[];
  functional_item?: { id: string; text: string; options: AnswerOption[] } | null;
  max_total: number;
  bands: Band[];
  licence_note?: string | null;
  direction?: 'lower_is_better' | 'higher_is_better';
}

export interface AssessmentChange {
  previous_total: number;
  delta: number;
  rci: number;
  reliable: 'improvement' | 'deterioration' | 'none';
  classification: string;
  explanation: string;
}

export interface Assessment {
  id: string;
  instrument: InstrumentId;
  completed_at: string;
  answers: number[];
  functional?: number | null;
  total: number;
  max_total: number;
  band: { id: string; label: string };
  percentage?: number | null;
  item9?: number | null;
  flags: string[];
  follow_up: InstrumentId | null;
  change: AssessmentChange | null;
  /** Against the first of this instrument (the baseline): gradual change no single step shows. */
  change_from_first?: AssessmentChange | null;
  outcomes: ({ explanation?: string } & Record<string, unknown>) | null;
}

export interface AssessmentBody {
  instrument: InstrumentId;
  answers: number[];
  functional?: number;
}

export type Frequency = 'weekly' | 'fortnightly' | 'monthly' | 'before_session' | 'off';
export const FREQUENCIES: Frequency[] = ['weekly', 'fortnightly', 'monthly', 'before_session', 'off'];
export type DueState = 'due' | 'overdue' | 'upcoming' | 'off';

export interface ScheduleItem {
  instrument: InstrumentId;
  frequency: Frequency;
  last_completed_at: string | null;
  due_at: string | null;
  state: DueState;
}

export interface Schedule {
  schedule: ScheduleItem[];
  next_session_at: string | null;
}

// --- Insights (docs/api.md "Insights") ---

export interface Reading {
  status: 'ok' | 'insufficient' | string;
  reading: string;
}

export interface InsightTag {
  tag: string;
  direction: 'better' | 'worse';
  days_with: number;
  days_without: number;
  mean_with: number;
  mean_without: number;
  effect_size: number;
  p_value: number;
  reading: string;
}

export interface Insights {
  from: string;
  to: string;
  days: { date: string; mean_valence: number | null; mean_energy: number | null; count: number }[];
  averages: { d7: { date: string; value: number | null }[]; d28: { date: string; value: number | null }[]; reading?: string };
  trend: Reading & { slope_per_week?: number; p_value?: number; direction?: string };
  variability: Reading & { sd?: number; mssd?: number; rmssd?: number; n?: number };
  weekday: { day: string; mean: number | null; n: number }[];
  weekday_reading?: string;
  time_of_day: { bucket: string; mean: number | null; n: number }[];
  time_of_day_reading?: string;
  heatmap: { day: string; bucket: string; mean: number | null; n: number }[];
  heatmap_reading?: string;
  tags: InsightTag[];
  tags_caveat?: string;
  tags_reading?: string;
  sustained_drop: Reading & { active?: boolean; since?: string | null; drop?: number; as_of?: string };
  rumination: { theme: string; entries: number; from: string; to: string; reading: string; suggestion?: string }[];
  counts: { checkins: number; entries: number; days_with_checkins?: number };
}

// --- Mirror: reflections, the companion, coping exercises (docs/api.md "Mirror") ---

/** The motivational-interviewing act a sentence performs. */
export type Act =
  | 'simple_reflection'
  | 'complex_reflection'
  | 'affirmation'
  | 'question'
  | 'invitation'
  | 'summary'
  | 'information';

export interface ReplySentence {
  text: string;
  act: Act;
}

/** What Interlude says back after an entry or a check-in note. */
export interface Reflection {
  text: string;
  sentences: ReplySentence[];
}

export type ReflectionMode = 'on' | 'off' | 'just_listen' | 'help_me_think';
export const REFLECTION_MODES: ReflectionMode[] = ['on', 'just_listen', 'help_me_think', 'off'];

export interface ExerciseOffer {
  id: string;
  title: string;
  reason: string;
}

export interface ChatMessage {
  role: 'user' | 'companion';
  text: string;
  at: string;
  sentences?: ReplySentence[];
  exercise?: ExerciseOffer | null;
  safety?: Safety | null;
}

export interface Conversation {
  id: string;
  created_at: string;
  updated_at: string;
  share_summary: boolean;
  summary: string;
  messages: ChatMessage[];
}

export interface ConversationListItem {
  id: string;
  created_at: string;
  updated_at: string;
  /** How many messages it holds. */
  messages: number;
  summary: string;
}

export type ExerciseKind = 'breathing' | 'grounding' | 'thought_record' | 'activity_planner' | 'steps';
export const EXERCISE_KINDS: ExerciseKind[] = ['breathing', 'grounding', 'thought_record', 'activity_planner', 'steps'];

export interface Exercise {
  id: string;
  title: string;
  summary: string;
  steps: string[];
  minutes: number;
  evidence: string;
  source: string;
  kind: ExerciseKind;
  emotions: string[];
  themes: string[];
  times: string[];
  cautions: string[];
  for_crisis: boolean;
  /** Breathing only: the pace, in seconds (0 or absent: 4 in, 6 out). */
  inhale_seconds?: number;
  exhale_seconds?: number;
}

export interface ExerciseSuggestion {
  id: string;
  title: string;
  kind: ExerciseKind;
  minutes: number;
  reasons: string[];
}

export interface ExerciseFeedback {
  id: string;
  exercise_id: string;
  helped: boolean;
  at: string;
}

export type DistortionType =
  | 'all_or_nothing'
  | 'overgeneralization'
  | 'mental_filter'
  | 'discounting_positive'
  | 'mind_reading'
  | 'fortune_telling'
  | 'catastrophizing'
  | 'magnification'
  | 'emotional_reasoning'
  | 'should_statements'
  | 'labeling'
  | 'personalization'
  | 'blaming';

export interface Distortion {
  type: DistortionType | string;
  evidence?: { start: number; end: number; text: string };
}

export type ActivityCategory = 'pleasure' | 'mastery' | 'values';
export const ACTIVITY_CATEGORIES: ActivityCategory[] = ['pleasure', 'mastery', 'values'];

export interface Activity {
  id: string;
  title: string;
  planned_for: string;
  category: ActivityCategory;
  done: boolean;
  mood_before: number | null;
  mood_after: number | null;
  created_at: string;
  updated_at: string;
}

export interface ActivityPatch {
  done?: boolean;
  mood_before?: number;
  mood_after?: number;
  title?: string;
  planned_for?: string;
  category?: ActivityCategory;
}
