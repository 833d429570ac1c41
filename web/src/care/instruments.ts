// Questionnaire helpers shared by the questionnaire pages, Today and Insights: the
// instruments list (fetched once per visit and shared), short names, due states and the
// steps of answering (the functional question of the PHQ-9 comes last, only when some
// answer was above "not at all", as on the paper form).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { t, type MessageKey } from '../i18n';
import type { Instrument, InstrumentId, ScheduleItem } from '../types';
import { INSTRUMENT_IDS } from '../types';

let cached: Promise<Instrument[]> | null = null;

/** The instruments, fetched once; a failed fetch is forgotten so the next call retries. */
export function loadInstruments(): Promise<Instrument[]> {
  if (!cached) {
    cached = api.instruments().then(
      (r) => r.instruments,
      (e) => {
        cached = null;
        throw e;
      },
    );
  }
  return cached;
}

/** [instruments | null, error | null, retry]. */
export function useInstruments(): [Instrument[] | null, unknown, () => void] {
  const [list, setList] = useState<Instrument[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tries, setTries] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    loadInstruments().then(
      (l) => live && setList(l),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [tries]);
  return [list, error, () => setTries((n) => n + 1)];
}

export function isInstrumentId(id: string): id is InstrumentId {
  return (INSTRUMENT_IDS as string[]).includes(id);
}

/** "PHQ-9", "WHO-5": the short name people see on buttons and in lists. */
export function shortName(id: string): string {
  return isInstrumentId(id) ? t(`care.short.${id}` as MessageKey) : id.toUpperCase();
}

/** Sorted by the order people usually meet them (PHQ-9, GAD-7, the two-item screens, WHO-5). */
export function byUsualOrder<T extends { instrument: string } | { id: string }>(xs: T[]): T[] {
  const key = (x: T) => {
    const id = 'instrument' in x ? x.instrument : x.id;
    const i = (INSTRUMENT_IDS as string[]).indexOf(id);
    return i < 0 ? 99 : i;
  };
  return [...xs].sort((a, b) => key(a) - key(b));
}

export function isDue(s: Pick<ScheduleItem, 'state'>): boolean {
  return s.state === 'due' || s.state === 'overdue';
}

/** True when the functional question is asked: the instrument has one and some answer is above 0. */
export function asksFunctional(inst: Instrument, answers: (number | null)[]): boolean {
  return !!inst.functional_item && answers.some((a) => a !== null && a > 0);
}

/** The number of steps (questions) for the answers given so far. */
export function stepCount(inst: Instrument, answers: (number | null)[]): number {
  return inst.items.length + (asksFunctional(inst, answers) ? 1 : 0);
}
