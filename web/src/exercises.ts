// The coping-exercise library (GET /exercises, public), loaded once per page load and
// shared by the exercises pages and the companion (which opens an offered exercise).
import { api } from './api';
import type { Exercise } from './types';

let pending: Promise<Exercise[]> | null = null;

/** The library; a failed load is forgotten so the next call tries again. */
export function loadExercises(): Promise<Exercise[]> {
  if (!pending) {
    pending = api.exercises().then(
      (r) => r.items ?? [],
      (e) => {
        pending = null;
        throw e;
      },
    );
  }
  return pending;
}

/** "2:05": minutes and seconds, for a countdown. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
