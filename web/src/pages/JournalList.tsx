// Journal: entries newest first with cursor paging ("Load more"), and above them any
// drafts not yet accepted by the server ("Not sent yet — saved on this device"). Entries the
// person shares with their clinician carry a "Shared" badge.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../api';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { ErrorText, Status } from '../components/Status';
import { draftsFor, flush, subscribe, type Draft } from '../drafts';
import { takeFlash } from '../flash';
import { formatDateTime } from '../format';
import { t, type MessageKey } from '../i18n';
import { useLinks } from '../sharing/links';
import { SharedBadge } from '../sharing/SharedBadge';
import type { SharedEntry } from '../sharing/types';
import type { Entry, User } from '../types';

function preview(e: { title: string; text: string; fields: Entry['fields'] }): string {
  const first = e.text.trim() || Object.values(e.fields).flat().filter((v) => typeof v === 'string' && v.trim())[0] || '';
  return String(first).slice(0, 160);
}

/** A name for an untitled entry: its first words, cut at a word boundary near 60
 * characters (never inside a word or a character), with "…" when something was left out. */
export function untitledName(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  if (chars.length <= max) return flat;
  const cut = chars.slice(0, max + 1).join('');
  const space = cut.lastIndexOf(' ');
  // One very long word: cut it rather than show almost nothing.
  const head = space >= max / 2 ? cut.slice(0, space) : chars.slice(0, max).join('');
  return `${head.replace(/[\s.,;:!?—–-]+$/u, '')}…`;
}

function entryName(e: { title: string; text: string; fields: Entry['fields'] }): string {
  return e.title.trim() || untitledName(preview(e)) || t('journal.untitled');
}

function usePending(userId: string): Draft[] {
  const read = () => draftsFor(userId).filter((d) => d.queued || d.rejected);
  const [list, setList] = useState(read);
  useEffect(() => {
    setList(read());
    return subscribe(() => setList(read()));
  }, [userId]);
  return list;
}

export function JournalList({ user }: { user: User }) {
  const pending = usePending(user.id);
  const { sharesEntries } = useLinks(user.id, user.role);
  const [flash] = useState(takeFlash);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (before: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const r = await api.listEntries(before);
      setEntries((old) => {
        const merged = before ? [...old, ...r.entries] : r.entries;
        const seen = new Set<string>();
        return merged.filter((e) => !seen.has(e.id) && seen.add(e.id));
      });
      setNext(r.next_before);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(null);
    // When a waiting draft reaches the server, show the list as the server has it.
    return subscribe((ev) => {
      if (ev.type === 'sent') void load(null);
    });
  }, [load]);

  return (
    <Page title={t('journal.title')}>
      <Status>{flash}</Status>
      <p class="actions">
        <Link class="button primary" href="/journal/new">
          {t('journal.new')}
        </Link>
        {sharesEntries && (
          <Link class="button" href="/sharing?past">
            {t('sharing.journalChoose')}
          </Link>
        )}
      </p>
      {pending.length > 0 && (
        <section aria-labelledby="pending-title" class="card pending">
          <h2 id="pending-title">{t('journal.pendingTitle')}</h2>
          <ul class="entry-list">
            {pending.map((d) => (
              <li key={d.localId} class="entry pending-entry">
                <h3>
                  <Link href={`/journal/new?draft=${encodeURIComponent(d.localId)}`}>{entryName(d)}</Link>
                </h3>
                <p class="meta">{d.rejected ? t('journal.rejected', { message: d.rejected.message }) : t('journal.pending')}</p>
              </li>
            ))}
          </ul>
          <button type="button" class="button" onClick={() => void flush(user.id)}>
            {t('journal.sendNow')}
          </button>
        </section>
      )}
      <section aria-labelledby="entries-title">
        <h2 id="entries-title">{t('journal.entriesTitle')}</h2>
        {!loading && !error && entries.length === 0 && <p>{t('journal.empty')}</p>}
        <ul class="entry-list">
          {entries.map((e) => (
            <li key={e.id} class="entry">
              <h3>
                <Link href={`/journal/${encodeURIComponent(e.id)}`}>{entryName(e)}</Link>
              </h3>
              <p class="meta">
                <time dateTime={e.created_at}>{formatDateTime(e.created_at)}</time> · {t(`kind.${e.kind}` as MessageKey)}
                {(e as SharedEntry).shared === true && (
                  <>
                    {' '}
                    · <SharedBadge />
                  </>
                )}
              </p>
              {e.title.trim() && preview(e) && <p class="excerpt">{preview(e)}</p>}
            </li>
          ))}
        </ul>
        <ErrorText>{error}</ErrorText>
        <Status>{loading ? t('app.loading') : entries.length ? t('journal.count', { count: entries.length }) : null}</Status>
        {next && !loading && (
          <button type="button" class="button" onClick={() => void load(next)}>
            {t('journal.loadMore')}
          </button>
        )}
      </section>
    </Page>
  );
}
