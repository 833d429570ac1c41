// Homework helpers: titles in words (falling back to the exercise's or questionnaire's
// name), due dates read as local calendar days, overdue in words, where "Start" leads,
// and the order to show them in (open by due date, then done, newest first).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { formatDay } from '../format';
import { t, type MessageKey } from '../i18n';
import type { Assignment } from './types';

/** Today as YYYY-MM-DD in the person's own time zone. */
export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export function isOverdue(a: Assignment, today = localToday()): boolean {
  return !a.done_at && a.due < today;
}

/** "Due Saturday, 5 December", "Due today" or "Overdue — was due …" (never colour alone). */
export function dueText(a: Assignment, today = localToday()): string {
  const date = formatDay(new Date(`${a.due}T12:00:00`));
  if (isOverdue(a, today)) return t('sharing.overdue', { date });
  if (a.due === today) return t('sharing.dueToday');
  return t('sharing.due', { date });
}

export function startHref(a: Assignment): string | null {
  if (a.kind === 'exercise' && a.ref) return `/exercises/${encodeURIComponent(a.ref)}`;
  if (a.kind === 'questionnaire' && a.ref) return `/questionnaires/${encodeURIComponent(a.ref)}`;
  if (a.kind === 'prompt') return `/journal/new?assignment=${encodeURIComponent(a.id)}`;
  return null;
}

export function sortAssignments(list: Assignment[]): { open: Assignment[]; done: Assignment[] } {
  const open = list.filter((a) => !a.done_at).sort((x, y) => x.due.localeCompare(y.due) || x.created_at.localeCompare(y.created_at));
  const done = list.filter((a) => a.done_at).sort((x, y) => (y.done_at ?? '').localeCompare(x.done_at ?? ''));
  return { open, done };
}

/** Names of exercises and questionnaires, loaded only when an assignment has no title. */
export function useRefNames(list: Assignment[] | null): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const needExercises = !!list?.some((a) => !a.title && a.kind === 'exercise');
  const needInstruments = !!list?.some((a) => !a.title && a.kind === 'questionnaire');
  useEffect(() => {
    if (needExercises) {
      api.exercises().then(
        (r) => setNames((n) => ({ ...n, ...Object.fromEntries(r.items.map((x) => [`exercise:${x.id}`, x.title])) })),
        () => {},
      );
    }
  }, [needExercises]);
  useEffect(() => {
    if (needInstruments) {
      api.instruments().then(
        (r) => setNames((n) => ({ ...n, ...Object.fromEntries(r.instruments.map((x) => [`questionnaire:${x.id}`, x.name])) })),
        () => {},
      );
    }
  }, [needInstruments]);
  return names;
}

export function titleOf(a: Assignment, names: Record<string, string>): string {
  return a.title?.trim() || (a.ref ? names[`${a.kind}:${a.ref}`] : undefined) || a.ref || t(`sharing.kind.${a.kind}` as MessageKey);
}
