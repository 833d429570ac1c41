// Small pieces the clinician pages share: a loader hook that tells "not shared by the
// client" (403) and "not linked" (404) apart from other failures, the notes shown for
// them, a copy-to-clipboard button, the mood sparkline, labels for reliable change, and
// a lazily drawn uPlot chart (the Insights page's chart code).
import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../api';
import { shortName } from '../care/instruments';
import { formatNumber } from '../format';
import { currentLocale, t, type MessageKey } from '../i18n';
import { ErrorText } from '../components/Status';
export { LazyChart, TableAlt } from '../components/ChartParts';
import { isNotLinked, isNotShared } from './api';
import { SPARK_H, SPARK_W, sparkGeometry, summarise } from './sparkline';
import type { LatestScore, ReliableChange, ShareKey } from './types';

export type Load<T> =
  | { state: 'loading' }
  | { state: 'ok'; data: T }
  | { state: 'not_shared' }
  | { state: 'not_linked' }
  | { state: 'error'; message: string };

/** Runs `fn` when `deps` change; `reload()` runs it again. */
export function useLoad<T>(fn: () => Promise<T>, deps: unknown[]): [Load<T>, () => void, (d: T) => void] {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const [tries, setTries] = useState(0);
  useEffect(() => {
    let live = true;
    fn().then(
      (data) => live && setLoad({ state: 'ok', data }),
      (e) => {
        if (!live) return;
        if (isNotShared(e)) setLoad({ state: 'not_shared' });
        else if (isNotLinked(e)) setLoad({ state: 'not_linked' });
        else setLoad({ state: 'error', message: errorMessage(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [...deps, tries]);
  return [load, () => setTries((n) => n + 1), (data: T) => setLoad({ state: 'ok', data })];
}

/** What a category the client keeps to themselves shows instead of data. */
export function NotShared({ category }: { category?: ShareKey }) {
  return (
    <p class="not-shared" data-testid={category ? `not-shared-${category}` : 'not-shared'}>
      {t('clinician.notShared')}
    </p>
  );
}

/** Loading, not shared, not linked or failed: the note to show; null once loaded. */
export function LoadNote<T>({ load, category, what }: { load: Load<T>; category?: ShareKey; what?: string }) {
  if (load.state === 'loading') return <p class="hint">{what ?? t('app.loading')}</p>;
  if (load.state === 'not_shared') return <NotShared category={category} />;
  if (load.state === 'not_linked') return <p class="notice">{t('clinician.notLinked')}</p>;
  if (load.state === 'error') return <ErrorText>{load.message}</ErrorText>;
  return null;
}

/** A shared category in words ("mood check-ins"); `capital`: as a label ("Mood check-ins"). */
export function shareLabel(k: ShareKey, capital = false): string {
  const s = t(`clinician.share.${k}` as MessageKey);
  return capital ? s.charAt(0).toLocaleUpperCase() + s.slice(1) : s;
}

/** "3.1": a 1-7 mean with one decimal. */
export function mean1(v: number): string {
  return new Intl.NumberFormat(currentLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
}

const signed = (v: number) => new Intl.NumberFormat(currentLocale(), { signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(v);

function reliableOf(c: LatestScore['reliable_change'] | ReliableChange | null | undefined): ReliableChange | null {
  if (!c) return null;
  return typeof c === 'string' ? { reliable: c } : c;
}

/** "Reliable worsening (+6)" or, with no delta known, "Reliable worsening". */
export function reliableText(c: LatestScore['reliable_change'] | ReliableChange | null | undefined): string | null {
  const r = reliableOf(c);
  if (!r || !['improvement', 'deterioration', 'none'].includes(r.reliable)) return null;
  if (typeof r.delta === 'number') return t(`insights.reliable.${r.reliable}` as MessageKey, { delta: signed(r.delta) });
  return t(`clinician.reliable.${r.reliable}` as MessageKey);
}

export function reliableClass(c: LatestScore['reliable_change'] | ReliableChange | null | undefined): string {
  const r = reliableOf(c);
  return r ? `change change-${r.reliable}` : 'change';
}

/** "PHQ-9 14 (Moderate)": one latest score in words; `bandLabel` names a band id. */
export function scoreText(s: LatestScore, bandLabel: (instrument: string, id: string) => string | undefined = () => undefined): string {
  const sev =
    typeof s.severity === 'string' ? bandLabel(String(s.instrument), s.severity) ?? s.severity.replace(/_/g, ' ') : s.severity?.label ?? '';
  return t('clinician.caseload.score', { name: shortName(String(s.instrument)), score: formatNumber(s.score), severity: sev || '–' });
}

/** The 14-day sparkline's words: "Mood, last 14 days: 3.1 average, falling". */
export function sparkText(values: (number | null)[] | null): string {
  if (!values) return t('clinician.spark.notShared');
  const s = summarise(values);
  if (s.mean === null) return t('clinician.spark.none', { days: values.length });
  const base = t('clinician.spark.text', { days: values.length, mean: mean1(s.mean) });
  return s.direction ? `${base}, ${t(`clinician.spark.${s.direction}` as MessageKey)}` : base;
}

/** The sparkline drawing (hidden from screen readers: its words are shown beside it). */
export function Sparkline({ values }: { values: (number | null)[] }) {
  const { lines, dots } = sparkGeometry(values);
  return (
    <svg class="spark" viewBox={`0 0 ${SPARK_W} ${SPARK_H}`} width={SPARK_W} height={SPARK_H} aria-hidden="true" focusable="false">
      <line class="spark-mid" x1="0" x2={SPARK_W} y1={SPARK_H / 2} y2={SPARK_H / 2} />
      {lines.map((p) => (
        <polyline key={p} class="spark-line" points={p} />
      ))}
      {dots.map(([x, y]) => (
        <circle key={`${x},${y}`} class="spark-dot" cx={x} cy={y} r="2.5" />
      ))}
    </svg>
  );
}

/** Copies `text`, then says so (or says to copy by hand when the browser refuses). */
export function CopyButton({ text, label, testid }: { text: string; label: string; testid?: string }) {
  const [said, setSaid] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setSaid(t('clinician.copied'));
    } catch {
      setSaid(t('clinician.copyFailed'));
    }
  };
  return (
    <>
      <button type="button" class="button small" onClick={copy} data-testid={testid}>
        {label}
      </button>
      <span class="status" role="status" aria-live="polite">
        {said}
      </span>
    </>
  );
}

/** Saves `text` as a plain-text file named `name` through a Blob link. */
export function downloadText(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Once `ready`, scrolls to and focuses the element the URL's #fragment names; returns
 * true when there is a fragment but no such element (e.g. an item older than the list). */
export function useScrollToHash(ready: boolean): boolean {
  const [missing, setMissing] = useState(false);
  const hash = location.hash;
  useEffect(() => {
    if (!ready || !hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (target) {
      target.scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
    }
    setMissing(!target);
  }, [ready, hash]);
  return missing;
}
