// Mood history: two small charts, pleasantness and energy on their own scales (uPlot,
// loaded only on this page), a range choice, and the list of check-ins grouped by day,
// which is also the charts' text alternative. Check-ins not sent yet are listed first.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, errorMessage } from '../api';
import { queuedCheckins, subscribeCheckins } from '../checkins';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { ErrorText, Status } from '../components/Status';
import { formatDay, formatList, formatNumber, formatTime } from '../format';
import { t, type MessageKey } from '../i18n';
import type { CheckIn, User } from '../types';

type Range = '2w' | '3m' | 'all';
const RANGES: Range[] = ['2w', '3m', 'all'];
const RANGE_DAYS: Record<Range, number | null> = { '2w': 14, '3m': 91, all: null };
const RANGE_KEY = 'interlude.moodRange.v1';

function dayKey(c: { at: string }): string {
  return new Date(c.at).toDateString();
}

/** The time span shown, in Unix seconds: from the start of the first day to now. */
function spanOf(range: Range, checkins: CheckIn[]): { from: number; to: number } {
  const now = Date.now();
  const days = RANGE_DAYS[range];
  const oldest = checkins.length ? Math.min(...checkins.map((c) => Date.parse(c.at))) : now;
  const start = new Date(days === null ? Math.min(oldest, now - 86400000) : now - (days - 1) * 86400000);
  start.setHours(0, 0, 0, 0);
  return { from: start.getTime() / 1000, to: now / 1000 + 3600 };
}

function Charts({ checkins, span }: { checkins: CheckIn[]; span: { from: number; to: number } }) {
  const valence = useRef<HTMLDivElement>(null);
  const energy = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let dispose: (() => void) | undefined;
    let cancelled = false;
    import('../chart/moodChart')
      .then((m) => {
        if (cancelled || !valence.current || !energy.current) return;
        dispose = m.drawMoodCharts(
          [
            { el: valence.current, kind: 'valence' },
            { el: energy.current, kind: 'energy' },
          ],
          checkins,
          span,
        );
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      dispose?.();
    };
  }, [checkins, span.from, span.to]);
  if (failed) return <p class="hint">{t('mood.chartFailed')}</p>;
  return (
    <>
      <figure class="chart">
        <figcaption>{t('mood.valenceTitle')}</figcaption>
        <div ref={valence} role="img" aria-label={t('mood.valenceLabel')} class="chart-box" />
      </figure>
      <figure class="chart">
        <figcaption>{t('mood.energyTitle')}</figcaption>
        <div ref={energy} role="img" aria-label={t('mood.energyLabel')} class="chart-box energy" />
      </figure>
      <p class="legend">
        <span class="key daily">{t('mood.daily')}</span>
        <span class="key weekly">{t('mood.weekly')}</span>
      </p>
      <p class="hint">{t('mood.gaps')}</p>
    </>
  );
}

function readRange(): Range {
  try {
    const r = localStorage.getItem(RANGE_KEY) as Range | null;
    return r && RANGES.includes(r) ? r : '2w';
  } catch {
    return '2w';
  }
}

export function Mood({ user }: { user: User }) {
  const [all, setAll] = useState<CheckIn[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [range, setRange] = useState<Range>(readRange);
  const [queued, setQueued] = useState(() => queuedCheckins(user.id));

  useEffect(() => {
    const load = () =>
      api.listCheckins({ limit: 1000 }).then(
        (r) => setAll(r.checkins),
        (e) => setError(errorMessage(e)),
      );
    void load();
    return subscribeCheckins(() => {
      const now = queuedCheckins(user.id);
      setQueued((old) => {
        if (now.length < old.length) void load();
        return now;
      });
    });
  }, [user.id]);

  const choose = (r: Range) => {
    setRange(r);
    try {
      localStorage.setItem(RANGE_KEY, r);
    } catch {
      /* remembered for this visit only */
    }
  };

  // Memoised: a new span or list on every render would redraw the charts each time.
  const span = useMemo(() => spanOf(range, all ?? []), [range, all]);
  const checkins = useMemo(() => (all ?? []).filter((c) => Date.parse(c.at) / 1000 >= span.from), [all, span]);
  const days: { key: string; items: CheckIn[] }[] = [];
  for (const c of checkins) {
    const k = dayKey(c);
    if (days.length && days[days.length - 1].key === k) days[days.length - 1].items.push(c);
    else days.push({ key: k, items: [c] });
  }

  return (
    <Page title={t('mood.title')}>
      <Status>{all === null && !error ? t('app.loading') : null}</Status>
      <ErrorText>{error}</ErrorText>
      {all && (
        <section aria-labelledby="chart-title" class="card">
          <h2 id="chart-title">{t('mood.chartTitle')}</h2>
          <fieldset class="chips range">
            <legend>{t('mood.range')}</legend>
            <div class="chip-list">
              {RANGES.map((r) => (
                <label class="chip" key={r}>
                  <input type="radio" name="range" value={r} checked={range === r} onChange={() => choose(r)} />
                  <span>{t(`mood.range.${r}` as MessageKey)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          {checkins.length >= 2 ? (
            <Charts checkins={checkins} span={span} />
          ) : (
            <p class="hint">{all.length >= 2 && checkins.length === 0 ? t('mood.noneInRange') : t('mood.chartNeedsMore')}</p>
          )}
        </section>
      )}
      {queued.length > 0 && (
        <section aria-labelledby="pending-title" class="card pending">
          <h2 id="pending-title">{t('journal.pendingTitle')}</h2>
          <ul class="checkin-list">
            {queued.map((q) => (
              <li key={q.localId} class="checkin-item pending-checkin">
                <p>
                  <time dateTime={q.body.at}>{formatDay(q.body.at)}, {formatTime(q.body.at)}</time> ·{' '}
                  {t('mood.valence', { label: t(`valence.${q.body.valence}` as MessageKey) })} · {t('mood.energy', { label: t(`energy.${q.body.energy}` as MessageKey) })}
                </p>
                <p class="meta">{t('mood.pending')}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {all && (
        <section aria-labelledby="list-title">
          <h2 id="list-title">{t('mood.listTitle')}</h2>
          {all.length === 0 && (
            <p>
              {t('mood.empty')} <Link href="/today">{t('mood.checkInNow')}</Link>
            </p>
          )}
          {all.length > 0 && checkins.length === 0 && <p>{t('mood.noneInRange')}</p>}
          {days.map((d) => (
            <section key={d.key} aria-labelledby={`day-${d.items[0].id}`} class="day">
              <h3 id={`day-${d.items[0].id}`}>{formatDay(d.items[0].at)}</h3>
              <ul class="checkin-list">
                {d.items.map((c) => (
                  <li key={c.id} class="checkin-item">
                    <p>
                      <time dateTime={c.at}>{formatTime(c.at)}</time> · {t('mood.valence', { label: t(`valence.${c.valence}` as MessageKey) })} ·{' '}
                      {t('mood.energy', { label: t(`energy.${c.energy}` as MessageKey) })}
                    </p>
                    {c.emotions?.length > 0 && <p class="meta">{t('mood.emotions', { list: formatList(c.emotions) })}</p>}
                    {c.tags?.length > 0 && <p class="meta">{t('mood.tags', { list: formatList(c.tags) })}</p>}
                    {typeof c.sleep_hours === 'number' && <p class="meta">{t('mood.sleep', { hours: formatNumber(c.sleep_hours) })}</p>}
                    {c.note && <p class="note">{c.note}</p>}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </section>
      )}
    </Page>
  );
}
