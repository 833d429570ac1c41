// The Today page's quick "write" box: creates a free journal entry through the draft
// outbox, so the words are kept on the device until the server has them. A safety
// response to the save (now, or when a queued entry is sent later) shows as a card below.
import { useEffect, useRef, useState } from 'preact/hooks';
import { findDraft, newLocalId, putDraft, removeDraft, sendDraft, subscribe, type Draft } from '../drafts';
import { t } from '../i18n';
import { checkLimit, TEXT_MAX } from '../limits';
import type { Reflection, Safety, User } from '../types';
import { useDraftSaver } from '../useDraftSaver';
import { TextArea } from './Field';
import { Link } from './Link';
import { ReflectionCard } from './ReflectionCard';
import { SafetyCard } from './SafetyCard';
import { Status } from './Status';

export function QuickWrite({ user }: { user: User }) {
  const [draft] = useState(() => findDraft(user.id, null, 'quick'));
  const localId = useRef(draft?.localId ?? newLocalId());
  const [text, setText] = useState(draft?.text ?? '');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keep = useDraftSaver();
  /** Bumped on save, so a keep-on-device write scheduled earlier cannot undo it. */
  const generation = useRef(0);
  const [safety, setSafety] = useState<Safety | null>(null);
  const [reflection, setReflection] = useState<Reflection | null>(null);
  /** The local id of the entry last saved here, while the outbox may still send it. */
  const lastSaved = useRef<string | null>(null);

  // An entry queued here and sent later by the outbox: show its safety response too.
  useEffect(
    () =>
      subscribe((ev) => {
        if (ev.type === 'sent' && ev.localId === lastSaved.current) {
          lastSaved.current = null;
          setSafety(ev.safety);
          setReflection(ev.reflection);
        }
      }),
    [],
  );

  const base = (value = text): Draft => ({
    localId: localId.current,
    userId: user.id,
    entryId: null,
    kind: 'free',
    title: '',
    text: value,
    fields: {},
    updatedAt: '',
    queued: false,
    source: 'quick',
  });

  // Keep what is typed on the device, a moment after typing stops.
  const type = (value: string) => {
    setText(value);
    const id = localId.current;
    const d = base(value);
    const gen = generation.current;
    keep(() => {
      if (gen !== generation.current || id !== localId.current) return;
      if (value.trim()) putDraft(d);
      else removeDraft(id);
    });
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setStatus(null);
    setError(null);
    if (!text.trim()) {
      setError(t('today.writeEmpty'));
      return;
    }
    if (checkLimit(text, TEXT_MAX).over) {
      // The count and message are already beside the box; take the person there.
      document.getElementById('quick-text')?.focus();
      return;
    }
    generation.current++;
    const id = localId.current;
    putDraft({ ...base(), queued: true });
    setBusy(true);
    setStatus(t('editor.saving'));
    setSafety(null);
    setReflection(null);
    lastSaved.current = id;
    const r = await sendDraft(id);
    setBusy(false);
    if (r.status === 'rejected') {
      // Back to an editable draft so the person can fix it here.
      setStatus(null);
      setError(r.error.message);
      return;
    }
    // Sent, or queued for retry: either way the box is free for the next thought.
    localId.current = newLocalId();
    setText('');
    setStatus(r.status === 'sent' ? t('today.writeSaved') : t('editor.notSent'));
    if (r.status === 'sent') {
      lastSaved.current = null;
      setSafety(r.safety);
      setReflection(r.reflection);
    }
  };

  const limit = checkLimit(text, TEXT_MAX);
  return (
    <form onSubmit={save} noValidate class="stack">
      <TextArea
        id="quick-text"
        label={t('today.writeLabel')}
        rows={5}
        value={text}
        onInput={(e) => type((e.target as HTMLTextAreaElement).value)}
        hint={limit.hint}
        error={error ?? limit.error}
      />
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>
          {t('today.writeSave')}
        </button>
        <Link href="/journal/new">{t('today.moreOptions')}</Link>
      </div>
      <Status>{status}</Status>
      <SafetyCard safety={safety} />
      <ReflectionCard reflection={reflection} safety={safety} />
    </form>
  );
}
