// The timeline of what the client shares, newest first and grouped by day: mood check-ins,
// journal entries marked shared, questionnaires and safety alerts (with Acknowledge).
// Each item has an anchor (#tl-{kind}-{id}) that the brief's source links open: once the
// data is in, the page scrolls to that item and moves focus to it. A category the client
// does not share is listed at the top as not shared.
import { useState } from 'preact/hooks';
import { errorMessage } from '../api';
import { shortName } from '../care/instruments';
import { ErrorText, Status } from '../components/Status';
import { formatDateTime, formatDay, formatNumber, formatTime } from '../format';
import { t, type MessageKey } from '../i18n';
import type { Assessment, CheckIn, Entry } from '../types';
import { clinicianApi } from './api';
import { NotShared, reliableClass, reliableText, shareLabel, useLoad, useScrollToHash, type Load } from './shared';
import type { Alert, ClientHeader, ShareKey } from './types';

type Item =
  | { kind: 'checkin'; id: string; at: string; data: CheckIn }
  | { kind: 'entry'; id: string; at: string; data: Entry }
  | { kind: 'assessment'; id: string; at: string; data: Assessment }
  | { kind: 'alert'; id: string; at: string; data: Alert };

const anchor = (kind: string, id: string) => `tl-${kind}-${id}`;

/** The reason codes of an alert, as text (the API sends codes, never the client's words). */
export function alertReasons(a: Alert): string {
  return a.reasons.map((r) => (typeof r === 'string' ? r : r.code)).join(', ');
}

export function tierLabel(tier: string): string {
  const s = t(`clinician.tier.${tier}` as MessageKey);
  return s.startsWith('clinician.') ? tier : s;
}

/** Acknowledge button for an open alert; the acknowledgement time once done. */
export function AlertAck({ alert, onDone }: { alert: Alert; onDone: (a: Alert) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (alert.acknowledged_at) {
    return <p class="meta">{t('clinician.alert.acknowledged', { date: formatDateTime(alert.acknowledged_at) })}</p>;
  }
  const ack = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await clinicianApi.acknowledge(alert.id));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" class="button small" disabled={busy} onClick={ack}>
        {t('clinician.alert.acknowledge')}
        <span class="visually-hidden"> {t('clinician.alert.ackOf', { date: formatDateTime(alert.created_at) })}</span>
      </button>
      <ErrorText>{error}</ErrorText>
    </>
  );
}

function CheckinItem({ c }: { c: CheckIn }) {
  return (
    <>
      <h4>{t('clinician.timeline.checkin', { time: formatTime(c.at) })}</h4>
      <p>
        {t('clinician.timeline.valence', { label: t(`valence.${c.valence}` as MessageKey), value: c.valence })} ·{' '}
        {t('clinician.timeline.energy', { label: t(`energy.${c.energy}` as MessageKey), value: c.energy })}
      </p>
      {c.emotions.length > 0 && <p class="meta">{t('clinician.timeline.emotions', { list: c.emotions.join(', ') })}</p>}
      {c.tags.length > 0 && <p class="meta">{t('clinician.timeline.tags', { list: c.tags.join(', ') })}</p>}
      {c.note && <p class="quote">{c.note}</p>}
    </>
  );
}

/** A structured field's label as the client saw it (the gratitude list has none of its own). */
function fieldLabel(k: string): string {
  if (k === 'items') return t('kind.gratitude');
  const s = t(`field.${k}` as MessageKey, { n: '', max: '' });
  return s.startsWith('field.') ? k.replace(/_/g, ' ') : s;
}

function EntryItem({ e }: { e: Entry }) {
  const fields = Object.entries(e.fields ?? {}).filter(([, v]) => (typeof v === 'string' && v.trim()) || (Array.isArray(v) && v.length) || typeof v === 'number');
  return (
    <>
      <h4>
        {t('clinician.timeline.entry', { time: formatTime(e.created_at), kind: t(`kind.${e.kind}` as MessageKey) })}
        {e.title ? `: ${e.title}` : ''}
      </h4>
      {e.text && <p class="quote entry-text">{e.text}</p>}
      {fields.length > 0 && (
        <dl class="entry-fields">
          {fields.map(([k, v]) => (
            <div key={k}>
              <dt>{fieldLabel(k)}</dt>
              <dd>{Array.isArray(v) ? v.join('; ') : String(v)}</dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}

function AssessmentItem({ a }: { a: Assessment }) {
  const change = reliableText(a.change);
  return (
    <>
      <h4>{t('clinician.timeline.assessment', { time: formatTime(a.completed_at), name: shortName(a.instrument) })}</h4>
      <p>
        {t('clinician.timeline.score', { total: formatNumber(a.total), max: a.max_total, band: a.band.label })}
        {change && (
          <>
            {' — '}
            <span class={reliableClass(a.change)}>{change}</span>
          </>
        )}
      </p>
    </>
  );
}

function AlertItem({ a, onDone }: { a: Alert; onDone: (a: Alert) => void }) {
  return (
    <>
      <h4>{t('clinician.timeline.alert', { time: formatTime(a.created_at), tier: tierLabel(a.tier) })}</h4>
      <p class="meta">{t('clinician.alert.from', { source: t(`clinician.alert.source.${a.source}` as MessageKey), reasons: alertReasons(a) || '–' })}</p>
      <AlertAck alert={a} onDone={onDone} />
    </>
  );
}

const dayOf = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
};

export function TimelineView({ client }: { client: ClientHeader }) {
  const id = client.id;
  const [checkins] = useLoad(() => clinicianApi.checkins(id, { limit: 500 }), [id]);
  const [entries] = useLoad(() => clinicianApi.entries(id, { limit: 100 }).then((r) => r.entries), [id]);
  const [assessments] = useLoad(() => clinicianApi.assessments(id), [id]);
  const [alerts, , setAlerts] = useLoad(() => clinicianApi.clientAlerts(id), [id]);

  const loads: [ShareKey, Load<unknown>][] = [
    ['mood', checkins],
    ['entries', entries],
    ['assessments', assessments],
    ['safety_alerts', alerts],
  ];
  const done = loads.every(([, l]) => l.state !== 'loading');
  const items: Item[] = [
    ...(checkins.state === 'ok' ? checkins.data.map((c) => ({ kind: 'checkin' as const, id: c.id, at: c.at, data: c })) : []),
    ...(entries.state === 'ok' ? entries.data.map((e) => ({ kind: 'entry' as const, id: e.id, at: e.created_at, data: e })) : []),
    ...(assessments.state === 'ok' ? assessments.data.map((a) => ({ kind: 'assessment' as const, id: a.id, at: a.completed_at, data: a })) : []),
    ...(alerts.state === 'ok' ? alerts.data.map((a) => ({ kind: 'alert' as const, id: a.id, at: a.created_at, data: a })) : []),
  ].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));

  // Open at the item a brief's source link names, once everything has loaded.
  const missing = useScrollToHash(done);

  const replaceAlert = (a: Alert) => {
    if (alerts.state === 'ok') setAlerts(alerts.data.map((x) => (x.id === a.id ? { ...x, ...a } : x)));
  };

  const days: { key: string; items: Item[] }[] = [];
  for (const it of items) {
    const k = dayOf(it.at);
    if (days.length && days[days.length - 1].key === k) days[days.length - 1].items.push(it);
    else days.push({ key: k, items: [it] });
  }

  return (
    <section aria-labelledby="tl-title" data-testid="timeline">
      <h2 id="tl-title">{t('clinician.timeline.title')}</h2>
      <p class="hint">{t('clinician.timeline.intro')}</p>
      <ul class="plain category-states">
        {loads.map(([k, l]) =>
          l.state === 'not_shared' ? (
            <li key={k} data-testid={`tl-not-shared-${k}`}>
              <strong>{shareLabel(k, true)}:</strong> <NotShared category={k} />
            </li>
          ) : l.state === 'error' ? (
            <li key={k}>
              <strong>{shareLabel(k, true)}:</strong> <ErrorText>{l.message}</ErrorText>
            </li>
          ) : null,
        )}
      </ul>
      {loads.some(([, l]) => l.state === 'not_linked') && <p class="notice">{t('clinician.notLinked')}</p>}
      {!done && <p class="hint">{t('app.loading')}</p>}
      <Status>{missing ? t('clinician.timeline.missing') : null}</Status>
      {done && items.length === 0 && <p>{t('clinician.timeline.empty')}</p>}
      {days.map((d) => (
        <section key={d.key} class="day" aria-labelledby={`day-${d.key}`}>
          <h3 id={`day-${d.key}`}>{formatDay(d.items[0].at)}</h3>
          <ul class="timeline">
            {d.items.map((it) => (
              <li key={`${it.kind}-${it.id}`} id={anchor(it.kind, it.id)} tabIndex={-1} class={`tl-item tl-${it.kind}`} data-testid={`tl-${it.kind}`}>
                {it.kind === 'checkin' && <CheckinItem c={it.data} />}
                {it.kind === 'entry' && <EntryItem e={it.data} />}
                {it.kind === 'assessment' && <AssessmentItem a={it.data} />}
                {it.kind === 'alert' && <AlertItem a={it.data} onDone={replaceAlert} />}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
