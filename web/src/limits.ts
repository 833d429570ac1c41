// Length limits of the API (docs/api.md), counted like the server: in Unicode code
// points ([...s].length), not UTF-16 units. Text is never cut; near a limit a live count
// appears, and over it a message that blocks sending until the text is shortened.
import { t } from './i18n';

export const TEXT_MAX = 20_000;
export const FIELD_MAX = 2_000;
export const TITLE_MAX = 200;

/** Show the count from this share of the limit on. */
const NEAR = 0.9;

export function codePoints(s: string): number {
  return [...s].length;
}

export interface Limit {
  hint?: string;
  error?: string;
  over: boolean;
}

export function checkLimit(value: string, max: number): Limit {
  const n = codePoints(value);
  if (n > max) return { hint: t('limit.count', { count: n, max }), error: t('limit.over', { max }), over: true };
  if (n >= max * NEAR) return { hint: t('limit.count', { count: n, max }), over: false };
  return { over: false };
}
