// The screener's skip rule (../shared/CLINICAL.md §6.1): q1, q2 and q6 are always asked;
// q3-q5 only after a yes to q2; q6_recent only after a yes to q6. Pure functions.
import type { ScreenerAnswers } from '../types';

/** The questions to ask, in order, given the answers so far. */
export function askedIds(answers: ScreenerAnswers): string[] {
  const ids = ['q1', 'q2'];
  if (answers.q2 === true) ids.push('q3', 'q4', 'q5');
  ids.push('q6');
  if (answers.q6 === true) ids.push('q6_recent');
  return ids;
}

/** The next question to ask among those the server offers, or null when all are answered. */
export function nextId(answers: ScreenerAnswers, offered: readonly string[]): string | null {
  return askedIds(answers).find((id) => offered.includes(id) && !(id in answers)) ?? null;
}

/** Only the answers to questions that are still asked (a changed q2 drops q3-q5). */
export function keptAnswers(answers: ScreenerAnswers): ScreenerAnswers {
  const out: ScreenerAnswers = {};
  for (const id of askedIds(answers)) if (id in answers) out[id] = answers[id];
  return out;
}
