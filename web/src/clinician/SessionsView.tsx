// Therapy sessions of this client: the list (upcoming and past, each with links to its
// brief and note draft, and Remove), a form to add one by date and time, and the import
// of an iCalendar (.ics) file — read in the browser with FileReader and sent as text; the
// server turns each event's start into a session and skips events it already has.
import { useState } from 'preact/hooks';
import { errorMessage } from '../api';
import { Link } from '../components/Link';
import { TextField } from '../components/Field';
import { ErrorText, Status } from '../components/Status';
import { formatDateTime } from '../format';
import { t } from '../i18n';
import { clinicianApi } from './api';
import { LoadNote, useLoad } from './shared';
import type { ClientHeader, ClinicalSession } from './types';

/** At most this much calendar text is read (a year of weekly sessions is a few tens of KB). */
const MAX_ICS_BYTES = 512 * 1024;

function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result ?? ''));
    r.onerror = () => reject(r.error);
    r.readAsText(file);
  });
}

function SessionRow({ s, base, onRemove }: { s: ClinicalSession; base: string; onRemove: (s: ClinicalSession) => void }) {
  const when = formatDateTime(s.at);
  return (
    <li class="session-item" data-testid="session">
      <span class="session-when">{when}</span>
      {s.source === 'ics' && <span class="badge">{t('clinician.sessions.imported')}</span>}
      <span class="session-links">
        <Link href={`${base}?session=${encodeURIComponent(s.id)}`} aria-label={t('clinician.sessions.briefFor', { date: when })}>
          {t('clinician.sessions.brief')}
        </Link>
        <Link href={`${base}/note?session=${encodeURIComponent(s.id)}`} aria-label={t('clinician.sessions.noteFor', { date: when })}>
          {t('clinician.sessions.note')}
        </Link>
        <button type="button" class="button small" onClick={() => onRemove(s)} aria-label={t('clinician.sessions.removeFor', { date: when })}>
          {t('clinician.sessions.remove')}
        </button>
      </span>
    </li>
  );
}

export function SessionsView({ client }: { client: ClientHeader }) {
  const [load, reload] = useLoad(() => clinicianApi.sessions(client.id), [client.id]);
  const [at, setAt] = useState('');
  const [atError, setAtError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [icsError, setIcsError] = useState<string | null>(null);
  const base = `/clinician/clients/${encodeURIComponent(client.id)}`;

  const add = async (e: Event) => {
    e.preventDefault();
    setAtError(null);
    setStatus(null);
    const when = at ? new Date(at) : null;
    if (!when || Number.isNaN(when.getTime())) {
      setAtError(t('clinician.sessions.atRequired'));
      return;
    }
    setBusy(true);
    try {
      const s = await clinicianApi.addSession(client.id, when.toISOString());
      setAt('');
      setStatus(t('clinician.sessions.added', { date: formatDateTime(s.at) }));
      reload();
    } catch (err) {
      setAtError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    setIcsError(null);
    setStatus(null);
    if (!file) return;
    if (file.size > MAX_ICS_BYTES) {
      setIcsError(t('clinician.sessions.icsTooBig'));
      input.value = '';
      return;
    }
    setBusy(true);
    try {
      const r = await clinicianApi.importSessions(client.id, await readText(file));
      setStatus(t('clinician.sessions.importDone', { imported: r.imported, skipped: Array.isArray(r.skipped) ? r.skipped.length : r.skipped }));
      reload();
    } catch (err) {
      setIcsError(errorMessage(err));
    } finally {
      setBusy(false);
      input.value = '';
    }
  };

  const remove = async (s: ClinicalSession) => {
    setError(null);
    setStatus(null);
    try {
      await clinicianApi.deleteSession(client.id, s.id);
      setStatus(t('clinician.sessions.removed', { date: formatDateTime(s.at) }));
      reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const now = Date.now();
  const list = load.state === 'ok' ? load.data : [];
  const upcoming = list.filter((s) => Date.parse(s.at) >= now);
  const past = list.filter((s) => Date.parse(s.at) < now).reverse();

  return (
    <section aria-labelledby="ses-title" data-testid="sessions">
      <h2 id="ses-title">{t('clinician.sessions.title')}</h2>
      <Status>{status}</Status>
      <ErrorText>{error}</ErrorText>
      <LoadNote load={load} />
      {load.state === 'ok' && (
        <>
          <h3>{t('clinician.sessions.upcoming')}</h3>
          {upcoming.length ? (
            <ul class="plain sessions">
              {upcoming.map((s) => (
                <SessionRow key={s.id} s={s} base={base} onRemove={remove} />
              ))}
            </ul>
          ) : (
            <p class="hint">{t('clinician.sessions.noUpcoming')}</p>
          )}
          <h3>{t('clinician.sessions.past')}</h3>
          {past.length ? (
            <ul class="plain sessions">
              {past.map((s) => (
                <SessionRow key={s.id} s={s} base={base} onRemove={remove} />
              ))}
            </ul>
          ) : (
            <p class="hint">{t('clinician.sessions.noPast')}</p>
          )}
        </>
      )}
      <form class="card stack narrow" onSubmit={add} noValidate>
        <h3>{t('clinician.sessions.addTitle')}</h3>
        <TextField id="ses-at" label={t('clinician.sessions.at')} type="datetime-local" value={at} onInput={(e) => setAt((e.target as HTMLInputElement).value)} error={atError} />
        <button type="submit" class="button primary" disabled={busy}>
          {t('clinician.sessions.add')}
        </button>
      </form>
      <div class="card stack narrow">
        <h3>{t('clinician.sessions.importTitle')}</h3>
        <TextField
          id="ses-ics"
          label={t('clinician.sessions.icsLabel')}
          hint={t('clinician.sessions.icsHint')}
          type="file"
          accept=".ics,text/calendar"
          onChange={importFile}
          disabled={busy}
          error={icsError}
        />
      </div>
    </section>
  );
}
