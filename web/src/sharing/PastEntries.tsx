// "Choose past entries to share": the person's recent entries, each with a checkbox that
// sets its `shared` flag at once (PATCH /entries/{id}); older ones page in on request.
// This is how someone who links later (an anonymous person, say) shares what they wrote.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorMessage } from '../api';
import { ErrorText, Status } from '../components/Status';
import { formatDateTime } from '../format';
import { t, type MessageKey } from '../i18n';
import { untitledName } from '../pages/JournalList';
import { sharingApi } from './api';
import type { SharedEntry } from './types';

function nameOf(e: SharedEntry): string {
  const text = e.text.trim() || Object.values(e.fields ?? {}).flat().find((v) => typeof v === 'string' && v.trim()) || '';
  return e.title.trim() || untitledName(String(text)) || t('journal.untitled');
}

export function PastEntries({ sharesEntries }: { sharesEntries: boolean }) {
  const [entries, setEntries] = useState<SharedEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (before: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const r = await api.listEntries(before, 20);
      setEntries((old) => (before ? [...old, ...r.entries] : r.entries));
      setNext(r.next_before);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => void load(null), []);

  // Optimistic: the box shows the choice at once (a disabled box would lose keyboard focus);
  // it goes back, with the reason, if the server refuses.
  const latest = useRef(new Map<string, number>());
  const toggle = async (e: SharedEntry, shared: boolean) => {
    const n = (latest.current.get(e.id) ?? 0) + 1;
    latest.current.set(e.id, n);
    const stale = () => latest.current.get(e.id) !== n;
    const setShared = (v: boolean | undefined) => setEntries((old) => old.map((x) => (x.id === e.id ? { ...x, shared: v } : x)));
    setShared(shared);
    setStatus(null);
    setError(null);
    try {
      const saved = await sharingApi.setEntryShared(e.id, shared);
      if (stale()) return;
      const now = saved?.shared ?? shared;
      setShared(now);
      setStatus(t(now ? 'sharing.pastShared' : 'sharing.pastUnshared', { name: nameOf(e) }));
    } catch (err) {
      if (stale()) return;
      setShared(e.shared);
      setError(errorMessage(err));
    }
  };

  const sharedCount = entries.filter((e) => e.shared).length;
  return (
    <div class="stack">
      <p>{t('sharing.pastIntro')}</p>
      {!sharesEntries && <p class="notice">{t('sharing.pastNotShared')}</p>}
      {!loading && !error && entries.length === 0 && <p>{t('sharing.pastEmpty')}</p>}
      {entries.length > 0 && (
        <fieldset class="choice-list past-entries">
          <legend class="visually-hidden">{t('sharing.pastLegend')}</legend>
          {entries.map((e) => (
            <div class="choice" key={e.id}>
              <input
                id={`past-${e.id}`}
                type="checkbox"
                checked={e.shared === true}
                onChange={(ev) => void toggle(e, (ev.target as HTMLInputElement).checked)}
                aria-describedby={`past-${e.id}-meta`}
              />
              <div>
                <label for={`past-${e.id}`} class="choice-label">
                  {nameOf(e)}
                </label>
                <p class="hint choice-hint" id={`past-${e.id}-meta`}>
                  <time dateTime={e.created_at}>{formatDateTime(e.created_at)}</time> · {t(`kind.${e.kind}` as MessageKey)}
                </p>
              </div>
            </div>
          ))}
        </fieldset>
      )}
      <ErrorText>{error}</ErrorText>
      <Status>{loading ? t('app.loading') : status ?? (entries.length ? t('sharing.pastCount', { count: entries.length, shared: sharedCount }) : null)}</Status>
      {next && !loading && (
        <div>
          <button type="button" class="button" onClick={() => void load(next)}>
            {t('sharing.pastMore')}
          </button>
        </div>
      )}
    </div>
  );
}
