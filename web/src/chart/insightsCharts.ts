// Insights charts with uPlot (loaded lazily by the Insights page, sharing uPlot with the
// Mood page's charts): mood over time (daily average pleasantness as points and a line
// that breaks on days without check-ins, with dashed 7-day and dotted 28-day averages),
// and a questionnaire's scores over time on its own scale, with its severity bands shaded
// behind and reliable change marked (a large filled dot for reliable improvement, a large
// hollow ring for reliable deterioration, so shape tells them apart). Colours come from
// CSS custom properties so light and dark mode both work. Each draw returns a dispose.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { dateAtNoon } from '../care/dates';
import { formatShortDate } from '../format';
import type { Assessment, Instrument, Insights } from '../types';

function cssVar(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

const secs = (d: Date) => d.getTime() / 1000;

function axes(el: HTMLElement, ySplits: number[]): uPlot.Axis[] {
  const fg = cssVar(el, '--fg-muted', '#555');
  const grid = cssVar(el, '--border', '#ddd');
  const base = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: '12px system-ui, sans-serif' };
  return [
    { ...base, space: 60, values: (_u, splits) => splits.map((v) => formatShortDate(new Date(v * 1000))) },
    { ...base, size: 34, splits: () => ySplits },
  ];
}

function mount(el: HTMLElement, opts: Omit<uPlot.Options, 'width'>, data: uPlot.AlignedData): () => void {
  const width = () => Math.max(200, el.clientWidth);
  const plot = new uPlot({ ...opts, width: width() }, data, el);
  const resize = () => plot.setSize({ width: width(), height: opts.height });
  window.addEventListener('resize', resize);
  return () => {
    window.removeEventListener('resize', resize);
    plot.destroy();
  };
}

/** Mood over the insights range: daily average pleasantness (1-7) with 7- and 28-day averages. */
export function drawMoodTrend(el: HTMLElement, ins: Insights): () => void {
  const d7 = new Map(ins.averages.d7.map((p) => [p.date, p.value]));
  const d28 = new Map(ins.averages.d28.map((p) => [p.date, p.value]));
  const dates = ins.days.map((d) => d.date);
  const xs = dates.map((d) => secs(dateAtNoon(d)));
  const daily = ins.days.map((d) => (d.count > 0 ? d.mean_valence : null));
  const color = cssVar(el, '--chart-valence', '#2f5d50');
  const avg = cssVar(el, '--chart-average', '#4d535c');
  el.dataset.days = String(daily.filter((v) => v !== null).length);
  return mount(
    el,
    {
      height: 200,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: true, range: [secs(dateAtNoon(ins.from)) - 43200, secs(dateAtNoon(ins.to)) + 43200] }, y: { range: [1, 7] } },
      axes: axes(el, [1, 2, 3, 4, 5, 6, 7]),
      series: [
        {},
        { label: 'daily', stroke: color, width: 1.5, spanGaps: false, points: { show: true, size: 6, fill: color } },
        { label: '7-day', stroke: avg, width: 2, dash: [6, 4], spanGaps: true, points: { show: false } },
        { label: '28-day', stroke: color, width: 2.5, dash: [2, 3], spanGaps: true, points: { show: false } },
      ],
    },
    [xs, daily, dates.map((d) => d7.get(d) ?? null), dates.map((d) => d28.get(d) ?? null)],
  );
}

/** One questionnaire's totals over time (oldest first), bands shaded, reliable change marked. */
export function drawScores(el: HTMLElement, inst: Instrument, list: Assessment[], range: { from: string; to: string }): () => void {
  const xs = list.map((a) => Date.parse(a.completed_at) / 1000);
  const totals = list.map((a) => a.total);
  const better = list.map((a) => (a.change?.reliable === 'improvement' ? a.total : null));
  const worse = list.map((a) => (a.change?.reliable === 'deterioration' ? a.total : null));
  const line = cssVar(el, '--chart-valence', '#2f5d50');
  const shade = cssVar(el, '--band-shade', '#9a4f12');
  const good = cssVar(el, '--chart-better', '#1a56db');
  const bad = cssVar(el, '--chart-worse', '#a4161a');
  const max = inst.max_total;
  // The harder bands are shaded more strongly (the higher ones, or the lower ones on a
  // scale where higher is better, like the WHO-5).
  const flip = inst.direction ? inst.direction === 'higher_is_better' : inst.id === 'who5';
  const bands = [...inst.bands].sort((a, b) => a.min - b.min);
  el.dataset.points = String(list.length);
  el.dataset.bands = String(bands.length);
  el.dataset.reliable = String(better.filter((v) => v !== null).length + worse.filter((v) => v !== null).length);
  const step = max <= 6 ? 1 : max <= 10 ? 2 : 5;
  const splits = Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step);
  const from = Math.min(secs(dateAtNoon(range.from)), ...xs);
  const to = Math.max(secs(dateAtNoon(range.to)), ...xs);
  const pad = Math.max(43200, (to - from) * 0.03);
  return mount(
    el,
    {
      height: 180,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: true, range: [from - pad, to + pad] }, y: { range: [0, max] } },
      axes: axes(el, splits),
      hooks: {
        drawClear: [
          (u) => {
            const ctx = u.ctx;
            ctx.save();
            ctx.fillStyle = shade;
            bands.forEach((b, i) => {
              const top = i === bands.length - 1 ? max : bands[i + 1].min;
              const y0 = u.valToPos(b.min, 'y', true);
              const y1 = u.valToPos(top, 'y', true);
              const k = flip ? bands.length - 1 - i : i;
              ctx.globalAlpha = 0.05 + (0.3 * k) / Math.max(1, bands.length - 1);
              ctx.fillRect(u.bbox.left, Math.min(y0, y1), u.bbox.width, Math.abs(y0 - y1));
            });
            ctx.restore();
          },
        ],
      },
      series: [
        {},
        { label: 'score', stroke: line, width: 2, points: { show: true, size: 7, fill: line } },
        { label: 'reliable improvement', stroke: good, width: 0, paths: () => null, points: { show: true, size: 16, width: 3, stroke: good, fill: good } },
        { label: 'reliable deterioration', stroke: bad, width: 0, paths: () => null, points: { show: true, size: 16, width: 3, stroke: bad, fill: 'transparent' } },
      ],
    },
    [xs, totals, better, worse],
  );
}
