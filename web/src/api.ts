// Thin fetch wrapper for /api/v1: same-origin cookie auth, JSON bodies, and errors turned
// into ApiError (server said no) or NetworkError (server not reached). A 401 outside the
// sign-in forms calls the handler set with onUnauthenticated (the app goes to sign-in).
import { t } from './i18n';
import type {
  Activity,
  ActivityCategory,
  ActivityPatch,
  Assessment,
  AssessmentBody,
  CheckIn,
  CheckInBody,
  Conversation,
  ConversationListItem,
  ChatMessage,
  Distortion,
  Entry,
  EntryBody,
  ErrorBody,
  Exercise,
  ExerciseFeedback,
  ExerciseSuggestion,
  Frequency,
  Insights,
  Instrument,
  InstrumentId,
  Reflection,
  ReflectionMode,
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
/** What a write answers: the record (as `entry`/`checkin`, or `item`), the safety response
 * when risk was found, and Interlude's reflection (null when off or nothing to reflect). */
interface WriteAnswer {
  entry?: Entry;
  checkin?: CheckIn;
  item?: Entry & CheckIn;
  safety?: Safety | null;
  reflection?: Reflection | null;
}
/** A reflection worth showing: at least one sentence with words in it. */
function normReflection(r: Reflection | null | undefined): Reflection | null {
  if (!r || !Array.isArray(r.sentences)) return null;
  const sentences = r.sentences.filter((s) => s && typeof s.text === 'string' && s.text.trim());
  return sentences.length ? { text: r.text ?? sentences.map((s) => s.text).join(' '), sentences } : null;
}
/** An entry, the safety response and the reflection a write carries. */
const one = (r: WriteAnswer) => ({
  entry: normEntry((r.entry ?? r.item)!),
  safety: r.safety ?? null,
  reflection: normReflection(r.reflection),
});
/** GET/PATCH /me: the reflections choice may come inside `user` or beside it. */
interface MeAnswer {
  user: User;
  reflections?: ReflectionMode;
}
const withReflections = (r: MeAnswer): { user: User } => ({
  user: r.user.reflections || !r.reflections ? r.user : { ...r.user, reflections: r.reflections },
});
export interface ReplyPair {
  message: ChatMessage;
  reply: ChatMessage;
}

export const api = {
  me: () => json<MeAnswer>('GET', '/me', undefined, { noAuthRedirect: true }).then(withReflections),
  anonymous: (country?: string) => json<{ user: User; recovery_code: string; token: string }>('POST', '/auth/anonymous', country ? { country } : {}),
  register: (email: string, password: string, country?: string) =>
    json<{ user: User }>('POST', '/auth/register', country ? { email, password, country } : { email, password }, { noAuthRedirect: true }),
  /** `totp`: a clinician's or admin's 6-digit code or recovery code (docs/api.md "Clinician side"). */
  login: (login: string, password: string, totp?: string) =>
    json<{ user: User }>('POST', '/auth/login', totp ? { login, password, totp } : { login, password }, { noAuthRedirect: true }),
  logout: () => json<void>('POST', '/auth/logout', undefined, { noAuthRedirect: true }),
  patchMe: (patch: { country?: string | null; reflections?: ReflectionMode }) => json<MeAnswer>('PATCH', '/me', patch).then(withReflections),
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
  getEntry: (id: string) => json<WriteAnswer>('GET', `/entries/${encodeURIComponent(id)}`).then(one),
  createEntry: (body: EntryBody) => json<WriteAnswer>('POST', '/entries', body).then(one),
  updateEntry: (id: string, body: EntryBody) => json<WriteAnswer>('PUT', `/entries/${encodeURIComponent(id)}`, body).then(one),
  deleteEntry: (id: string) => json<void>('DELETE', `/entries/${encodeURIComponent(id)}`),

  listCheckins: (params: { from?: string; to?: string; limit?: number } = {}) => {
    const q = new URLSearchParams();
    if (params.from) q.set('from', params.from);
    if (params.to) q.set('to', params.to);
    if (params.limit) q.set('limit', String(params.limit));
    const qs = q.toString();
    return json<{ checkins: CheckIn[] }>('GET', `/checkins${qs ? `?${qs}` : ''}`);
  },
  createCheckin: (body: CheckInBody) =>
    json<WriteAnswer>('POST', '/checkins', body).then((r) => ({
      checkin: (r.checkin ?? r.item)!,
      safety: r.safety ?? null,
      reflection: normReflection(r.reflection),
    })),
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
  // Mirror: the companion conversation, coping exercises, thinking traps, activities.
  conversations: () => json<{ items: ConversationListItem[] }>('GET', '/conversations'),
  createConversation: () => json<Conversation>('POST', '/conversations', {}),
  conversation: (id: string) => json<Conversation>('GET', `/conversations/${encodeURIComponent(id)}`),
  /** `hour` (the person's local hour) helps the companion pick an exercise for the moment. */
  sendMessage: (id: string, text: string) =>
    json<ReplyPair>('POST', `/conversations/${encodeURIComponent(id)}/messages`, { text, hour: new Date().getHours() }),
  patchConversation: (id: string, patch: { share_summary: boolean }) => json<Conversation>('PATCH', `/conversations/${encodeURIComponent(id)}`, patch),
  deleteConversation: (id: string) => json<void>('DELETE', `/conversations/${encodeURIComponent(id)}`),
  exercises: () => json<{ items: Exercise[] }>('GET', '/exercises', undefined, { noAuthRedirect: true }),
  exerciseSuggestions: () => json<{ items: ExerciseSuggestion[] }>('GET', `/exercises/suggestions?hour=${new Date().getHours()}&count=3`),
  exerciseFeedback: (id: string, helped: boolean, conversationId?: string) =>
    json<ExerciseFeedback>('POST', `/exercises/${encodeURIComponent(id)}/feedback`, conversationId ? { helped, conversation_id: conversationId } : { helped }),
  exerciseHistory: () => json<{ items: ExerciseFeedback[] }>('GET', '/exercises/history'),
  distortions: (text: string) => json<{ distortions: Distortion[] }>('POST', '/analysis/distortions', { text }),
  activities: () => json<{ items: Activity[] }>('GET', '/activities'),
  createActivity: (body: { title: string; planned_for: string; category: ActivityCategory }) => json<Activity>('POST', '/activities', body),
  patchActivity: (id: string, patch: ActivityPatch) => json<Activity>('PATCH', `/activities/${encodeURIComponent(id)}`, patch),
  deleteActivity: (id: string) => json<void>('DELETE', `/activities/${encodeURIComponent(id)}`),
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
