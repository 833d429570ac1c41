// Insights (/insights): what the person's check-ins and questionnaires show over the last
// 30, 90 or 365 days — mood over time with 7- and 28-day averages, questionnaire scores
// with their bands and reliable change, a weekday by time-of-day grid, tags that go with
// better or lower mood (with the caveat that this is association), a sustained drop and
// rumination noticed gently, trend and variability. Every reading is the server's own
// sentence; every chart has a table with the same numbers; too little data says so.
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../api';
import { lastDays } from '../care/dates';
import { byUsualOrder, shortName, useInstruments } from '../care/instruments';
import { LazyChart, MoodDaysTable, MoodTrendChart, TableAlt, oneDecimal as num } from '../components/ChartParts';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { ErrorText, Status } from '../components/Status';
import { formatLongDate, formatNumber, formatShortDate } from '../format';
import { currentLocale, t, type MessageKey } from '../i18n';
import type { Assessment, Insights as InsightsData, Instrument } from '../types';


const RANGES = [30, 90, 365] as const;
type Range = (typeof RANGES)[number];
const RANGE_KEY = 'interlude.insightsRange.v1';
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function readRange(): Range {
  try {
    const r = Number(localStorage.getItem(RANGE_KEY));
    return (RANGES as readonly number[]).includes(r) ? (r as Range) : 30;
  } catch {
    return 30;
  }
}

/** A message if the catalogue has one for this key, else the fallback. */
function maybe(key: string, fallback: string): string {
  const s = t(key as MessageKey);
  return s === key ? fallback : s;
}

/** "mon".."sun" from "mon", "Monday" or "MONDAY". */
const dayKey = (d: string) => d.slice(0, 3).toLowerCase();

/** Weekday name from "mon".."sun" in the active locale (1 Jan 2024 was a Monday). */
function dayName(day: string, width: 'short' | 'long'): string {
  const i = DAYS.indexOf(day);
  if (i < 0) return day;
  return new Intl.DateTimeFormat(currentLocale(), { weekday: width }).format(new Date(2024, 0, 1 + i));
}

const bucketName = (b: string) => maybe(`insights.bucket.${b}`, b);
/** A short name for the narrow grid headings ("Morn."), the full name if there is none. */
const bucketShort = (b: string) => maybe(`insights.bucketShort.${b}`, bucketName(b));
const signed = (v: number) => new Intl.NumberFormat(currentLocale(), { signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(v);
/** Heat level 1-5 of a 1-7 pleasantness mean. */
export function heatLevel(mean: number): number {
  if (mean < 2.5) return 1;
  if (mean < 3.5) return 2;
  if (mean < 4.5) return 3;
  if (mean < 5.5) return 4;
  return 5;
}

function Reading({ text, testid }: { text: string | undefined; testid: string }) {
  if (!text) return null;
  return (
    <p class="reading" data-testid={testid}>
      {text}
    </p>
  );
}

function MoodSection({ data }: { data: InsightsData }) {
  return (
    <section class="card" aria-labelledby="ins-mood" data-testid="insights-mood">
      <h2 id="ins-mood">{t('insights.mood.title')}</h2>
      <Reading text={data.trend.reading} testid="reading-trend" />
      <Reading text={data.averages.reading} testid="reading-averages" />
      <MoodTrendChart data={data} label={t('insights.mood.label')} notEnough={<p class="hint not-enough">{t('insights.notEnough')}</p>} />
      <h3>{t('insights.variability.title')}</h3>
      <Reading text={data.variability.reading} testid="reading-variability" />
      <MoodDaysTable days={data.days} d7={data.averages.d7} d28={data.averages.d28} testid="table-mood" />
    </section>
  );
}

function ScoreChart({ inst, list, range }: { inst: Instrument; list: Assessment[]; range: { from: string; to: string } }) {
  const oldestFirst = [...list].reverse();
  const latest = list[0];
  const band = (a: Assessment) => a.band.label;
  return (
    <section class="score-block" aria-labelledby={`ins-score-${inst.id}`} data-testid={`scores-${inst.id}`}>
      <h3 id={`ins-score-${inst.id}`}>{inst.name}</h3>
      <p class="reading">
        {t('insights.scores.latest', { name: shortName(inst.id), total: formatNumber(latest.total), max: latest.max_total, band: band(latest), date: formatLongDate(latest.completed_at) })}
        {latest.change ? ` ${latest.change.explanation}` : ''}
        {latest.change_from_first && list.length > 2
          ? ` ${t('insights.scores.sinceFirst', { explanation: latest.change_from_first.explanation })}`
          : ''}
      </p>
      {list.length >= 2 ? (
        <>
          <LazyChart
            testid={`chart-scores-${inst.id}`}
            label={t('insights.scores.label', { name: shortName(inst.id), max: inst.max_total })}
            draw={(m, el) => m.drawScores(el, inst, oldestFirst, range)}
            deps={[list, range.from, range.to]}
          />
          <p class="legend">
            <span class="key score">{t('insights.scores.keyScore')}</span>
            <span class="key bands">{t('insights.scores.keyBands')}</span>
            <span class="key better">{t('insights.scores.keyBetter')}</span>
            <span class="key worse">{t('insights.scores.keyWorse')}</span>
          </p>
        </>
      ) : (
        <p class="hint">{t('insights.scores.needsTwo')}</p>
      )}
      <TableAlt
        testid={`table-scores-${inst.id}`}
        summary={t('insights.scores.table', { name: shortName(inst.id) })}
        caption={t('insights.scores.caption', { name: inst.name })}
        head={[t('insights.col.date'), t('insights.col.score'), t('insights.col.band'), t('insights.col.change')]}
      >
        {list.map((a) => (
          <tr key={a.id}>
            <th scope="row">{formatShortDate(a.completed_at)}</th>
            <td>
              {formatNumber(a.total)} / {a.max_total}
            </td>
            <td>{band(a)}</td>
            <td>{a.change ? t(`insights.reliable.${a.change.reliable}` as MessageKey, { delta: signed(a.change.delta) }) : '–'}</td>
          </tr>
        ))}
      </TableAlt>
    </section>
  );
}

function ScoresSection({ instruments, assessments, range }: { instruments: Instrument[]; assessments: Assessment[]; range: { from: string; to: string } }) {
  const inRange = assessments.filter((a) => a.completed_at.slice(0, 10) >= range.from);
  const shown = byUsualOrder(instruments).filter((i) => inRange.some((a) => a.instrument === i.id));
  return (
    <section class="card" aria-labelledby="ins-scores" data-testid="insights-scores">
      <h2 id="ins-scores">{t('insights.scores.title')}</h2>
      {shown.length === 0 ? (
        <p>
          {t('insights.scores.none')} <Link href="/questionnaires">{t('insights.scores.take')}</Link>
        </p>
      ) : (
        <>
          <p class="hint">{t('insights.scores.intro')}</p>
          {shown.map((inst) => (
            <ScoreChart key={inst.id} inst={inst} list={inRange.filter((a) => a.instrument === inst.id)} range={range} />
          ))}
          <p>
            <Link href="/questionnaires">{t('insights.scores.more')}</Link>
          </p>
        </>
      )}
    </section>
  );
}

function Cell({ mean, n }: { mean: number | null; n: number }) {
  if (mean === null || n === 0) return <div class="heat-cell empty">–</div>;
  return <div class={`heat-cell lvl-${heatLevel(mean)}`}>{num(mean)}</div>;
}

function HeatmapSection({ data }: { data: InsightsData }) {
  const buckets = data.time_of_day.length ? data.time_of_day.map((b) => b.bucket) : [...new Set(data.heatmap.map((h) => h.bucket))];
  const days = DAYS.filter((d) => data.weekday.some((w) => dayKey(w.day) === d) || data.heatmap.some((h) => dayKey(h.day) === d));
  const cell = (day: string, bucket: string) => data.heatmap.find((h) => dayKey(h.day) === day && h.bucket === bucket) ?? { mean: null, n: 0 };
  const weekday = (day: string) => data.weekday.find((w) => dayKey(w.day) === day) ?? { mean: null, n: 0 };
  const enough = data.heatmap.some((h) => h.mean !== null && h.n > 0);
  const cols = Math.min(Math.max(buckets.length, 1), 6);
  return (
    <section class="card" aria-labelledby="ins-heat" data-testid="insights-heatmap">
      <h2 id="ins-heat">{t('insights.heat.title')}</h2>
      <Reading text={data.heatmap_reading} testid="reading-heatmap" />
      <Reading text={data.weekday_reading} testid="reading-weekday" />
      <Reading text={data.time_of_day_reading} testid="reading-time" />
      <p class="hint">{t('insights.heat.intro')}</p>
      {!enough ? (
        <p class="hint not-enough">{t('insights.notEnough')}</p>
      ) : (
        <>
          <div class={`heatmap cols-${cols}`} role="img" aria-label={t('insights.heat.label')} data-testid="heatmap">
            <div class="heat-head" />
            {buckets.map((b) => (
              <div class="heat-head" key={b}>
                <abbr title={bucketName(b)}>{bucketShort(b)}</abbr>
              </div>
            ))}
            <div class="heat-head">{t('insights.heat.all')}</div>
            {days.map((d) => (
              <Fragment key={d}>
                <div class="heat-day">
                  {dayName(d, 'short')}
                </div>
                {buckets.map((b) => {
                  const c = cell(d, b);
                  return <Cell key={`${d}-${b}`} mean={c.mean} n={c.n} />;
                })}
                <Cell key={`${d}-all`} mean={weekday(d).mean} n={weekday(d).n} />
              </Fragment>
            ))}
            <div class="heat-day">{t('insights.heat.all')}</div>
            {data.time_of_day.map((b) => (
              <Cell key={`all-${b.bucket}`} mean={b.mean} n={b.n} />
            ))}
            <div class="heat-cell blank" />
          </div>
          <p class="legend heat-legend">
            <span>{t('insights.heat.scale')}</span>
            {[1, 2, 3, 4, 5].map((l) => (
              <span key={l} class={`heat-swatch lvl-${l}`}>
                {t(`insights.heat.lvl${l}` as MessageKey)}
              </span>
            ))}
          </p>
          <TableAlt
            testid="table-heatmap"
            summary={t('insights.heat.table')}
            caption={t('insights.heat.caption')}
            head={[t('insights.col.day'), ...buckets.map(bucketName), t('insights.heat.all')]}
          >
            {days.map((d) => (
              <tr key={d}>
                <th scope="row">{dayName(d, 'long')}</th>
                {buckets.map((b) => {
                  const c = cell(d, b);
                  return <td key={b}>{c.n > 0 ? t('insights.heat.cell', { mean: num(c.mean), n: c.n }) : '–'}</td>;
                })}
                <td>{weekday(d).n > 0 ? t('insights.heat.cell', { mean: num(weekday(d).mean), n: weekday(d).n }) : '–'}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('insights.heat.all')}</th>
              {buckets.map((b) => {
                const x = data.time_of_day.find((y) => y.bucket === b) ?? { mean: null, n: 0 };
                return <td key={b}>{x.n > 0 ? t('insights.heat.cell', { mean: num(x.mean), n: x.n }) : '–'}</td>;
              })}
              <td>–</td>
            </tr>
          </TableAlt>
        </>
      )}
    </section>
  );
}

function TagsSection({ data }: { data: InsightsData }) {
  const better = data.tags.filter((x) => x.direction === 'better');
  const worse = data.tags.filter((x) => x.direction === 'worse');
  const list = (xs: typeof better) => (
    <ul class="tag-list">
      {xs.map((x) => (
        <li key={x.tag}>
          <strong class="badge">{x.tag}</strong> {x.reading}
        </li>
      ))}
    </ul>
  );
  return (
    <section class="card" aria-labelledby="ins-tags" data-testid="insights-tags">
      <h2 id="ins-tags">{t('insights.tags.title')}</h2>
      <Reading text={data.tags_reading} testid="reading-tags" />
      <p class="hint caveat">{data.tags_caveat || t('insights.tags.caveat')}</p>
      {data.tags.length === 0 ? (
        <p class="not-enough">{t('insights.tags.none')}</p>
      ) : (
        <>
          {better.length > 0 && (
            <>
              <h3>{t('insights.tags.better')}</h3>
              {list(better)}
            </>
          )}
          {worse.length > 0 && (
            <>
              <h3>{t('insights.tags.worse')}</h3>
              {list(worse)}
            </>
          )}
          <TableAlt
            testid="table-tags"
            summary={t('insights.tags.table')}
            caption={t('insights.tags.caption')}
            head={[t('insights.col.tag'), t('insights.col.goesWith'), t('insights.col.with'), t('insights.col.without'), t('insights.col.days')]}
          >
            {data.tags.map((x) => (
              <tr key={x.tag}>
                <th scope="row">{x.tag}</th>
                <td>{x.direction === 'better' ? t('insights.tags.dirBetter') : t('insights.tags.dirWorse')}</td>
                <td>{num(x.mean_with)}</td>
                <td>{num(x.mean_without)}</td>
                <td>{t('insights.tags.days', { with: x.days_with, without: x.days_without })}</td>
              </tr>
            ))}
          </TableAlt>
        </>
      )}
    </section>
  );
}

function NotesSection({ data }: { data: InsightsData }) {
  const drop = data.sustained_drop?.active ? data.sustained_drop : null;
  const themes = data.rumination ?? [];
  if (!drop && themes.length === 0) return null;
  return (
    <section class="card notes" aria-labelledby="ins-notes" data-testid="insights-notes">
      <h2 id="ins-notes">{t('insights.notes.title')}</h2>
      {drop && (
        <div class="note-block" data-testid="sustained-drop">
          <h3>{t('insights.notes.dropTitle')}</h3>
          <p>{drop.reading}</p>
          <p>
            {t('insights.notes.dropHelp')} <Link href="/help">{t('insights.notes.dropLink')}</Link>
          </p>
        </div>
      )}
      {themes.map((r) => (
        <div class="note-block" key={`${r.theme}-${r.from}`} data-testid="rumination">
          <h3>{t('insights.notes.themeTitle', { theme: r.theme })}</h3>
          <p>{r.reading}</p>
          {r.suggestion && <p class="hint">{r.suggestion}</p>}
        </div>
      ))}
    </section>
  );
}

export function Insights() {
  const [range, setRange] = useState<Range>(readRange);
  const [data, setData] = useState<InsightsData | null>(null);
  const [assessments, setAssessments] = useState<Assessment[] | null>(null);
  const [instruments] = useInstruments();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const span = lastDays(range);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    api.insights(span.from, span.to).then(
      (r) => {
        if (!live) return;
        setData(r);
        setLoading(false);
      },
      (e) => {
        if (!live) return;
        setError(errorMessage(e));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [range]);

  useEffect(() => {
    api.listAssessments({ limit: 100 }).then(
      (r) => setAssessments(r.assessments),
      () => setAssessments([]),
    );
  }, []);

  const choose = (r: Range) => {
    setRange(r);
    try {
      localStorage.setItem(RANGE_KEY, String(r));
    } catch {
      /* remembered for this visit only */
    }
  };

  const days = data ? (data.counts.days_with_checkins ?? data.days.filter((d) => d.count > 0).length) : 0;
  const empty = !!data && (data.counts.checkins < 2 || days < 2);
  return (
    <Page title={t('insights.title')}>
      <p class="lead">{t('insights.intro')}</p>
      <fieldset class="chips range">
        <legend>{t('insights.range')}</legend>
        <div class="chip-list">
          {RANGES.map((r) => (
            <label class="chip" key={r}>
              <input type="radio" name="insights-range" value={r} checked={range === r} onChange={() => choose(r)} />
              <span>{t('insights.rangeDays', { count: r })}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <Status>{loading ? t('app.loading') : null}</Status>
      <ErrorText>{error}</ErrorText>
      {data && empty && (
        <section class="card empty-state" aria-labelledby="ins-empty" data-testid="insights-empty">
          <h2 id="ins-empty">{t('insights.empty.title')}</h2>
          <p>{t('insights.empty.body')}</p>
          <p>
            <Link href="/today">{t('insights.empty.checkIn')}</Link>
          </p>
        </section>
      )}
      {data && !empty && (
        <>
          <MoodSection data={data} />
          <NotesSection data={data} />
          <HeatmapSection data={data} />
          <TagsSection data={data} />
        </>
      )}
      {instruments && assessments && <ScoresSection instruments={instruments} assessments={assessments} range={span} />}
      <p class="hint">{t('insights.private')}</p>
    </Page>
  );
}
