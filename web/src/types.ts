// Shapes of the JSON the server sends and accepts (see docs/api.md).

export interface User {
  id: string;
  handle: string;
  role: string;
  country: string | null;
  created_at: string;
  email: string | null;
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
