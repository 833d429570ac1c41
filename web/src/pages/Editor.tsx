// Journal editor for new and existing entries. Every change is kept as a local draft;
// saving sends it, and the draft is dropped only when the server answers 200/201. If the
// server cannot be reached the person sees "Not sent yet" and the outbox retries. While a
// link shares journal entries, "Share with my clinician" is offered; the choice travels with
// the draft, and an existing entry's flag is sent back on every save (PUT replaces it).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, errorMessage, NetworkError } from '../api';
import { EntryFields } from '../components/EntryFields';
import { SelectField, TextArea, TextField } from '../components/Field';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { ReflectionCard } from '../components/ReflectionCard';
import { SafetyCard } from '../components/SafetyCard';
import { ErrorText, Status } from '../components/Status';
import { findDraft, getDraft, hasContent, newLocalId, putDraft, removeDraft, sendDraft, subscribe, type Draft } from '../drafts';
import { setFlash } from '../flash';
import { formatDateTime } from '../format';
import { t, type MessageKey } from '../i18n';
import { navigate } from '../router';
import { checkLimit, FIELD_MAX, TEXT_MAX, TITLE_MAX } from '../limits';
import { useDraftSaver } from '../useDraftSaver';
import { useLinks } from '../sharing/links';
import { PromptNote } from '../sharing/PromptNote';
import { ShareEntryCheck } from '../sharing/ShareEntryCheck';
import type { SharedEntry } from '../sharing/types';
import { ENTRY_KINDS, KIND_FIELDS, type Entry, type EntryFields as Fields, type EntryKind, type Reflection, type Safety, type User } from '../types';

interface Props {
  user: User;
  /** Entry id, or null for a new entry. */
  id: string | null;
  /** Local draft id to open (from the "Not sent yet" list). */
  draftId: string | null;
}

interface Form {
  kind: EntryKind;
  title: string;
  text: string;
  fields: Fields;
  /** "Share with my clinician"; undefined: not chosen (not sent, the server's default). */
  shared?: boolean;
}

const EMPTY: Form = { kind: 'free', title: '', text: '', fields: {} };

function fromDraft(d: Draft): Form {
  return { kind: d.kind, title: d.title, text: d.text, fields: d.fields, shared: d.shared };
}

/** The form for an entry as the server has it (its `shared` flag kept, so a save keeps it). */
function fromEntry(e: Entry): Form {
  return { kind: e.kind, title: e.title ?? '', text: e.text ?? '', fields: e.fields ?? {}, shared: (e as SharedEntry).shared };
}

/** The id of the first control whose text is over its limit, if any. */
function firstOverLimit(f: Form): string | null {
  if (checkLimit(f.title, TITLE_MAX).over) return 'e-title';
  for (const name of KIND_FIELDS[f.kind]) {
    const v = f.fields[name];
    if (name === 'items') {
      const i = ((v as string[] | undefined) ?? []).findIndex((s) => checkLimit(s, FIELD_MAX).over);
      if (i >= 0) return `f-items-${i}`;
    } else if (typeof v === 'string' && checkLimit(v, FIELD_MAX).over) return `f-${name}`;
  }
  if (checkLimit(f.text, TEXT_MAX).over) return 'e-text';
  return null;
}

function fieldKey(field: string | undefined): string | undefined {
  return field?.replace(/^fields\./, '').split(/[.[]/)[0];
}

export function Editor({ user, id, draftId }: Props) {
  const [entryId, setEntryId] = useState<string | null>(id);
  const [entry, setEntry] = useState<Entry | null>(null);
  const [form, setForm] = useState<Form>(EMPTY);
  const [loading, setLoading] = useState(id !== null);
  const [notFound, setNotFound] = useState(false);
  const [restored, setRestored] = useState(false);
  const [queued, setQueued] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirmDelete, setConfirmDelete] = useState(false);
  /** The safety response of the latest save, shown as a card above the form. */
  const [safety, setSafety] = useState<Safety | null>(null);
  /** Interlude's reflection on the latest save, shown below the form (after any safety card). */
  const [reflection, setReflection] = useState<Reflection | null>(null);
  const localId = useRef<string>(newLocalId());
  const dirty = useRef(false);
  const keep = useDraftSaver();
  /** Bumped when a save or discard supersedes any scheduled keep-on-device write. */
  const generation = useRef(0);
  const { sharesEntries } = useLinks(user.id, user.role);
  const [assignmentId] = useState(() => (id === null ? new URLSearchParams(location.search).get('assignment') : null));

  // Open: a local draft wins over the server copy, since it holds unsent words.
  useEffect(() => {
    if (id !== null && id === entryId && entry) return; // we just saved and moved here
    setEntryId(id);
    setErrors({});
    setStatus(null);
    setSafety(null);
    setReflection(null);
    dirty.current = false;
    const local = draftId ? getDraft(draftId) : findDraft(user.id, id, 'editor');
    if (local && local.userId === user.id) {
      localId.current = local.localId;
      setForm(fromDraft(local));
      setQueued(local.queued);
      setRestored(true);
      if (local.rejected) setErrors(local.rejected.field ? { [fieldKey(local.rejected.field)!]: local.rejected.message } : { form: local.rejected.message });
      if (local.entryId) setEntryId(local.entryId);
    } else {
      localId.current = newLocalId();
      setForm(EMPTY);
      setRestored(false);
      setQueued(false);
    }
    if (id === null) {
      setLoading(false);
      return;
    }
    setLoading(true);
    api.getEntry(id).then(
      ({ entry: e }) => {
        setEntry(e);
        if (!local) setForm(fromEntry(e));
        setLoading(false);
      },
      (e) => {
        setLoading(false);
        if (e instanceof ApiError && e.status === 404) setNotFound(true);
        else if (!(e instanceof NetworkError) || !local) setErrors({ form: errorMessage(e) });
      },
    );
  }, [id, draftId]);

  // A draft sent later by the outbox (back online): show it as saved.
  useEffect(
    () =>
      subscribe((ev) => {
        if (ev.type !== 'sent' || ev.localId !== localId.current) return;
        setEntry(ev.entry);
        setEntryId(ev.entry.id);
        setQueued(false);
        setRestored(false);
        setStatus(t('editor.sentLater'));
        setSafety(ev.safety);
        setReflection(ev.reflection);
        if (!getDraft(localId.current)) localId.current = newLocalId();
        navigate(`/journal/${encodeURIComponent(ev.entry.id)}`, { replace: true });
      }),
    [],
  );

  const draft = (f: Form, q: boolean): Draft => ({
    localId: localId.current,
    userId: user.id,
    entryId,
    ...f,
    updatedAt: '',
    queued: q,
    source: 'editor',
    rejected: null,
  });

  const change = (patch: Partial<Form>) => {
    const next = { ...form, ...patch };
    setForm(next);
    dirty.current = true;
    const d = draft(next, queued);
    const gen = generation.current;
    keep(() => {
      if (gen !== generation.current) return;
      if (hasContent(next) || next.title.trim()) putDraft(d);
      else removeDraft(d.localId);
    });
  };

  const save = async (e: Event) => {
    e.preventDefault();
    generation.current++;
    setErrors({});
    if (!hasContent(form)) {
      setErrors({ form: t('editor.empty') });
      return;
    }
    const over = firstOverLimit(form);
    if (over) {
      // Never cut: the message is beside the field; keep the draft and take them there.
      document.getElementById(over)?.focus();
      return;
    }
    const myId = localId.current;
    putDraft(draft(form, true));
    setQueued(true);
    setBusy(true);
    setStatus(t('editor.saving'));
    setReflection(null);
    const r = await sendDraft(myId);
    setBusy(false);
    if (r.status === 'sent') {
      setQueued(false);
      setRestored(false);
      setEntry(r.entry);
      setEntryId(r.entry.id);
      dirty.current = false;
      if (!getDraft(myId)) localId.current = newLocalId();
      setStatus(t('editor.saved'));
      setSafety(r.safety);
      setReflection(r.reflection);
      navigate(`/journal/${encodeURIComponent(r.entry.id)}`, { replace: true });
    } else if (r.status === 'kept') {
      setStatus(t('editor.notSent'));
    } else {
      setQueued(false);
      setStatus(null);
      const key = fieldKey(r.error.field);
      const known = key && (key === 'text' || key === 'title' || KIND_FIELDS[form.kind].includes(key as keyof Fields));
      setErrors(known ? { [key]: r.error.message } : { form: r.error.message });
      if (known) document.getElementById(key === 'items' ? 'f-items-0' : key === 'text' || key === 'title' ? `e-${key}` : `f-${key}`)?.focus();
    }
  };

  const discard = () => {
    generation.current++;
    removeDraft(localId.current);
    localId.current = newLocalId();
    setRestored(false);
    setQueued(false);
    setErrors({});
    setForm(entry ? fromEntry(entry) : EMPTY);
  };

  const doDelete = async () => {
    if (!entryId) return;
    setBusy(true);
    try {
      await api.deleteEntry(entryId);
      removeDraft(localId.current);
      setFlash(t('editor.deleted'));
      navigate('/journal');
    } catch (e) {
      setErrors({ form: errorMessage(e) });
      setBusy(false);
    }
  };

  const title = entryId ? t('editor.editTitle') : t('editor.newTitle');
  if (notFound) {
    return (
      <Page title={title}>
        <p>{t('editor.notFound')}</p>
        <p>
          <Link href="/journal">{t('editor.back')}</Link>
        </p>
      </Page>
    );
  }

  const structured = KIND_FIELDS[form.kind].length > 0;
  return (
    <Page title={title}>
      <p>
        <Link href="/journal">{t('editor.back')}</Link>
      </p>
      {entry && (
        <p class="meta">
          {t('editor.created', { date: formatDateTime(entry.created_at) })}
          {entry.updated_at !== entry.created_at && <>, {t('editor.updated', { date: formatDateTime(entry.updated_at) })}</>}
        </p>
      )}
      {restored && (
        <div class="notice">
          <p>{queued ? t('editor.notSent') : t('editor.restored')}</p>
          <button type="button" class="button small" onClick={discard}>
            {t('editor.discard')}
          </button>
        </div>
      )}
      {assignmentId && !entryId && <PromptNote assignmentId={assignmentId} />}
      <SafetyCard safety={safety} />
      <Status>{loading ? t('app.loading') : null}</Status>
      <form onSubmit={save} noValidate class="stack editor" aria-busy={loading ? 'true' : undefined}>
        <SelectField
          id="e-kind"
          label={t('editor.kind')}
          value={form.kind}
          hint={t(`kindHint.${form.kind}` as MessageKey)}
          onChange={(e) => change({ kind: (e.target as HTMLSelectElement).value as EntryKind })}
        >
          {ENTRY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}` as MessageKey)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="e-title"
          label={t('editor.titleLabel')}
          value={form.title}
          onInput={(e) => change({ title: (e.target as HTMLInputElement).value })}
          hint={checkLimit(form.title, TITLE_MAX).hint}
          error={checkLimit(form.title, TITLE_MAX).error ?? errors.title}
        />
        <EntryFields kind={form.kind} fields={form.fields} errors={errors} onChange={(fields) => change({ fields })} />
        <TextArea
          id="e-text"
          label={structured ? t('editor.textStructured') : t('editor.text')}
          rows={structured ? 4 : 12}
          value={form.text}
          onInput={(e) => change({ text: (e.target as HTMLTextAreaElement).value })}
          hint={checkLimit(form.text, TEXT_MAX).hint}
          error={checkLimit(form.text, TEXT_MAX).error ?? errors.text}
        />
        {(sharesEntries || form.shared === true) && <ShareEntryCheck checked={form.shared === true} onChange={(on) => change({ shared: on })} />}
        <ErrorText>{errors.form}</ErrorText>
        <div class="actions">
          <button type="submit" class="button primary" disabled={busy}>
            {t('editor.save')}
          </button>
          {entryId && !confirmDelete && (
            <button type="button" class="button danger" onClick={() => setConfirmDelete(true)} disabled={busy}>
              {t('editor.delete')}
            </button>
          )}
        </div>
        <Status>{status}</Status>
      </form>
      <ReflectionCard reflection={reflection} safety={safety} />
      {entryId && confirmDelete && (
        <div class="notice danger-zone" role="group" aria-labelledby="del-q">
          <p id="del-q">{t('editor.deleteConfirm')}</p>
          <div class="actions">
            <button type="button" class="button danger" onClick={doDelete} disabled={busy}>
              {t('editor.deleteYes')}
            </button>
            <button type="button" class="button" onClick={() => setConfirmDelete(false)}>
              {t('editor.deleteNo')}
            </button>
          </div>
        </div>
      )}
    </Page>
  );
}
