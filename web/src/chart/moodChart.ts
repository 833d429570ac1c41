// Draws the mood charts with uPlot: two small stacked charts on their own scales,
// pleasantness (1-7) and energy (1-5), each with a daily average line and a dashed 7-day
// average. The line breaks where more than two days passed without a check-in (a null
// point, spanGaps false). Loaded lazily (dynamic import) by the Mood page so uPlot and
// its CSS stay out of the first load. Colours come from CSS custom properties, so light
// and dark mode both work. Returns a dispose function.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatShortDate, formatTime } from '../format';
import type { CheckIn } from '../types';

const DAY = 86400;
const GAP_DAYS = 2;

function cssVar(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

/** Local calendar day number (days since the epoch, in the viewer's time zone). */
function dayNumber(d: Date): number {
  return Math.floor(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86400000);
}

/** Local noon of a day number, as Unix seconds. */
function noonOf(day: number): number {
  const u = new Date(day * 86400000);
  return new Date(u.getUTCFullYear(), u.getUTCMonth(), u.getUTCDate(), 12).getTime() / 1000;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export interface Series {
  xs: number[];
  valence: (number | null)[];
  valence7: (number | null)[];
  energy: (number | null)[];
  energy7: (number | null)[];
}

/** Daily and 7-day averages, one point per day with check-ins, nulls across long gaps. */
export function dailySeries(checkins: CheckIn[]): Series {
  const byDay = new Map<number, CheckIn[]>();
  for (const c of checkins) {
    const k = dayNumber(new Date(c.at));
    byDay.set(k, [...(byDay.get(k) ?? []), c]);
  }
  const days = [...byDay.keys()].sort((a, b) => a - b);
  const out: Series = { xs: [], valence: [], valence7: [], energy: [], energy7: [] };
  let prev: number | null = null;
  for (const day of days) {
    if (prev !== null && day - prev > GAP_DAYS) {
      out.xs.push((noonOf(prev) + noonOf(day)) / 2);
      for (const k of ['valence', 'valence7', 'energy', 'energy7'] as const) out[k].push(null);
    }
    const today = byDay.get(day)!;
    const week = days.filter((d) => d > day - 7 && d <= day).flatMap((d) => byDay.get(d)!);
    out.xs.push(noonOf(day));
    out.valence.push(mean(today.map((c) => c.valence)));
    out.energy.push(mean(today.map((c) => c.energy)));
    out.valence7.push(mean(week.map((c) => c.valence)));
    out.energy7.push(mean(week.map((c) => c.energy)));
    prev = day;
  }
  return out;
}

interface Box {
  el: HTMLElement;
  kind: 'valence' | 'energy';
}

export function drawMoodCharts(boxes: Box[], checkins: CheckIn[], range: { from: number; to: number }): () => void {
  const s = dailySeries(checkins);
  const first = boxes[0].el;
  const fg = cssVar(first, '--fg-muted', '#555');
  const grid = cssVar(first, '--border', '#ddd');
  const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: '12px system-ui, sans-serif' };
  const span = range.to - range.from;
  const width = (el: HTMLElement) => Math.max(200, el.clientWidth);

  const plots = boxes.map(({ el, kind }) => {
    // For tests and curious readers: days drawn and breaks in the line.
    el.dataset.days = String(s.valence.filter((v) => v !== null).length);
    el.dataset.breaks = String(s.valence.filter((v) => v === null).length);
    const max = kind === 'valence' ? 7 : 5;
    const color = cssVar(el, kind === 'valence' ? '--chart-valence' : '--chart-energy', kind === 'valence' ? '#2f5d50' : '#9a4f12');
    const height = kind === 'valence' ? 170 : 140;
    const plot = new uPlot(
      {
        width: width(el),
        height,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: true, range: [range.from, range.to] }, y: { range: [1, max] } },
        axes: [
          {
            ...axis,
            space: 56,
            // Within two days, times say more than a row of identical dates.
            values: (_u, splits) => splits.map((v) => (span < 2 * DAY ? formatTime : formatShortDate)(new Date(v * 1000))),
          },
          { ...axis, size: 30, splits: () => Array.from({ length: max }, (_, i) => i + 1) },
        ],
        series: [
          {},
          { label: 'daily', stroke: color, width: 2.5, spanGaps: false, points: { show: true, size: 6, fill: color } },
          { label: '7-day', stroke: color, width: 1.5, dash: [5, 4], spanGaps: false, points: { show: false } },
        ],
      },
      [s.xs, kind === 'valence' ? s.valence : s.energy, kind === 'valence' ? s.valence7 : s.energy7],
      el,
    );
    return { plot, el, height };
  });
  const resize = () => {
    for (const p of plots) p.plot.setSize({ width: width(p.el), height: p.height });
  };
  window.addEventListener('resize', resize);
  return () => {
    window.removeEventListener('resize', resize);
    for (const p of plots) p.plot.destroy();
  };
}
