// Questionnaires (/questionnaires): what is due now (from the person's schedule), how often
// each questionnaire comes round (a choice per questionnaire, and the date of the next
// session for "before each session"), every questionnaire to take at any time, and the
// history of past results per questionnaire.
import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../api';
import { byUsualOrder, isDue, shortName, useInstruments } from '../care/instruments';
import { toLocalInput } from '../care/dates';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { ErrorText, Status } from '../components/Status';
import { formatDateTime, formatLongDate, formatNumber } from '../format';
import { t, type MessageKey } from '../i18n';
import type { Assessment, Frequency, Instrument, InstrumentId, Schedule, ScheduleItem } from '../types';
import { FREQUENCIES } from '../types';

function stateText(s: ScheduleItem, hasSession = false): string {
  if (s.state === 'off' || s.frequency === 'off') return t('care.state.off');
  if (s.state === 'due') return t('care.state.due');
  if (s.state === 'overdue') return s.due_at ? t('care.state.overdue', { date: formatLongDate(s.due_at) }) : t('care.state.due');
  if (s.due_at) return t('care.state.upcoming', { date: formatLongDate(s.due_at) });
  return s.frequency === 'before_session' && !hasSession ? t('care.state.noSession') : t('care.state.notYet');
}

function DueList({ schedule, instruments }: { schedule: ScheduleItem[]; instruments: Instrument[] }) {
  const due = byUsualOrder(schedule.filter(isDue));
  return (
    <section class="card" aria-labelledby="due-title">
      <h2 id="due-title">{t('care.index.dueTitle')}</h2>
      {due.length === 0 ? (
        <p>{t('care.index.nothingDue')}</p>
      ) : (
        <>
          <p class="hint">{t('care.index.dueIntro')}</p>
          <ul class="care-list">
            {due.map((s) => {
              const inst = instruments.find((i) => i.id === s.instrument);
              return (
                <li key={s.instrument} class="care-item">
                  <p>
                    <Link href={`/questionnaires/${s.instrument}`}>{t('care.index.take', { name: shortName(s.instrument) })}</Link>
                    {inst && inst.name !== shortName(inst.id) && <span class="meta"> · {inst.name}</span>}
                  </p>
                  <p class="meta">{stateText(s)}</p>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

function ScheduleForm({ data, onChange }: { data: Schedule; onChange: (s: Schedule) => void }) {
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [session, setSession] = useState(() => toLocalInput(data.next_session_at));
  const usesSessions = data.schedule.some((s) => s.frequency === 'before_session');

  const save = async (body: Parameters<typeof api.putSchedule>[0], done: string) => {
    setStatus(t('care.schedule.saving'));
    setError(null);
    try {
      onChange(await api.putSchedule(body));
      setStatus(done);
    } catch (e) {
      setStatus(null);
      setError(errorMessage(e));
    }
  };

  const saveSession = (e: Event) => {
    e.preventDefault();
    const when = session ? new Date(session) : null;
    if (when && Number.isNaN(when.getTime())) {
      setError(t('care.schedule.badDate'));
      return;
    }
    void save({ next_session_at: when ? when.toISOString() : null }, t('care.schedule.sessionSaved'));
  };

  return (
    <section class="card" aria-labelledby="schedule-title">
      <h2 id="schedule-title">{t('care.schedule.title')}</h2>
      <p class="hint">{t('care.schedule.intro')}</p>
      <ul class="care-list schedule-list">
        {byUsualOrder(data.schedule).map((s) => (
          <li key={s.instrument} class="care-item schedule-row">
            <label for={`freq-${s.instrument}`}>{t('care.schedule.how', { name: shortName(s.instrument) })}</label>
            <select
              id={`freq-${s.instrument}`}
              value={s.frequency}
              onChange={(e) =>
                void save(
                  { instrument: s.instrument, frequency: (e.currentTarget as HTMLSelectElement).value as Frequency },
                  t('care.schedule.saved', { name: shortName(s.instrument) }),
                )
              }
            >
              {FREQUENCIES.map((f) => (
                <option key={f} value={f}>
                  {t(`care.freq.${f}` as MessageKey)}
                </option>
              ))}
            </select>
            <p class="meta">
              {stateText(s, !!data.next_session_at)}
              {s.last_completed_at && <> · {t('care.schedule.last', { date: formatLongDate(s.last_completed_at) })}</>}
            </p>
          </li>
        ))}
      </ul>
      <form class="session-form" onSubmit={saveSession}>
        <label for="next-session">{t('care.schedule.session')}</label>
        <p class="hint" id="next-session-hint">
          {usesSessions ? t('care.schedule.sessionHintUsed') : t('care.schedule.sessionHint')}
        </p>
        <div class="session-row">
          <input id="next-session" type="datetime-local" value={session} aria-describedby="next-session-hint" onInput={(e) => setSession((e.currentTarget as HTMLInputElement).value)} />
          <button type="submit" class="button">
            {t('care.schedule.sessionSave')}
          </button>
        </div>
        {data.next_session_at && <p class="meta">{t('care.schedule.sessionAt', { date: formatDateTime(data.next_session_at) })}</p>}
      </form>
      <Status>{status}</Status>
      <ErrorText>{error}</ErrorText>
    </section>
  );
}

function History({ instruments, assessments }: { instruments: Instrument[]; assessments: Assessment[] }) {
  const by = new Map<InstrumentId, Assessment[]>();
  for (const a of assessments) by.set(a.instrument, [...(by.get(a.instrument) ?? []), a]);
  const shown = byUsualOrder(instruments).filter((i) => by.has(i.id));
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('care.history.title')}</h2>
      {shown.length === 0 && <p>{t('care.history.empty')}</p>}
      {shown.map((inst) => (
        <section key={inst.id} class="card" aria-labelledby={`hist-${inst.id}`}>
          <h3 id={`hist-${inst.id}`}>{inst.name}</h3>
          <ul class="care-list">
            {by.get(inst.id)!.map((a) => (
              <li key={a.id} class="care-item" data-testid="history-item">
                <p>
                  <time dateTime={a.completed_at}>{formatLongDate(a.completed_at)}</time> ·{' '}
                  {t('care.history.score', { total: formatNumber(a.total), max: a.max_total, band: a.band.label })}
                  {typeof a.percentage === 'number' && <> · {t('care.history.percentage', { pct: formatNumber(a.percentage, 0) })}</>}
                </p>
                {a.change && <p class="meta">{a.change.explanation}</p>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

export function Questionnaires() {
  const [instruments, loadError, retry] = useInstruments();
  const [schedule, setSchedule] = useState<Schedule | null>(null);
  const [assessments, setAssessments] = useState<Assessment[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.schedule().then(setSchedule, (e) => setError(errorMessage(e)));
    api.listAssessments({ limit: 100 }).then(
      (r) => setAssessments(r.assessments),
      (e) => setError(errorMessage(e)),
    );
  }, []);

  const loading = (!instruments && !loadError) || (!error && (!schedule || !assessments));
  return (
    <Page title={t('care.index.title')}>
      <p class="lead">{t('care.index.intro')}</p>
      <Status>{loading ? t('app.loading') : null}</Status>
      <ErrorText>{error ?? (loadError !== null ? errorMessage(loadError) : null)}</ErrorText>
      {loadError !== null && (
        <button type="button" class="button small" onClick={retry}>
          {t('care.q.retryLoad')}
        </button>
      )}
      {instruments && schedule && <DueList schedule={schedule.schedule} instruments={instruments} />}
      {instruments && (
        <section class="card" aria-labelledby="all-title">
          <h2 id="all-title">{t('care.index.allTitle')}</h2>
          <p class="hint">{t('care.index.allIntro')}</p>
          <ul class="care-list">
            {byUsualOrder(instruments).map((i) => (
              <li key={i.id} class="care-item">
                <p>
                  <Link href={`/questionnaires/${i.id}`}>{i.name}</Link>
                </p>
                <p class="meta">{t(`care.about.${i.id}` as MessageKey)}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {schedule && <ScheduleForm data={schedule} onChange={setSchedule} />}
      {instruments && assessments && <History instruments={instruments} assessments={assessments} />}
    </Page>
  );
}
