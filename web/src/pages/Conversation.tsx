// One companion conversation (/companion/{id}). Messages carry role labels for screen
// readers ("You said:", "The automated companion said:"); a new reply is announced through
// a polite live region; the composer sends on Enter (Shift+Enter: new line), is read-only
// while sending and keeps the text when sending fails. A reply with a safety response shows
// the crisis card (the same SafetyCard as after an entry) right under it. A reply that
// offers an exercise has a "Try it" button: breathing opens in place, others on their page.
// The summary can be shared with a linked clinician; the conversation can be deleted.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../api';
import { CompanionNotice } from '../components/CompanionNotice';
import { BreathingGuide } from '../components/exercises/BreathingGuide';
import { Feedback } from '../components/exercises/Feedback';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { SafetyCard } from '../components/SafetyCard';
import { ErrorText, Status } from '../components/Status';
import { loadExercises } from '../exercises';
import { setFlash } from '../flash';
import { formatTime } from '../format';
import { t } from '../i18n';
import { codePoints } from '../limits';
import { navigate } from '../router';
import type { ChatMessage, Conversation as Conv, Exercise, ExerciseOffer, User } from '../types';
import { ExerciseIntro } from './ExerciseRunner';

export const MESSAGE_MAX = 4000;

/** A conversation just created on the list page, so opening it needs no second request. */
let primed: Conv | null = null;
export function primeConversation(c: Conv): void {
  primed = c;
}

function MessageText({ m }: { m: ChatMessage }) {
  if (m.role === 'companion' && m.sentences?.length) {
    return (
      <p class="chat-text">
        {m.sentences.map((s, i) => (
          <span key={i} data-act={s.act} class={s.act === 'question' ? 'chat-question' : undefined}>
            {i > 0 ? ' ' : ''}
            {s.text}
          </span>
        ))}
      </p>
    );
  }
  return <p class="chat-text">{m.text}</p>;
}

/** An offered breathing exercise, opened in place under the message that offered it. */
function InlineExercise({ exercise, signedIn, conversationId, onClose }: { exercise: Exercise; signedIn: boolean; conversationId: string; onClose: () => void }) {
  const [done, setDone] = useState(false);
  return (
    <section class="card inline-exercise" aria-labelledby={`ix-${exercise.id}`} data-testid="inline-exercise">
      <h2 id={`ix-${exercise.id}`}>{exercise.title}</h2>
      <p>{exercise.summary}</p>
      <ExerciseIntro exercise={exercise} />
      <BreathingGuide
        minutes={exercise.minutes}
        inhale={exercise.inhale_seconds}
        exhale={exercise.exhale_seconds}
        autoStart={exercise.cautions.length === 0}
        onDone={() => setDone(true)}
      />
      {done && <Feedback exerciseId={exercise.id} signedIn={signedIn} conversationId={conversationId} />}
      <div class="actions">
        <button type="button" class="button small" onClick={onClose}>
          {t('companion.closeExercise')}
        </button>
      </div>
    </section>
  );
}

/** The offer's button; the library's title is preferred to the one in the message. */
function Offer({ offer, title, onTry }: { offer: ExerciseOffer; title?: string; onTry: () => void }) {
  return (
    <div class="chat-offer" data-testid="exercise-offer">
      {offer.reason && <p class="hint">{t('companion.why', { reason: offer.reason })}</p>}
      <button type="button" class="button small" onClick={onTry} data-exercise={offer.id}>
        {t('companion.tryIt', { title: title || offer.title })}
      </button>
    </div>
  );
}

export function Conversation({ id, user }: { id: string; user: User }) {
  const [conv, setConv] = useState<Conv | null>(() => (primed?.id === id ? primed : null));
  const [notFound, setNotFound] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [live, setLive] = useState('');
  /** Messages at or after this index arrived while the page was open (their safety card takes focus). */
  const [liveFrom, setLiveFrom] = useState(Number.MAX_SAFE_INTEGER);
  const [open, setOpen] = useState<{ index: number; exercise: Exercise } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [busy, setBusy] = useState(false);
  const [shareStatus, setShareStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const lastRef = useRef<HTMLLIElement>(null);
  const [library, setLibrary] = useState<Exercise[] | null>(null);
  const deleteBtn = useRef<HTMLButtonElement>(null);
  const keepBtn = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (primed?.id === id) {
      primed = null;
      return;
    }
    setConv(null);
    api.conversation(id).then(setConv, (e) => {
      if (e instanceof ApiError && e.status === 404) setNotFound(true);
      else setLoadError(errorMessage(e));
    });
  }, [id]);

  useEffect(() => {
    loadExercises().then(
      (l) => setLibrary(l),
      () => {
        /* "Try it" then opens the exercise's own page */
      },
    );
  }, []);

  const send = async () => {
    if (sending || !conv) return;
    setSendError(null);
    if (!text.trim()) {
      setSendError(t('companion.needText'));
      input.current?.focus();
      return;
    }
    if (codePoints(text) > MESSAGE_MAX) {
      setSendError(t('companion.tooLong', { max: MESSAGE_MAX }));
      input.current?.focus();
      return;
    }
    setSending(true);
    try {
      const r = await api.sendMessage(conv.id, text);
      setLiveFrom((n) => Math.min(n, conv.messages.length));
      setConv({ ...conv, messages: [...conv.messages, r.message, r.reply], updated_at: r.reply.at ?? conv.updated_at });
      setText('');
      setLive(`${t('companion.botSaid')} ${r.reply.text}`);
      requestAnimationFrame(() => {
        lastRef.current?.scrollIntoView({ block: 'nearest' });
        // The safety card takes focus when there is one; otherwise stay in the composer.
        if (!r.reply.safety || r.reply.safety.tier === 'none') input.current?.focus();
      });
    } catch (e) {
      setSendError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  const tryIt = (index: number, offer: ExerciseOffer) => {
    const ex = library?.find((x) => x.id === offer.id);
    if (ex && ex.kind === 'breathing') setOpen({ index, exercise: ex });
    else navigate(`/exercises/${encodeURIComponent(offer.id)}`);
  };

  const share = async (on: boolean) => {
    if (!conv) return;
    setShareStatus(null);
    setError(null);
    setConv({ ...conv, share_summary: on });
    try {
      const c = await api.patchConversation(conv.id, { share_summary: on });
      setConv((old) => (old ? { ...old, share_summary: c.share_summary ?? on, summary: c.summary ?? old.summary } : old));
      setShareStatus(on ? t('companion.shareSaved') : t('companion.shareOff'));
    } catch (e) {
      setConv((old) => (old ? { ...old, share_summary: !on } : old));
      setError(errorMessage(e));
    }
  };

  const doDelete = async () => {
    if (!conv) return;
    setBusy(true);
    try {
      await api.deleteConversation(conv.id);
      setFlash(t('companion.deleted'));
      navigate('/companion');
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  if (notFound) {
    return (
      <Page title={t('companion.title')}>
        <p>{t('companion.notFound')}</p>
        <p>
          <Link href="/companion">{t('companion.back')}</Link>
        </p>
      </Page>
    );
  }
  if (!conv) {
    return (
      <Page title={t('companion.title')}>
        <Status>{loadError ? null : t('companion.loading')}</Status>
        <ErrorText>{loadError}</ErrorText>
      </Page>
    );
  }

  const messages = conv.messages ?? [];
  let lastSafety = -1;
  messages.forEach((m, i) => {
    if (m.safety && m.safety.tier !== 'none') lastSafety = i;
  });
  const tooLong = codePoints(text) > MESSAGE_MAX;

  return (
    <Page title={t('companion.title')}>
      <p>
        <Link href="/companion">{t('companion.back')}</Link>
      </p>
      <CompanionNotice />
      <ol class="chat-log" aria-label={t('companion.logLabel')} data-testid="chat-log">
        {messages.map((m, i) => (
          <li key={i} ref={i === messages.length - 1 ? lastRef : undefined} class={`chat-msg chat-${m.role}`} data-role={m.role}>
            <p class="chat-who" aria-hidden="true">
              {m.role === 'user' ? t('companion.you') : t('companion.bot')}
              {m.at && (
                <>
                  {' · '}
                  <time dateTime={m.at}>{formatTime(m.at)}</time>
                </>
              )}
            </p>
            <div class="chat-bubble">
              <span class="visually-hidden">{m.role === 'user' ? t('companion.youSaid') : t('companion.botSaid')} </span>
              <MessageText m={m} />
            </div>
            {m.safety &&
              m.safety.tier !== 'none' &&
              (i === lastSafety ? (
                <SafetyCard safety={m.safety} autoFocus={i >= liveFrom} />
              ) : (
                <p class="meta">
                  {t('companion.pastSupport')} <Link href="/help">{t('safety.link.help')}</Link>
                </p>
              ))}
            {m.exercise && <Offer offer={m.exercise} title={library?.find((x) => x.id === m.exercise!.id)?.title} onTry={() => tryIt(i, m.exercise!)} />}
            {open?.index === i && <InlineExercise exercise={open.exercise} signedIn={!!user} conversationId={conv.id} onClose={() => setOpen(null)} />}
          </li>
        ))}
      </ol>
      <p class="visually-hidden" aria-live="polite" data-testid="chat-live">
        {live}
      </p>
      <form
        class="stack chat-composer"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <div class="field">
          <label for="chat-input">{t('companion.message')}</label>
          <textarea
            id="chat-input"
            ref={input}
            rows={3}
            value={text}
            readOnly={sending}
            aria-invalid={tooLong || sendError ? 'true' : undefined}
            aria-describedby="chat-hint chat-error"
            onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
            onKeyDown={onKey}
          />
          <p class="hint" id="chat-hint">
            {t('companion.messageHint')}
            {tooLong && <> {t('limit.count', { count: codePoints(text), max: MESSAGE_MAX })}</>}
          </p>
        </div>
        <ErrorText id="chat-error">{sendError}</ErrorText>
        <div class="actions">
          <button type="submit" class="button primary" disabled={sending}>
            {t('companion.send')}
          </button>
        </div>
        <Status>{sending ? t('companion.sending') : null}</Status>
      </form>
      <section class="card" aria-labelledby="conv-options">
        <h2 id="conv-options">{t('companion.optionsTitle')}</h2>
        {conv.summary && (
          <details class="more">
            <summary>{t('companion.summaryTitle')}</summary>
            <p>{conv.summary}</p>
          </details>
        )}
        <div class="check">
          <input id="conv-share" type="checkbox" checked={conv.share_summary} onChange={(e) => void share((e.target as HTMLInputElement).checked)} aria-describedby="conv-share-hint" />
          <div>
            <label for="conv-share">{t('companion.share')}</label>
            <p class="hint" id="conv-share-hint">
              {t('companion.shareHint')}
            </p>
          </div>
        </div>
        <Status>{shareStatus}</Status>
        <ErrorText>{error}</ErrorText>
        {!confirmDelete ? (
          <div class="actions">
            <button type="button" class="button danger" ref={deleteBtn} onClick={() => {
                setConfirmDelete(true);
                requestAnimationFrame(() => keepBtn.current?.focus());
              }}>
              {t('companion.delete')}
            </button>
          </div>
        ) : (
          <div class="notice danger-zone" role="group" aria-labelledby="conv-del-q">
            <p id="conv-del-q">{t('companion.deleteConfirm')}</p>
            <div class="actions">
              <button type="button" class="button danger" onClick={() => void doDelete()} disabled={busy}>
                {t('companion.deleteYes')}
              </button>
              <button type="button" class="button" ref={keepBtn} onClick={() => {
                  setConfirmDelete(false);
                  requestAnimationFrame(() => deleteBtn.current?.focus());
                }}>
                {t('companion.deleteNo')}
              </button>
            </div>
          </div>
        )}
      </section>
    </Page>
  );
}
