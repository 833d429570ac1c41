// Thin fetch wrapper for /api/v1: same-origin cookie auth, JSON bodies, and errors turned
// into ApiError (server said no) or NetworkError (server not reached). A 401 outside the
// sign-in forms calls the handler set with onUnauthenticated (the app goes to sign-in).
import { t } from './i18n';
import type {
  Assessment,
  AssessmentBody,
  CheckIn,
  CheckInBody,
  Entry,
  EntryBody,
  ErrorBody,
  Frequency,
  Insights,
  Instrument,
  InstrumentId,
  Resource,
  Safety,
  SafetyPlan,
  Schedule,
  ScreenerAnswers,
  ScreenerQuestion,
  Screening,
  User,
  Vocabulary,
} from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly requestId?: string,
    /** Seconds to wait, from Retry-After on a 429. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export class NetworkError extends Error {
  constructor() {
    super(t('error.network'));
  }
}

let unauthenticated: () => void = () => {};
export function onUnauthenticated(fn: () => void): void {
  unauthenticated = fn;
}

interface Options {
  /** Do not treat 401 as "session ended" (sign-in forms, session probe). */
  noAuthRedirect?: boolean;
}

/** Server messages may start lower-case and lack a full stop; show them as sentences. */
function asSentence(m: string): string {
  const s = m.trim();
  if (!s) return s;
  return s[0].toLocaleUpperCase() + s.slice(1) + (/[.!?…]$/.test(s) ? '' : '.');
}

/** "45 seconds", "3 minutes": a wait in words, rounded up to whole minutes past 90 s. */
export function waitText(secs: number): string {
  if (secs < 90) return t('time.seconds', { count: secs });
  return t('time.minutes', { count: Math.ceil(secs / 60) });
}

async function toError(res: Response): Promise<ApiError> {
  let body: ErrorBody | null = null;
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    body = null;
  }
  const e = body?.error;
  if (res.status === 429) {
    const secs = Math.max(1, Math.ceil(Number(res.headers.get('Retry-After') ?? '60') || 60));
    // Our own wording: the server's is written for programs, not for someone at 2 a.m.
    return new ApiError(429, e?.code ?? 'resource_exhausted', t('error.throttled', { wait: waitText(secs) }), e?.field, e?.request_id, secs);
  }
  if (e?.message) return new ApiError(res.status, e.code, asSentence(e.message), e.field, e.request_id);
  const fallback = res.status === 503 ? t('error.unavailable') : t('error.generic');
  return new ApiError(res.status, e?.code ?? 'internal', fallback);
}

export async function send(method: string, path: string, body?: unknown, opts: Options = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new NetworkError();
  }
  if (!res.ok) {
    const err = await toError(res);
    if (res.status === 401 && !opts.noAuthRedirect) unauthenticated();
    throw err;
  }
  return res;
}

async function json<T>(method: string, path: string, body?: unknown, opts?: Options): Promise<T> {
  const res = await send(method, path, body, opts);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** The server sends `title: null` when there is none; the app works with ''. */
function normEntry(e: Entry): Entry {
  return { ...e, title: e.title ?? '', text: e.text ?? '', fields: e.fields ?? {} };
}
/** An entry, and the safety response a write carries when risk was found. */
const one = (r: { entry: Entry; safety?: Safety }) => ({ entry: normEntry(r.entry), safety: r.safety ?? null });

export const api = {
  me: () => json<{ user: User }>('GET', '/me', undefined, { noAuthRedirect: true }),
  anonymous: (country?: string) => json<{ user: User; recovery_code: string; token: string }>('POST', '/auth/anonymous', country ? { country } : {}),
  register: (email: string, password: string, country?: string) =>
    json<{ user: User }>('POST', '/auth/register', country ? { email, password, country } : { email, password }, { noAuthRedirect: true }),
  login: (login: string, password: string) => json<{ user: User }>('POST', '/auth/login', { login, password }, { noAuthRedirect: true }),
  logout: () => json<void>('POST', '/auth/logout', undefined, { noAuthRedirect: true }),
  patchMe: (patch: { country?: string | null }) => json<{ user: User }>('PATCH', '/me', patch),
  changePassword: (current_password: string, new_password: string) =>
    json<void>('POST', '/me/password', { current_password, new_password }),
  newRecoveryCode: () => json<{ recovery_code: string }>('POST', '/me/recovery-code'),
  deleteMe: (password?: string) => json<void>('DELETE', '/me', password ? { password } : {}),
  exportData: () => send('GET', '/me/export'),

  listEntries: (before?: string | null, limit = 20) =>
    json<{ entries: Entry[]; next_before: string | null }>(
      'GET',
      `/entries?limit=${limit}${before ? `&before=${encodeURIComponent(before)}` : ''}`,
    ).then((r) => ({ entries: r.entries.map(normEntry), next_before: r.next_before ?? null })),
  getEntry: (id: string) => json<{ entry: Entry }>('GET', `/entries/${encodeURIComponent(id)}`).then(one),
  createEntry: (body: EntryBody) => json<{ entry: Entry; safety?: Safety }>('POST', '/entries', body).then(one),
  updateEntry: (id: string, body: EntryBody) =>
    json<{ entry: Entry; safety?: Safety }>('PUT', `/entries/${encodeURIComponent(id)}`, body).then(one),
  deleteEntry: (id: string) => json<void>('DELETE', `/entries/${encodeURIComponent(id)}`),

  listCheckins: (params: { from?: string; to?: string; limit?: number } = {}) => {
    const q = new URLSearchParams();
    if (params.from) q.set('from', params.from);
    if (params.to) q.set('to', params.to);
    if (params.limit) q.set('limit', String(params.limit));
    const qs = q.toString();
    return json<{ checkins: CheckIn[] }>('GET', `/checkins${qs ? `?${qs}` : ''}`);
  },
  createCheckin: (body: CheckInBody) => json<{ checkin: CheckIn; safety?: Safety }>('POST', '/checkins', body),
  vocabulary: () => json<Vocabulary>('GET', '/vocabulary'),

  // Safety: resources and screener questions are public (no session needed).
  safetyResources: (country: string | null) =>
    json<{ country: string | null; resources: Resource[] }>('GET', `/safety/resources${country ? `?country=${encodeURIComponent(country)}` : ''}`, undefined, {
      noAuthRedirect: true,
    }),
  screenerQuestions: () => json<{ questions: ScreenerQuestion[] }>('GET', '/safety/screener', undefined, { noAuthRedirect: true }),
  createScreening: (answers: ScreenerAnswers) => json<{ screening: Screening; safety: Safety }>('POST', '/screenings', { answers }),
  getSafetyPlan: () => json<{ plan: SafetyPlan }>('GET', '/safety-plan'),
  putSafetyPlan: (plan: Pick<SafetyPlan, 'steps' | 'reasons_for_living'>) =>
    json<{ plan: SafetyPlan }>('PUT', '/safety-plan', { steps: plan.steps, reasons_for_living: plan.reasons_for_living }),

  // Measurement-based care: the instruments are public; the rest is the person's own.
  instruments: () => json<{ instruments: Instrument[] }>('GET', '/instruments', undefined, { noAuthRedirect: true }),
  createAssessment: (body: AssessmentBody) =>
    json<{ assessment: Assessment; safety?: Safety }>('POST', '/assessments', body).then((r) => ({ assessment: r.assessment, safety: r.safety ?? null })),
  listAssessments: (params: { instrument?: InstrumentId; limit?: number } = {}) => {
    const q = new URLSearchParams();
    if (params.instrument) q.set('instrument', params.instrument);
    if (params.limit) q.set('limit', String(params.limit));
    const qs = q.toString();
    return json<{ assessments: Assessment[] }>('GET', `/assessments${qs ? `?${qs}` : ''}`);
  },
  schedule: () => json<Schedule>('GET', '/assessments/schedule'),
  putSchedule: (body: { instrument: InstrumentId; frequency: Frequency } | { next_session_at: string | null }) =>
    json<Schedule>('PUT', '/assessments/schedule', body),
  insights: (from: string, to: string) => json<Insights>('GET', `/insights?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
};

/** A message fit to show a person for any error thrown by the calls above. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError || e instanceof NetworkError) return e.message;
  return t('error.generic');
}

/** True when a save should stay queued and be retried later (not reached, server trouble,
 * throttled, or signed out) rather than shown as rejected. */
export function isTransient(e: unknown): boolean {
  return e instanceof NetworkError || (e instanceof ApiError && (e.status >= 500 || e.status === 429 || e.status === 401));
}
