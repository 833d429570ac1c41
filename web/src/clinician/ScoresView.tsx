// The client's questionnaire history, one block per instrument: the latest score with its
// band and reliable change (from the previous one and from the first), a chart of the
// totals with the bands shaded (the Insights page's chart), and every score in a table
// with its change. Not shared: says so.
import { byUsualOrder, shortName, useInstruments } from '../care/instruments';
import { localDate } from '../care/dates';
import { formatLongDate, formatNumber, formatShortDate } from '../format';
import { t } from '../i18n';
import type { Assessment, Instrument } from '../types';
import { clinicianApi } from './api';
import { LazyChart, LoadNote, TableAlt, reliableClass, reliableText, useLoad } from './shared';
import type { ClientHeader } from './types';

function Block({ inst, list }: { inst: Instrument | undefined; list: Assessment[] }) {
  const id = list[0].instrument;
  const newestFirst = [...list].sort((a, b) => Date.parse(b.completed_at) - Date.parse(a.completed_at));
  const oldestFirst = [...newestFirst].reverse();
  const latest = newestFirst[0];
  const first = oldestFirst[0];
  const sinceFirst = reliableText(latest.change_from_first);
  const range = { from: localDate(new Date(first.completed_at)), to: localDate(new Date()) };
  return (
    <section class="card score-block" aria-labelledby={`sc-${id}`} data-testid={`scores-${id}`}>
      <h3 id={`sc-${id}`}>{inst?.name ?? shortName(id)}</h3>
      <p class="reading">
        {t('clinician.scores.latest', { name: shortName(id), total: formatNumber(latest.total), max: latest.max_total, band: latest.band.label, date: formatLongDate(latest.completed_at) })}
        {latest.change?.explanation ? ` ${latest.change.explanation}` : ''}
      </p>
      {sinceFirst && newestFirst.length > 2 && (
        <p>
          {t('clinician.scores.sinceFirst')} <span class={reliableClass(latest.change_from_first)}>{sinceFirst}</span>
        </p>
      )}
      {inst && oldestFirst.length >= 2 && (
        <>
          <LazyChart
            testid={`chart-scores-${id}`}
            label={t('insights.scores.label', { name: shortName(id), max: inst.max_total })}
            draw={(m, el) => m.drawScores(el, inst, oldestFirst, range)}
            deps={[list]}
          />
          <p class="legend">
            <span class="key score">{t('insights.scores.keyScore')}</span>
            <span class="key bands">{t('insights.scores.keyBands')}</span>
            <span class="key better">{t('insights.scores.keyBetter')}</span>
            <span class="key worse">{t('insights.scores.keyWorse')}</span>
          </p>
        </>
      )}
      <TableAlt
        summary={t('insights.scores.table', { name: shortName(id) })}
        caption={t('insights.scores.caption', { name: inst?.name ?? shortName(id) })}
        head={[t('insights.col.date'), t('insights.col.score'), t('insights.col.band'), t('insights.col.change')]}
      >
        {newestFirst.map((a) => (
          <tr key={a.id} id={`sc-row-${a.id}`}>
            <th scope="row">{formatShortDate(a.completed_at)}</th>
            <td>
              {formatNumber(a.total)} / {a.max_total}
            </td>
            <td>{a.band.label}</td>
            <td>{reliableText(a.change) ?? '–'}</td>
          </tr>
        ))}
      </TableAlt>
    </section>
  );
}

export function ScoresView({ client }: { client: ClientHeader }) {
  const [load] = useLoad(() => clinicianApi.assessments(client.id), [client.id]);
  const [instruments] = useInstruments();
  const byId = new Map((instruments ?? []).map((i) => [i.id as string, i]));
  const groups = new Map<string, Assessment[]>();
  if (load.state === 'ok') for (const a of load.data) groups.set(a.instrument, [...(groups.get(a.instrument) ?? []), a]);
  const order = byUsualOrder([...groups.keys()].map((instrument) => ({ instrument })));
  return (
    <section aria-labelledby="sc-title" data-testid="questionnaires">
      <h2 id="sc-title">{t('clinician.scores.title')}</h2>
      <p class="hint">{t('clinician.scores.intro')}</p>
      <LoadNote load={load} category="assessments" />
      {load.state === 'ok' && groups.size === 0 && <p>{t('clinician.scores.none')}</p>}
      {order.map(({ instrument }) => (
        <Block key={instrument} inst={byId.get(instrument)} list={groups.get(instrument)!} />
      ))}
    </section>
  );
}
