// The caseload's 14-day mood sparkline as numbers: the points of its polylines (one per run
// of days with check-ins, so a day without one breaks the line) and its words — the average
// and whether mood rose, fell or held steady across the days (least-squares slope), which
// is the text alternative of the drawing.

export const SPARK_W = 140;
export const SPARK_H = 36;
const PAD = 4;
/** Pleasantness runs from 1 (very unpleasant) to 7 (very pleasant). */
const MIN = 1;
const MAX = 7;

export type Direction = 'rising' | 'falling' | 'steady' | null;

export interface SparkSummary {
  /** Days with a value. */
  days: number;
  mean: number | null;
  direction: Direction;
}

const present = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Average and direction: a fitted change of half a point or more over the span is a rise or fall. */
export function summarise(values: (number | null)[]): SparkSummary {
  const pts = values.map((v, i) => [i, v] as const).filter((p): p is readonly [number, number] => present(p[1]));
  if (pts.length === 0) return { days: 0, mean: null, direction: null };
  const mean = pts.reduce((a, p) => a + p[1], 0) / pts.length;
  if (pts.length < 3) return { days: pts.length, mean, direction: null };
  const mx = pts.reduce((a, p) => a + p[0], 0) / pts.length;
  let num = 0;
  let den = 0;
  for (const [x, y] of pts) {
    num += (x - mx) * (y - mean);
    den += (x - mx) * (x - mx);
  }
  const slope = den > 0 ? num / den : 0;
  const change = slope * (values.length - 1);
  const direction: Direction = change >= 0.5 ? 'rising' : change <= -0.5 ? 'falling' : 'steady';
  return { days: pts.length, mean, direction };
}

/** SVG coordinates: runs of consecutive days as point lists ("x,y x,y"), and lone days as dots. */
export function sparkGeometry(values: (number | null)[]): { lines: string[]; dots: [number, number][] } {
  const n = Math.max(values.length, 2);
  const x = (i: number) => PAD + (i * (SPARK_W - 2 * PAD)) / (n - 1);
  const y = (v: number) => {
    const c = Math.min(MAX, Math.max(MIN, v));
    return SPARK_H - PAD - ((c - MIN) * (SPARK_H - 2 * PAD)) / (MAX - MIN);
  };
  const lines: string[] = [];
  const dots: [number, number][] = [];
  let run: [number, number][] = [];
  const end = () => {
    if (run.length === 1) dots.push(run[0]);
    else if (run.length > 1) lines.push(run.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(' '));
    run = [];
  };
  values.forEach((v, i) => {
    if (present(v)) run.push([x(i), y(v)]);
    else end();
  });
  end();
  return { lines, dots };
}
