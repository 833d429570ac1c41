// Mood history: a line chart of valence and energy (uPlot, loaded only on this page)
// and the list of check-ins, grouped by day, which is also the chart's text alternative.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorMessage } from '../api';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { ErrorText, Status } from '../components/Status';
import { formatDay, formatList, formatNumber, formatTime } from '../format';
import { t, type MessageKey } from '../i18n';
import type { CheckIn } from '../types';

function dayKey(c: CheckIn): string {
  return new Date(c.at).toDateString();
}

function Chart({ checkins }: { checkins: CheckIn[] }) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let dispose: (() => void) | undefined;
    let cancelled = false;
    import('../chart/moodChart')
      .then((m) => {
        if (!cancelled && box.current) dispose = m.drawMoodChart(box.current, checkins);
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      dispose?.();
    };
  }, [checkins]);
  if (failed) return <p class="hint">{t('mood.chartFailed')}</p>;
  return (
    <figure class="chart">
      <div ref={box} role="img" aria-label={t('mood.chartLabel')} class="chart-box" />
      <figcaption class="legend">
        <span class="key valence">{t('mood.valenceSeries')}</span>
        <span class="key energy">{t('mood.energySeries')}</span>
      </figcaption>
    </figure>
  );
}

export function Mood() {
  const [checkins, setCheckins] = useState<CheckIn[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.listCheckins({ limit: 365 }).then(
      (r) => setCheckins(r.checkins),
      (e) => setError(errorMessage(e)),
    );
  }, []);

  const days: { key: string; items: CheckIn[] }[] = [];
  for (const c of checkins ?? []) {
    const k = dayKey(c);
    if (days.length && days[days.length - 1].key === k) days[days.length - 1].items.push(c);
    else days.push({ key: k, items: [c] });
  }

  return (
    <Page title={t('mood.title')}>
      <Status>{checkins === null && !error ? t('app.loading') : null}</Status>
      <ErrorText>{error}</ErrorText>
      {checkins && (
        <section aria-labelledby="chart-title" class="card">
          <h2 id="chart-title">{t('mood.chartTitle')}</h2>
          {checkins.length >= 2 ? <Chart checkins={checkins} /> : <p class="hint">{t('mood.chartNeedsMore')}</p>}
        </section>
      )}
      {checkins && (
        <section aria-labelledby="list-title">
          <h2 id="list-title">{t('mood.listTitle')}</h2>
          {checkins.length === 0 && (
            <p>
              {t('mood.empty')} <Link href="/today">{t('mood.checkInNow')}</Link>
            </p>
          )}
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
