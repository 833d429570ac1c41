// The parts every chart page shares (the person's Insights and the clinician's client page):
// a chart drawn once the chart module has loaded (uPlot is a lazy chunk), and the table
// that is its accessible alternative.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatShortDate } from '../format';
import { currentLocale, t } from '../i18n';

export type ChartModule = typeof import('../chart/insightsCharts');

/** A chart drawn once the chart module has loaded; a note if it cannot load. */
export function LazyChart({ draw, label, testid, deps }: { draw: (m: ChartModule, el: HTMLElement) => () => void; label: string; testid: string; deps: unknown[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let dispose: (() => void) | undefined;
    let cancelled = false;
    import('../chart/insightsCharts')
      .then((m) => {
        if (!cancelled && ref.current) dispose = draw(m, ref.current);
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      dispose?.();
    };
  }, deps);
  if (failed) return <p class="hint">{t('insights.chartFailed')}</p>;
  return <div ref={ref} role="img" aria-label={label} class="chart-box" data-testid={testid} />;
}

/** The accessible alternative to a chart: its numbers as a table, behind a disclosure. */
export function TableAlt({ summary, caption, head, children, testid }: { summary: string; caption: string; head: string[]; children: ComponentChildren; testid?: string }) {
  return (
    <details class="more table-alt" data-testid={testid}>
      <summary>{summary}</summary>
      <div class="table-wrap" role="region" aria-label={caption} tabIndex={0}>
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {head.map((h) => (
                <th scope="col" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    </details>
  );
}

/** A mean with one decimal always ("4.0", not "4"), '–' for none. */
export const oneDecimal = (v: number | null | undefined) =>
  typeof v === 'number' && Number.isFinite(v) ? new Intl.NumberFormat(currentLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v) : '–';

type MoodDay = { date: string; count: number; mean_valence: number | null };
type Average = { date: string; value: number | null };

/** The days with check-ins, their mean and the 7- and 28-day averages: the mood chart's table. */
export function MoodDaysTable({ days, d7, d28, testid }: { days: MoodDay[]; d7: Average[]; d28: Average[]; testid?: string }) {
  const withData = days.filter((d) => d.count > 0 && d.mean_valence !== null);
  if (withData.length === 0) return null;
  const week = new Map(d7.map((p) => [p.date, p.value]));
  const month = new Map(d28.map((p) => [p.date, p.value]));
  return (
    <TableAlt
      testid={testid}
      summary={t('insights.mood.table')}
      caption={t('insights.mood.caption')}
      head={[t('insights.col.date'), t('insights.col.daily'), t('insights.col.d7'), t('insights.col.d28'), t('insights.col.checkins')]}
    >
      {withData.map((d) => (
        <tr key={d.date}>
          <th scope="row">{formatShortDate(`${d.date}T12:00:00`)}</th>
          <td>{oneDecimal(d.mean_valence)}</td>
          <td>{oneDecimal(week.get(d.date))}</td>
          <td>{oneDecimal(month.get(d.date))}</td>
          <td>{d.count}</td>
        </tr>
      ))}
    </TableAlt>
  );
}

/**
 * The mood chart (daily mean with 7- and 28-day averages) and its legend, once there are two
 * days with check-ins; `notEnough` otherwise.
 */
export function MoodTrendChart({ data, label, notEnough }: { data: Parameters<ChartModule['drawMoodTrend']>[1] & { days: MoodDay[] }; label: string; notEnough: ComponentChildren }) {
  const days = data.days.filter((d) => d.count > 0 && d.mean_valence !== null).length;
  if (days < 2) return <>{notEnough}</>;
  return (
    <>
      <LazyChart testid="chart-mood" label={label} draw={(m, el) => m.drawMoodTrend(el, data)} deps={[data]} />
      <p class="legend">
        <span class="key daily">{t('insights.mood.daily')}</span>
        <span class="key weekly">{t('insights.mood.d7')}</span>
        <span class="key monthly">{t('insights.mood.d28')}</span>
      </p>
    </>
  );
}
