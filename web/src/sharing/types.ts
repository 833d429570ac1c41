// Shapes of the sharing, homework and access-log JSON (docs/api.md "Links and safety alerts"
// and "Clinician side": Sharing, Homework, Who looked at my data), as the client sees them.
import type { Entry, EntryBody } from '../types';

/** The share keys a client sets on a link, in the order the app shows them. */
export const SHARE_KEYS = ['mood', 'assessments', 'goals', 'safety_plan', 'conversations', 'entries', 'safety_alerts'] as const;
export type ShareKey = (typeof SHARE_KEYS)[number];
export type Share = Record<ShareKey, boolean>;

export function noShare(): Share {
  return Object.fromEntries(SHARE_KEYS.map((k) => [k, false])) as Share;
}

/** A link as the client sees it (the clinician is the other side). */
export interface ClientLink {
  id: string;
  clinician: { id: string; handle: string };
  share: Partial<Share>;
  created_at: string;
  updated_at: string;
}

/** An entry with the per-entry sharing flag (absent from servers that do not know it). */
export type SharedEntry = Entry & { shared?: boolean };
export type SharedEntryBody = EntryBody & { shared?: boolean };

export type AssignmentKind = 'exercise' | 'questionnaire' | 'prompt' | 'custom';

export interface Assignment {
  id: string;
  kind: AssignmentKind;
  ref: string | null;
  title: string | null;
  instructions: string | null;
  /** A date, e.g. 2026-12-05. */
  due: string;
  assigned_by: { id: string; handle: string } | null;
  created_at: string;
  done_at: string | null;
  note: string | null;
}

/** One read of the person's data by someone else. */
export interface Access {
  at: string;
  who: { id: string; handle: string; role: string };
  category: string;
  action: string;
}
