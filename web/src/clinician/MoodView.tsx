// The client's mood over the last 30, 90 or 365 days from the clinician insights endpoint,
// drawn with the Insights page's uPlot chart (daily average with 7- and 28-day averages),
// with the server's readings (trend, variability, sustained drop) and the numbers as a
// table. Not shared: says so.
import { useState } from 'preact/hooks';
import { lastDays } from '../care/dates';
import { t } from '../i18n';
import { clinicianApi } from './api';
import { MoodDaysTable, MoodTrendChart } from '../components/ChartParts';
import { LoadNote, useLoad } from './shared';
import type { ClientHeader } from './types';

const RANGES = [30, 90, 365] as const;

export function MoodView({ client }: { client: ClientHeader }) {
  const [days, setDays] = useState<(typeof RANGES)[number]>(90);
  const range = lastDays(days);
  const [load] = useLoad(() => clinicianApi.insights(client.id, range.from, range.to), [client.id, range.from, range.to]);
  return (
    <section aria-labelledby="mood-title" data-testid="mood">
      <h2 id="mood-title">{t('clinician.mood.title')}</h2>
      <fieldset class="chips range">
        <legend>{t('clinician.mood.range')}</legend>
        <div class="chip-list">
          {RANGES.map((r) => (
            <label key={r} class="chip">
              <input type="radio" name="mood-range" value={r} checked={days === r} onChange={() => setDays(r)} />
              <span>{t('insights.rangeDays', { count: r })}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <LoadNote load={load} category="mood" />
      {load.state === 'ok' &&
        (() => {
          const data = load.data;
          const withData = data.days.filter((d) => d.count > 0 && d.mean_valence !== null);
          return (
            <div class="card">
              {[data.trend?.reading, data.averages?.reading, data.variability?.reading, data.sustained_drop?.active ? data.sustained_drop.reading : null]
                .filter((r): r is string => !!r)
                .map((r) => (
                  <p class="reading" key={r}>
                    {r}
                  </p>
                ))}
              <p class="meta">{t('clinician.mood.counts', { checkins: data.counts?.checkins ?? withData.length, days: withData.length })}</p>
              <MoodTrendChart data={data} label={t('clinician.mood.label')} notEnough={<p class="hint">{t('clinician.mood.notEnough')}</p>} />
              <MoodDaysTable days={data.days} d7={data.averages.d7} d28={data.averages.d28} />
            </div>
          );
        })()}
    </section>
  );
}
