// Date and number formatting through Intl, in the active locale.
import { currentLocale } from './i18n';

const cache = new Map<string, Intl.DateTimeFormat>();
function dtf(key: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(currentLocale(), opts);
    cache.set(key, f);
  }
  return f;
}

/** "Saturday 28 November 2026" style. */
export function formatLongDate(d: Date | string): string {
  return dtf('long', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(d));
}

/** Date and time, e.g. "28 Nov 2026, 01:44". */
export function formatDateTime(d: Date | string): string {
  return dtf('dt', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(d));
}

/** Time only, e.g. "01:44". */
export function formatTime(d: Date | string): string {
  return dtf('t', { timeStyle: 'short' }).format(new Date(d));
}

/** Short date for chart axes, e.g. "28 Nov". */
export function formatShortDate(d: Date | string): string {
  return dtf('sd', { day: 'numeric', month: 'short' }).format(new Date(d));
}

/** Day heading, e.g. "Saturday, 28 November". */
export function formatDay(d: Date | string): string {
  return dtf('day', { weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(d));
}

export function formatNumber(n: number, maxFractionDigits = 1): string {
  return new Intl.NumberFormat(currentLocale(), { maximumFractionDigits: maxFractionDigits }).format(n);
}

/** A list like "calm, content and hopeful". */
export function formatList(items: string[]): string {
  return new Intl.ListFormat(currentLocale(), { style: 'long', type: 'conjunction' }).format(items);
}
