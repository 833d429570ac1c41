// 5-4-3-2-1 grounding, one sense at a time: 5 things you see, 4 you can touch, 3 you hear,
// 2 you smell, 1 you taste. Optional notes (kept on this page only), Back and Next; each
// new step's heading takes focus so it is read out.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, type MessageKey } from '../../i18n';

const SENSES = ['see', 'touch', 'hear', 'smell', 'taste'] as const;

export function Grounding({ onDone }: { onDone: () => void }) {
  const [step, setStep] = useState(0);
  const [notes, setNotes] = useState<string[]>(['', '', '', '', '']);
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  const sense = SENSES[step];
  const last = step === SENSES.length - 1;
  return (
    <div class="grounding" data-testid="grounding">
      <p class="meta" data-testid="grounding-progress">
        {t('grounding.step', { n: step + 1 })}
      </p>
      <progress class="care-bar" max={SENSES.length} value={step + 1} aria-hidden="true" />
      <h2 tabIndex={-1} ref={heading} class="grounding-step focus-target">
        {t(`grounding.${sense}` as MessageKey)}
      </h2>
      <p>{t(`grounding.${sense}Hint` as MessageKey)}</p>
      <div class="field">
        <label for={`g-${sense}`}>{t('grounding.notes')}</label>
        <textarea
          id={`g-${sense}`}
          rows={3}
          value={notes[step]}
          aria-describedby="g-private"
          onInput={(e) => {
            const next = [...notes];
            next[step] = (e.target as HTMLTextAreaElement).value;
            setNotes(next);
          }}
        />
        <p class="hint" id="g-private">
          {t('grounding.private')}
        </p>
      </div>
      <div class="actions">
        {step > 0 && (
          <button type="button" class="button" onClick={() => setStep(step - 1)}>
            {t('grounding.back')}
          </button>
        )}
        <button type="button" class="button primary" onClick={() => (last ? onDone() : setStep(step + 1))}>
          {last ? t('grounding.finish') : t('grounding.next')}
        </button>
      </div>
    </div>
  );
}
