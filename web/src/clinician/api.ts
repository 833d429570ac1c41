// Calls of the clinician side and the clinic admin (docs/api.md "Clinician side"), on the
// app's fetch wrapper: a 401 (the clinician's 15 idle minutes are up) goes to sign-in like
// any other request; a 403 on a client's category means the client does not share it.
import { ApiError, send } from '../api';
import type { Assessment, CheckIn, Entry, Insights } from '../types';
import type {
  Alert,
  Assignment,
  AssignmentBody,
  Brief,
  CaseloadRow,
  ClientHeader,
  ClinicalSession,
  ClinicianAccount,
  ImportResult,
  Invitation,
  NewClinician,
  NoteDraft,
  NoteFormat,
  StaffEnrolment,
} from './types';

async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await send(method, path, body);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

const c = (id: string) => `/clinician/clients/${encodeURIComponent(id)}`;

function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** True when the API refused a read because the client does not share that category. */
export function isNotShared(e: unknown): boolean {
  return e instanceof ApiError && e.status === 403;
}

/** True when the client is not (or no longer) linked to this clinician, or does not exist. */
export function isNotLinked(e: unknown): boolean {
  return e instanceof ApiError && e.status === 404;
}

export const clinicianApi = {
  invite: () => json<Invitation>('POST', '/clinician/invitations', {}),
  caseload: () => json<{ clients: CaseloadRow[] }>('GET', '/clinician/clients').then((r) => r.clients),
  alerts: (status: 'open' | 'all' = 'open') => json<{ alerts: Alert[] }>('GET', `/clinician/alerts${query({ status, limit: 100 })}`).then((r) => r.alerts),
  acknowledge: (id: string) => json<{ alert: Alert }>('POST', `/clinician/alerts/${encodeURIComponent(id)}/acknowledge`, {}).then((r) => r.alert),

  client: (id: string) => json<{ client: ClientHeader }>('GET', c(id)).then((r) => r.client),
  checkins: (id: string, p: { from?: string; to?: string; limit?: number } = {}) =>
    json<{ checkins: CheckIn[] }>('GET', `${c(id)}/checkins${query(p)}`).then((r) => r.checkins),
  insights: (id: string, from: string, to: string) => json<Insights>('GET', `${c(id)}/insights${query({ from, to })}`),
  entries: (id: string, p: { limit?: number; before?: string | null } = {}) =>
    json<{ entries: (Entry & { shared?: boolean })[]; next_before: string | null }>('GET', `${c(id)}/entries${query(p)}`),
  assessments: (id: string) => json<{ assessments: Assessment[] }>('GET', `${c(id)}/assessments`).then((r) => r.assessments),
  clientAlerts: (id: string) => json<{ alerts: Alert[] }>('GET', `${c(id)}/alerts`).then((r) => r.alerts),

  brief: (id: string, session?: string | null) => json<{ brief: Brief }>('GET', `${c(id)}/brief${query({ session })}`).then((r) => r.brief),
  sessions: (id: string) => json<{ sessions: ClinicalSession[] }>('GET', `${c(id)}/sessions`).then((r) => r.sessions),
  addSession: (id: string, at: string) => json<{ session: ClinicalSession }>('POST', `${c(id)}/sessions`, { at }).then((r) => r.session),
  importSessions: (id: string, ics: string) => json<ImportResult>('POST', `${c(id)}/sessions/import`, { ics }),
  deleteSession: (id: string, sid: string) => json<void>('DELETE', `${c(id)}/sessions/${encodeURIComponent(sid)}`),
  note: (id: string, sid: string, format: NoteFormat) =>
    json<{ note: NoteDraft }>('GET', `${c(id)}/sessions/${encodeURIComponent(sid)}/note${query({ format })}`).then((r) => r.note),

  assignments: (id: string) => json<{ assignments: Assignment[] }>('GET', `${c(id)}/assignments`).then((r) => r.assignments),
  assign: (id: string, body: AssignmentBody) => json<{ assignment: Assignment }>('POST', `${c(id)}/assignments`, body).then((r) => r.assignment),
  unassign: (id: string, aid: string) => json<void>('DELETE', `${c(id)}/assignments/${encodeURIComponent(aid)}`),

  newRecoveryCodes: (password: string) => json<{ recovery_codes: string[] }>('POST', '/me/two-factor/recovery-codes', { password }).then((r) => r.recovery_codes),

  clinicians: () => json<{ clinicians: ClinicianAccount[] }>('GET', '/admin/clinicians').then((r) => r.clinicians),
  createClinician: (email: string) => json<NewClinician>('POST', '/admin/clinicians', { email }),
  /** Public: a new clinician's own set-up with the code from their admin. No session, so a
   * 401 (a wrong, used or expired code) stays on the page instead of going to sign-in. */
  setup: async (login: string, code: string, password: string) =>
    (await (await send('POST', '/auth/setup', { login, code, password }, { noAuthRedirect: true })).json()) as StaffEnrolment,
};
