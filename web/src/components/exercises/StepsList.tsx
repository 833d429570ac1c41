// A plain exercise: its steps, numbered, and a Done button.
import { t } from '../../i18n';

export function StepsList({ steps, onDone }: { steps: string[]; onDone: () => void }) {
  return (
    <div class="steps-exercise" data-testid="steps">
      <h2 tabIndex={-1} class="focus-target">
        {t('exercises.stepsTitle')}
      </h2>
      <ol class="exercise-steps">
        {steps.map((s, i) => (
          <li key={i}>{s}</li>
        ))}
      </ol>
      <div class="actions">
        <button type="button" class="button primary" onClick={onDone}>
          {t('exercises.stepsDone')}
        </button>
      </div>
    </div>
  );
}
