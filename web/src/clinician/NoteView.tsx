// A session note draft: choose the session and SOAP or DAP, and the server's draft —
// filled only with what was measured or shared — appears in an editable text box clearly
// labelled DRAFT, with "Download as text" saving what the box holds as a .txt file.
// Nothing typed here is sent to the server.
import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../api';
import { Link } from '../components/Link';
import { SelectField } from '../components/Field';
import { ErrorText, Status } from '../components/Status';
import { formatDateTime } from '../format';
import { t } from '../i18n';
import { clinicianApi } from './api';
import { LoadNote, downloadText, useLoad } from './shared';
import type { ClientHeader, NoteDraft, NoteFormat } from './types';

/** The latest session that has begun, else the first one. */
function defaultSession(list: { id: string; at: string }[]): string {
  const now = Date.now();
  const past = list.filter((s) => Date.parse(s.at) <= now);
  return (past[past.length - 1] ?? list[0])?.id ?? '';
}

export function NoteView({ client, session }: { client: ClientHeader; session: string | null }) {
  const [sessions] = useLoad(() => clinicianApi.sessions(client.id), [client.id]);
  const [sid, setSid] = useState(session ?? '');
  const [format, setFormat] = useState<NoteFormat>('soap');
  const [note, setNote] = useState<NoteDraft | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    if (!sid && sessions.state === 'ok') setSid(defaultSession(sessions.data));
  }, [sessions.state]);

  const draft = async (e: Event) => {
    e.preventDefault();
    if (!sid) return;
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const n = await clinicianApi.note(client.id, sid, format);
      setNote(n);
      setText(n.text);
      setStatus(t('clinician.note.ready'));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const chosen = sessions.state === 'ok' ? sessions.data.find((s) => s.id === sid) : undefined;
  const fileName = () => {
    const day = chosen ? chosen.at.slice(0, 10) : 'session';
    return `interlude-${client.handle}-${day}-${(note?.format ?? format).toUpperCase()}-draft.txt`.replace(/[^A-Za-z0-9._-]+/g, '-');
  };

  return (
    <section aria-labelledby="note-title" data-testid="note">
      <h2 id="note-title">{t('clinician.note.title')}</h2>
      <p class="hint">{t('clinician.note.intro')}</p>
      <LoadNote load={sessions} />
      {sessions.state === 'ok' && sessions.data.length === 0 && (
        <p>
          {t('clinician.note.noSessions')} <Link href={`/clinician/clients/${encodeURIComponent(client.id)}/sessions`}>{t('clinician.note.addSession')}</Link>
        </p>
      )}
      {sessions.state === 'ok' && sessions.data.length > 0 && (
        <form class="card stack narrow" onSubmit={draft} noValidate>
          <SelectField id="note-session" label={t('clinician.note.session')} value={sid} onChange={(e) => setSid((e.target as HTMLSelectElement).value)}>
            {sessions.data.map((s) => (
              <option key={s.id} value={s.id}>
                {formatDateTime(s.at)}
              </option>
            ))}
          </SelectField>
          <fieldset>
            <legend>{t('clinician.note.format')}</legend>
            {(['soap', 'dap'] as const).map((f) => (
              <label class="check" key={f}>
                <input type="radio" name="note-format" value={f} checked={format === f} onChange={() => setFormat(f)} />
                <span>{t(f === 'soap' ? 'clinician.note.soap' : 'clinician.note.dap')}</span>
              </label>
            ))}
          </fieldset>
          <button type="submit" class="button primary" disabled={busy || !sid}>
            {t('clinician.note.make')}
          </button>
        </form>
      )}
      <Status>{busy ? t('clinician.note.working') : status}</Status>
      <ErrorText>{error}</ErrorText>
      {note && (
        <div class="card note-draft">
          <p class="draft-flag" id="note-flag">
            {t('clinician.note.draftFlag')}
          </p>
          <div class="field">
            <label for="note-text">{t('clinician.note.textLabel', { format: note.format.toUpperCase(), date: chosen ? formatDateTime(chosen.at) : '' })}</label>
            <textarea id="note-text" rows={18} value={text} aria-describedby="note-flag" onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} data-testid="note-text" />
          </div>
          <div class="actions">
            <button type="button" class="button" onClick={() => downloadText(fileName(), text)}>
              {t('clinician.note.download')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
