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
