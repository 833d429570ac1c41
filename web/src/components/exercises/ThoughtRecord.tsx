// The thought-record wizard (7 columns, CLINICAL.md §13.11): situation, feeling 0–100,
// the automatic thought, evidence for, evidence against, a balanced thought, the feeling
// again. While the automatic thought is typed, the engine is asked (debounced, nothing
// stored: POST /analysis/distortions) which thinking traps it may hold, and they are named
// gently with one line each. At the end it is saved as a thought_record journal entry
// through the draft outbox, so it is never lost; the safety card and reflection follow.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { newLocalId, putDraft, sendDraft } from '../../drafts';
import { t, type MessageKey } from '../../i18n';
import { checkLimit, FIELD_MAX } from '../../limits';
import type { Distortion, EntryFields, Reflection, Safety, User } from '../../types';
import { Link } from '../Link';
import { ReflectionCard } from '../ReflectionCard';
import { SafetyCard } from '../SafetyCard';
import { ErrorText, Status } from '../Status';

type StepName = 'situation' | 'mood_before' | 'automatic_thought' | 'evidence_for' | 'evidence_against' | 'balanced_thought' | 'mood_after';
const STEPS: StepName[] = ['situation', 'mood_before', 'automatic_thought', 'evidence_for', 'evidence_against', 'balanced_thought', 'mood_after'];
const HINTS: Record<StepName, MessageKey> = {
  situation: 'tr.situationHint',
  mood_before: 'tr.moodHint',
  automatic_thought: 'tr.thoughtHint',
  evidence_for: 'tr.forHint',
  evidence_against: 'tr.againstHint',
  balanced_thought: 'tr.balancedHint',
  mood_after: 'tr.moodHint',
};
const DEBOUNCE_MS = 400;

const KNOWN_TRAPS = new Set([
  'all_or_nothing',
  'overgeneralization',
  'mental_filter',
  'discounting_positive',
  'mind_reading',
  'fortune_telling',
  'catastrophizing',
  'magnification',
  'emotional_reasoning',
  'should_statements',
  'labeling',
  'personalization',
  'blaming',
]);

function label(step: StepName): string {
  if (step === 'mood_before') return t('tr.moodBefore');
  if (step === 'mood_after') return t('tr.moodAfter');
  return t(`field.${step}` as MessageKey);
}

/** The thinking traps named for a text, one per type, in the order found. */
export function TrapList({ traps, level = 3 }: { traps: Distortion[]; level?: 2 | 3 }) {
  const seen = new Set<string>();
  const unique = traps.filter((d) => (seen.has(d.type) ? false : (seen.add(d.type), true)));
  if (!unique.length) return null;
  return (
    <div class="traps" data-testid="traps">
      {level === 2 ? <h2 class="traps-title">{t('tr.trapsTitle')}</h2> : <h3>{t('tr.trapsTitle')}</h3>}
      <p class="hint">{t('tr.trapsIntro')}</p>
      <ul class="trap-list">
        {unique.map((d) => {
          const known = KNOWN_TRAPS.has(d.type);
          return (
            <li key={d.type} data-trap={d.type}>
              <strong>{known ? t(`trap.${d.type}` as MessageKey) : t('trap.other')}</strong>
              {d.evidence?.text && <span class="trap-quote"> {t('tr.trapIn', { text: d.evidence.text })}</span>}
              {known && <span class="trap-desc"> — {t(`trap.${d.type}.desc` as MessageKey)}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Asks which thinking traps a text may hold, ~400 ms after typing stops. */
function useTraps(text: string): Distortion[] {
  const [traps, setTraps] = useState<Distortion[]>([]);
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    if (text.trim().length < 3) {
      setTraps([]);
      return;
    }
    const timer = window.setTimeout(() => {
      api.distortions(text).then(
        (r) => {
          if (mine === seq.current) setTraps(r.distortions ?? []);
        },
        () => {
          /* a helper only: say nothing if it cannot be reached */
        },
      );
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);
  return traps;
}

type Saved = { entryId: string | null; safety: Safety | null; reflection: Reflection | null; queued: boolean };

export function ThoughtRecord({ user, onDone }: { user: User | null; onDone: () => void }) {
  const uid = useId();
  const [step, setStep] = useState(0);
  const [fields, setFields] = useState<EntryFields>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const input = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const reviewRef = useRef<HTMLHeadingElement>(null);
  const savedRef = useRef<HTMLParagraphElement>(null);
  const first = useRef(true);
  const traps = useTraps(fields.automatic_thought ?? '');

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (step < STEPS.length) input.current?.focus();
    else reviewRef.current?.focus();
  }, [step]);

  // Saved: focus the confirmation (a safety card, when there is one, takes focus itself).
  useEffect(() => {
    if (saved && (!saved.safety || saved.safety.tier === 'none')) savedRef.current?.focus();
  }, [saved]);

  const name = STEPS[step];
  const review = step >= STEPS.length;
  const fieldId = `${uid}-${name}`;

  const setText = (v: string) => setFields({ ...fields, [name]: v });
  const setMood = (raw: string) => {
    const next = { ...fields };
    const n = Number(raw);
    if (raw === '' || !Number.isFinite(n)) delete next[name as 'mood_before' | 'mood_after'];
    else next[name as 'mood_before' | 'mood_after'] = Math.max(0, Math.min(100, Math.round(n)));
    setFields(next);
  };

  const save = async () => {
    if (!user) return;
    setError(null);
    const text = (fields.balanced_thought || fields.automatic_thought || fields.situation || '').trim();
    const hasAny = STEPS.some((s) => {
      const v = fields[s];
      return typeof v === 'number' ? false : !!v?.trim();
    });
    if (!hasAny) {
      setError(t('tr.empty'));
      return;
    }
    const localId = newLocalId();
    putDraft({ localId, userId: user.id, entryId: null, kind: 'thought_record', title: '', text, fields, updatedAt: '', queued: true, source: 'editor' });
    setBusy(true);
    const r = await sendDraft(localId);
    setBusy(false);
    if (r.status === 'rejected') {
      setError(r.error.message);
      return;
    }
    if (r.status === 'kept') setSaved({ entryId: null, safety: null, reflection: null, queued: true });
    else setSaved({ entryId: r.entry.id, safety: r.safety, reflection: r.reflection, queued: false });
    onDone();
  };

  if (saved) {
    return (
      <div class="thought-record" data-testid="thought-record">
        <p class="status focus-target" role="status" aria-live="polite" tabIndex={-1} ref={savedRef}>
          {saved.queued ? t('tr.notSent') : t('tr.saved')}
        </p>
        <SafetyCard safety={saved.safety} />
        <ReflectionCard reflection={saved.reflection} safety={saved.safety} />
        {saved.entryId && (
          <p>
            <Link href={`/journal/${encodeURIComponent(saved.entryId)}`}>{t('tr.open')}</Link>
          </p>
        )}
      </div>
    );
  }

  if (review) {
    return (
      <div class="thought-record" data-testid="thought-record">
        <h2 tabIndex={-1} ref={reviewRef} class="focus-target">
          {t('tr.reviewTitle')}
        </h2>
        <dl class="tr-review">
          {STEPS.map((s) => {
            const v = fields[s];
            if (v === undefined || v === '') return null;
            return (
              <div key={s}>
                <dt>{label(s)}</dt>
                <dd>{String(v)}</dd>
              </div>
            );
          })}
        </dl>
        <TrapList traps={traps} />
        {!user && <p class="notice">{t('exercises.signInToSave')}</p>}
        <ErrorText>{error}</ErrorText>
        <div class="actions">
          <button type="button" class="button" onClick={() => setStep(STEPS.length - 1)} disabled={busy}>
            {t('tr.back')}
          </button>
          {user && (
            <button type="button" class="button primary" onClick={() => void save()} disabled={busy}>
              {t('tr.save')}
            </button>
          )}
        </div>
        <Status>{busy ? t('tr.saving') : null}</Status>
      </div>
    );
  }

  const mood = name === 'mood_before' || name === 'mood_after';
  const value = fields[name];
  const limit = mood ? { over: false } : checkLimit(String(value ?? ''), FIELD_MAX);
  return (
    <div class="thought-record" data-testid="thought-record">
      <p class="meta" id={`${uid}-progress`}>
        {t('tr.step', { n: step + 1, total: STEPS.length })}
      </p>
      <progress class="care-bar" max={STEPS.length} value={step + 1} aria-hidden="true" />
      <div class="field tr-field">
        <label for={fieldId}>{label(name)}</label>
        {mood ? (
          <input
            id={fieldId}
            ref={input}
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            step={1}
            value={value === undefined ? '' : String(value)}
            aria-describedby={`${uid}-progress ${uid}-hint`}
            onInput={(e) => setMood((e.target as HTMLInputElement).value)}
          />
        ) : (
          <textarea
            id={fieldId}
            ref={input}
            rows={4}
            value={String(value ?? '')}
            aria-describedby={`${uid}-progress ${uid}-hint`}
            aria-invalid={limit.over ? 'true' : undefined}
            onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
          />
        )}
        <p class="hint" id={`${uid}-hint`}>
          {t(HINTS[name])}
        </p>
        {!mood && 'hint' in limit && limit.hint && <p class="hint">{limit.hint}</p>}
        {!mood && 'error' in limit && limit.error && <p class="field-error">{limit.error}</p>}
      </div>
      {name === 'automatic_thought' && (
        <div aria-live="polite" class="traps-slot">
          <TrapList traps={traps} level={2} />
        </div>
      )}
      <div class="actions">
        {step > 0 && (
          <button type="button" class="button" onClick={() => setStep(step - 1)}>
            {t('tr.back')}
          </button>
        )}
        <button type="button" class="button primary" onClick={() => !limit.over && setStep(step + 1)}>
          {t('tr.next')}
        </button>
      </div>
    </div>
  );
}
