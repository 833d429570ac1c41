// Calendar days in the viewer's time zone as YYYY-MM-DD (the form the insights API takes
// and returns), and the small arithmetic the insights range needs.

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar date of a time, YYYY-MM-DD. */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The date n days after (or before, n < 0) a YYYY-MM-DD date. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return localDate(new Date(y, m - 1, d + n));
}

/** A YYYY-MM-DD date as a local Date at noon (safe across daylight-saving changes). */
export function dateAtNoon(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d, 12);
}

/** The last `days` calendar days up to and including today: {from, to} as YYYY-MM-DD. */
export function lastDays(days: number, now = new Date()): { from: string; to: string } {
  const to = localDate(now);
  return { from: addDays(to, -(days - 1)), to };
}

/** A datetime-local input value ("2026-11-28T09:30") for an ISO time, or '' for none. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${localDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
