// Shapes of the JSON of the clinician side (docs/api.md "Clinician side"): caseload rows,
// a client's header, alerts, therapy sessions, the pre-session brief, note drafts,
// homework, invitations and the clinic admin's clinicians.
import type { InstrumentId } from '../types';

export const SHARE_KEYS = ['mood', 'assessments', 'goals', 'safety_plan', 'conversations', 'entries', 'safety_alerts'] as const;
export type ShareKey = (typeof SHARE_KEYS)[number];
export type Share = Partial<Record<ShareKey, boolean>>;

export interface Person {
  id: string;
  handle: string;
}

export type NeedCode = 'open_alert' | 'reliable_deterioration' | 'overdue_questionnaire' | 'falling_mood' | 'no_activity';

export interface ReliableChange {
  previous_total?: number;
  delta?: number;
  rci?: number;
  reliable: 'improvement' | 'deterioration' | 'none';
  classification?: string;
  explanation?: string;
}

export interface LatestScore {
  instrument: InstrumentId | string;
  score: number;
  severity: string | { id: string; label: string } | null;
  at: string;
  /** The server may send the change object or just its verdict. */
  reliable_change: ReliableChange | ReliableChange['reliable'] | null;
}

export interface CaseloadRow {
  client: Person;
  linked_at: string;
  share: Share;
  need: { score: number; reasons: { code: NeedCode | string; text: string }[] };
  open_alerts: number | null;
  last_activity_at: string | null;
  sparkline: (number | null)[] | null;
  latest: LatestScore[] | null;
  next_session_at: string | null;
}

export interface ClientHeader {
  id: string;
  handle: string;
  linked_at: string;
  share: Share;
}

export interface Alert {
  id: string;
  client: Person;
  source: 'entry' | 'checkin' | 'screening' | 'assessment' | string;
  item_id: string;
  tier: 'low' | 'moderate' | 'high' | string;
  reasons: (string | { rule?: string; code: string })[];
  created_at: string;
  acknowledged_at: string | null;
  acknowledged_by: Person | string | null;
}

export interface ClinicalSession {
  id: string;
  at: string;
  source: 'manual' | 'ics' | string;
}

export interface ImportResult {
  imported: number;
  /** How many were skipped; the server may list them ({uid, line, reason}) instead. */
  skipped: number | { uid: string | null; line: number; reason: string }[];
  sessions: ClinicalSession[];
}

export type SourceKind = 'checkin' | 'entry' | 'assessment' | 'alert' | 'assignment';

export interface Source {
  kind: SourceKind | string;
  id: string;
  at?: string | null;
}

export interface Statement {
  text: string;
  sources: Source[];
}

export interface BriefSection {
  id: 'mood' | 'scores' | 'themes' | 'entries' | 'risk' | 'homework' | 'agenda' | string;
  title: string;
  shared: boolean;
  statements: Statement[];
}

export interface Brief {
  client: Person;
  period: { from: string; to: string };
  session: ClinicalSession | null;
  sections: BriefSection[];
}

export type NoteFormat = 'soap' | 'dap';

export interface NoteDraft {
  format: NoteFormat;
  draft: true;
  sections: { name: string; lines: Statement[] }[];
  text: string;
}

export type AssignmentKind = 'exercise' | 'questionnaire' | 'prompt' | 'custom';
export const ASSIGNMENT_KINDS: AssignmentKind[] = ['exercise', 'questionnaire', 'prompt', 'custom'];

export interface Assignment {
  id: string;
  kind: AssignmentKind;
  ref: string | null;
  title: string | null;
  instructions: string | null;
  due: string;
  assigned_by: Person | null;
  created_at: string;
  done_at: string | null;
  note: string | null;
}

export interface AssignmentBody {
  kind: AssignmentKind;
  ref?: string;
  title?: string;
  instructions?: string;
  due: string;
}

export interface Invitation {
  code: string;
  expires_at: string;
}

export interface ClinicianAccount {
  id: string;
  handle: string;
  email: string | null;
  created_at: string;
  disabled: boolean;
}

export interface NewClinician {
  user: { id: string; handle: string; email?: string | null; role?: string };
  /** One-time code the clinician uses at /setup; the admin never sees their credentials. */
  setup_code: string;
  setup_expires_at: string;
}

/** What POST /auth/setup answers: the clinician's own authenticator enrolment, shown once. */
export interface StaffEnrolment {
  otpauth_uri: string;
  secret: string;
  recovery_codes: string[];
}
