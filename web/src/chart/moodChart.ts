// Draws the valence/energy line chart with uPlot. Loaded lazily (dynamic import) by the
// Mood page so uPlot and its CSS stay out of the first load. Colours come from CSS
// custom properties, so light and dark mode both work. Returns a dispose function.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatShortDate, formatTime } from '../format';
import type { CheckIn } from '../types';

function cssVar(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

export function drawMoodChart(box: HTMLElement, checkins: CheckIn[]): () => void {
  const sorted = [...checkins].sort((a, b) => a.at.localeCompare(b.at));
  const xs = sorted.map((c) => Date.parse(c.at) / 1000);
  const data: uPlot.AlignedData = [xs, sorted.map((c) => c.valence), sorted.map((c) => c.energy)];
  const fg = cssVar(box, '--fg-muted', '#555');
  const grid = cssVar(box, '--border', '#ddd');
  const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const span = xs.length ? xs[xs.length - 1] - xs[0] : 0;
  const width = () => Math.max(280, box.clientWidth);

  const plot = new uPlot(
    {
      width: width(),
      height: 240,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: true }, y: { range: [1, 7] } },
      axes: [
        {
          ...axis,
          // Within two days, times say more than a row of identical dates.
          values: (_u, splits) =>
            splits.map((s) => (span < 2 * 86400 ? formatTime : formatShortDate)(new Date(s * 1000))),
        },
        { ...axis, splits: () => [1, 2, 3, 4, 5, 6, 7] },
      ],
      series: [
        {},
        { label: 'valence', stroke: cssVar(box, '--chart-valence', '#2f5d50'), width: 2.5, points: { show: true, size: 6 } },
        { label: 'energy', stroke: cssVar(box, '--chart-energy', '#9a4f12'), width: 2, dash: [6, 4], points: { show: true, size: 5 } },
      ],
    },
    data,
    box,
  );
  const resize = () => plot.setSize({ width: width(), height: 240 });
  window.addEventListener('resize', resize);
  return () => {
    window.removeEventListener('resize', resize);
    plot.destroy();
  };
}
