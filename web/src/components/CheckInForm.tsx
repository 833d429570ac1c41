// The ten-second mood check-in: valence 1-7 and energy 1-5 with Save right after them;
// emotion words (from GET /vocabulary, grouped by pleasantness and energy) and tags, and
// sleep and a note, behind optional disclosures. A check-in is kept on the device first
// (checkins.ts) and sent from there, so one made offline is not lost.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorMessage } from '../api';
import { queueCheckin, sendCheckin } from '../checkins';
import { t, type MessageKey } from '../i18n';
import type { CheckIn, CheckInBody, Reflection, Safety, User, Vocabulary } from '../types';
import { Chips } from './Chips';
import { TextArea, TextField } from './Field';
import { ReflectionCard } from './ReflectionCard';
import { SafetyCard } from './SafetyCard';
import { Scale } from './Scale';
import { ErrorText } from './Status';

const MAX_EMOTIONS = 10;
type Errors = Partial<Record<'valence' | 'energy' | 'emotions' | 'tags' | 'sleep_hours' | 'note' | 'form', string>>;

const GROUPS: { key: MessageKey; pleasant: boolean; energy: 'high' | 'low' }[] = [
  { key: 'today.group.pleasantHigh', pleasant: true, energy: 'high' },
  { key: 'today.group.pleasantLow', pleasant: true, energy: 'low' },
  { key: 'today.group.unpleasantHigh', pleasant: false, energy: 'high' },
  { key: 'today.group.unpleasantLow', pleasant: false, energy: 'low' },
];

function toggle(list: string[], v: string): string[] {
  return list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
}

export function CheckInForm({ user, onSaved }: { user: User; onSaved?: (c: CheckIn | null) => void }) {
  const [vocab, setVocab] = useState<Vocabulary | null>(null);
  const [vocabFailed, setVocabFailed] = useState(false);
  const [valence, setValence] = useState<number | null>(null);
  const [energy, setEnergy] = useState<number | null>(null);
  const [emotions, setEmotions] = useState<string[]>([]);
  const [tags, setTags] = useState<string[]>([]);
  const [ownTags, setOwnTags] = useState('');
  const [sleep, setSleep] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const statusRef = useRef<HTMLParagraphElement>(null);
  /** The safety response to the last check-in's note, if it carried one. */
  const [safety, setSafety] = useState<Safety | null>(null);
  /** Interlude's reflection on the last check-in's note, if there was one. */
  const [reflection, setReflection] = useState<Reflection | null>(null);

  useEffect(() => {
    api.vocabulary().then(setVocab, () => setVocabFailed(true));
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setStatus(null);
    if (valence === null || energy === null) {
      setErrors({ form: t('today.pickBoth') });
      return;
    }
    const own = ownTags
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    const now = new Date();
    const body: CheckInBody = {
      at: now.toISOString(),
      valence,
      energy,
      emotions,
      tags: [...new Set([...tags, ...own])],
      tz_offset_min: -now.getTimezoneOffset(),
    };
    if (sleep.trim() !== '') body.sleep_hours = Number(sleep);
    if (note.trim()) body.note = note;
    setBusy(true);
    setErrors({});
    setSafety(null);
    setReflection(null);
    setStatus(t('today.saving'));
    const reset = () => {
      setValence(null);
      setEnergy(null);
      setEmotions([]);
      setTags([]);
      setOwnTags('');
      setSleep('');
      setNote('');
    };
    // On the device first; sent from there now, or later if Interlude cannot be reached.
    const r = await sendCheckin(queueCheckin(user.id, body));
    setBusy(false);
    if (r.status === 'rejected') {
      setStatus(null);
      const field = r.error.field?.split(/[.[]/)[0];
      if (field && ['valence', 'energy', 'emotions', 'tags', 'sleep_hours', 'note'].includes(field)) {
        setErrors({ [field]: errorMessage(r.error) });
      } else {
        setErrors({ form: errorMessage(r.error) });
      }
      return;
    }
    reset();
    setStatus(r.status === 'sent' ? t('today.saved') : t('today.notSent'));
    onSaved?.(r.status === 'sent' ? r.checkin : null);
    const s = r.status === 'sent' ? r.safety : null;
    setSafety(s);
    setReflection(r.status === 'sent' ? r.reflection : null);
    // Keep keyboard focus somewhere sensible: on the confirmation itself (the safety
    // card takes it instead when it appears).
    if (!s || s.tier === 'none') requestAnimationFrame(() => statusRef.current?.focus());
  };

  const full = emotions.length >= MAX_EMOTIONS;
  return (
    <form onSubmit={submit} noValidate class="stack checkin">
      <Scale
        name="valence"
        legend={t('today.valence')}
        max={7}
        value={valence}
        labelFor={(n) => t(`valence.${n}` as MessageKey)}
        onChange={setValence}
        describedBy={errors.valence ? 'ci-valence-error' : undefined}
      />
      {errors.valence && <p class="field-error" id="ci-valence-error">{errors.valence}</p>}
      <Scale
        name="energy"
        legend={t('today.energy')}
        max={5}
        value={energy}
        labelFor={(n) => t(`energy.${n}` as MessageKey)}
        onChange={setEnergy}
        describedBy={errors.energy ? 'ci-energy-error' : undefined}
      />
      {errors.energy && <p class="field-error" id="ci-energy-error">{errors.energy}</p>}

      <ErrorText>{errors.form}</ErrorText>
      <div>
        <button type="submit" class="button primary" disabled={busy}>
          {t('today.save')}
        </button>
      </div>
      <p class="status" role="status" aria-live="polite" tabIndex={-1} ref={statusRef}>
        {status}
      </p>
      <SafetyCard safety={safety} />
      <ReflectionCard reflection={reflection} safety={safety} />

      <details class="more" open={errors.emotions || errors.tags ? true : undefined}>
        <summary>{t('today.details')}</summary>
      <section class="group" aria-labelledby="ci-emotions-title">
        <h3 id="ci-emotions-title">{t('today.emotions', { max: MAX_EMOTIONS })}</h3>
        {vocabFailed && <p class="hint">{t('today.vocabFailed')}</p>}
        {vocab && (
          <div class="emotion-groups">
            {GROUPS.map((g) => (
              <Chips
                key={g.key}
                legend={t(g.key)}
                name="emotions"
                options={vocab.emotions.filter((w) => w.pleasant === g.pleasant && w.energy === g.energy).map((w) => w.word)}
                selected={emotions}
                onToggle={(w) => setEmotions((l) => toggle(l, w))}
                full={full}
              />
            ))}
          </div>
        )}
        {full && <p class="hint">{t('today.emotionsLimit', { max: MAX_EMOTIONS })}</p>}
        {errors.emotions && <p class="field-error">{errors.emotions}</p>}
      </section>

      <section class="group" aria-labelledby="ci-tags-title">
        <h3 id="ci-tags-title">{t('today.tags')}</h3>
        {vocab && vocab.tags.length > 0 && (
          <Chips legend={t('today.tagsSuggested')} name="tags" options={vocab.tags} selected={tags} onToggle={(v) => setTags((l) => toggle(l, v))} />
        )}
        <TextField
          id="ci-tags"
          label={t('today.tagsOwn')}
          value={ownTags}
          onInput={(e) => setOwnTags((e.target as HTMLInputElement).value)}
          error={errors.tags}
        />
      </section>
      </details>

      <details class="more" open={errors.sleep_hours || errors.note ? true : undefined}>
        <summary>{t('today.more')}</summary>
        <TextField
          id="ci-sleep"
          label={t('today.sleep')}
          type="number"
          inputMode="decimal"
          min={0}
          max={24}
          step={0.5}
          value={sleep}
          onInput={(e) => setSleep((e.target as HTMLInputElement).value)}
          error={errors.sleep_hours}
        />
        <TextArea
          id="ci-note"
          label={t('today.note')}
          rows={3}
          maxLength={2000}
          value={note}
          onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
          error={errors.note}
        />
      </details>
    </form>
  );
}
