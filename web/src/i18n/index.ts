// Message lookup. t(key, params) reads the active catalogue (chosen from the browser's
// languages), falls back to English, fills {placeholders} and picks plural forms with
// Intl.PluralRules when params.count is given. To add a language, add xx.ts exporting
// a Partial<Messages> and register it in `catalogues`.
import { en, type MessageKey, type Messages, type Plural } from './en';

export type { MessageKey };

const catalogues: Record<string, Partial<Messages>> = { en };

let locale = 'en';
let active: Partial<Messages> = en;
let plurals = new Intl.PluralRules('en');
let numbers = new Intl.NumberFormat('en');

/** Picks the first browser language we have a catalogue for; returns the locale tag used. */
export function initLocale(preferred: readonly string[] = navigator.languages ?? [navigator.language]): string {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (catalogues[base]) {
      locale = tag;
      active = catalogues[base];
      break;
    }
  }
  plurals = new Intl.PluralRules(locale);
  numbers = new Intl.NumberFormat(locale);
  document.documentElement.lang = locale.split('-')[0];
  return locale;
}

/** The BCP 47 tag used for dates and numbers. */
export function currentLocale(): string {
  return locale;
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  let msg: string | Plural | undefined = active[key] ?? en[key];
  if (msg === undefined) return key;
  if (typeof msg !== 'string') {
    const n = Number(params?.count ?? 0);
    msg = msg[plurals.select(n)] ?? msg.other;
  }
  if (!params) return msg;
  return msg.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === 'number' ? numbers.format(v) : v;
  });
}
