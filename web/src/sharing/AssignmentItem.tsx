// One homework item on the homework page: what it is, when it is due (overdue said in
// words), the clinician's instructions, "Start" where there is somewhere to go, and
// "Mark done" with an optional note (PATCH /assignments/{id}); a done item can be undone.
import { useState } from 'preact/hooks';
import { errorMessage } from '../api';
import { TextArea } from '../components/Field';
import { Link } from '../components/Link';
import { ErrorText } from '../components/Status';
import { formatDateTime } from '../format';
import { t, type MessageKey } from '../i18n';
import { checkLimit, FIELD_MAX } from '../limits';
import { sharingApi } from './api';
import { dueText, isOverdue, startHref } from './homework';
import type { Assignment } from './types';

interface Props {
  a: Assignment;
  title: string;
  onChanged: (a: Assignment, message: string) => void;
}

export function AssignmentItem({ a, title, onChanged }: Props) {
  const [marking, setMarking] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `hw-${a.id}`;
  const href = startHref(a);
  const overdue = isOverdue(a);
  const limit = checkLimit(note, FIELD_MAX);

  const open = () => {
    setMarking(true);
    requestAnimationFrame(() => document.getElementById(`${base}-note`)?.focus());
  };
  const cancel = () => {
    setMarking(false);
    setError(null);
    requestAnimationFrame(() => document.getElementById(`${base}-done`)?.focus());
  };
  const set = async (done: boolean, e?: Event) => {
    e?.preventDefault();
    if (done && limit.over) {
      document.getElementById(`${base}-note`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await sharingApi.markDone(a.id, done, done && note.trim() ? note.trim() : undefined);
      setMarking(false);
      setNote('');
      onChanged(saved, t(done ? 'sharing.marked' : 'sharing.unmarked', { title }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class={`card assignment${overdue ? ' overdue' : ''}${a.done_at ? ' done' : ''}`}>
      <h3 id={`${base}-title`}>{title}</h3>
      <p class="meta">
        {t(`sharing.kind.${a.kind}` as MessageKey)}
        {a.assigned_by && <> · {t('sharing.from', { handle: a.assigned_by.handle })}</>}
      </p>
      <p class={overdue ? 'due overdue-text' : 'due meta'}>
        {a.done_at ? t('sharing.doneOn', { date: formatDateTime(a.done_at) }) : overdue ? <strong>{dueText(a)}</strong> : dueText(a)}
      </p>
      {a.instructions && <p class="assignment-instructions">{a.instructions}</p>}
      {a.done_at && a.note && <p class="note">{t('sharing.yourNote', { note: a.note })}</p>}
      {!a.done_at && !marking && (
        <div class="actions">
          {href && (
            <Link class="button primary" href={href} aria-label={t('sharing.startNamed', { title })}>
              {t('sharing.start')}
            </Link>
          )}
          <button type="button" id={`${base}-done`} class="button" onClick={open} aria-label={t('sharing.markDoneNamed', { title })}>
            {t('sharing.markDone')}
          </button>
        </div>
      )}
      {!a.done_at && marking && (
        <form class="stack" noValidate onSubmit={(e) => void set(true, e)}>
          <TextArea
            id={`${base}-note`}
            label={t('sharing.doneNote')}
            hint={limit.hint ?? t('sharing.doneNoteHint')}
            error={limit.error}
            rows={3}
            value={note}
            onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
          />
          <div class="actions">
            <button type="submit" class="button primary" disabled={busy}>
              {busy ? t('sharing.marking') : t('sharing.doneConfirm')}
            </button>
            <button type="button" class="button" onClick={cancel} disabled={busy}>
              {t('sharing.doneCancel')}
            </button>
          </div>
        </form>
      )}
      {a.done_at && (
        <div class="actions">
          <button type="button" class="button small" onClick={() => void set(false)} disabled={busy} aria-label={t('sharing.undoNamed', { title })}>
            {t('sharing.undo')}
          </button>
        </div>
      )}
      <ErrorText>{error}</ErrorText>
    </li>
  );
}
