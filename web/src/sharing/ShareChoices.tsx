// One checkbox per share key, each with a plain-language line saying what it lets the
// clinician see. Used to choose when linking and to change an existing link.
import { t, type MessageKey } from '../i18n';
import { SHARE_KEYS, type Share, type ShareKey } from './types';

interface Props {
  /** Prefix for element ids (unique on the page). */
  id: string;
  legend: string;
  hint: string;
  value: Share;
  onChange: (next: Share) => void;
  disabled?: boolean;
}

export function ShareChoices({ id, legend, hint, value, onChange, disabled }: Props) {
  const toggle = (k: ShareKey, on: boolean) => onChange({ ...value, [k]: on });
  return (
    <fieldset class="choice-list share-choices" aria-describedby={`${id}-hint`}>
      <legend>{legend}</legend>
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
      {SHARE_KEYS.map((k) => (
        <div class="choice" key={k}>
          <input
            id={`${id}-${k}`}
            type="checkbox"
            name={k}
            checked={value[k]}
            disabled={disabled}
            onChange={(e) => toggle(k, (e.target as HTMLInputElement).checked)}
            aria-describedby={`${id}-${k}-hint`}
          />
          <div>
            <label for={`${id}-${k}`} class="choice-label">
              {t(`sharing.share.${k}` as MessageKey)}
            </label>
            <p class="hint choice-hint" id={`${id}-${k}-hint`}>
              {t(`sharing.shareHint.${k}` as MessageKey)}
            </p>
          </div>
        </div>
      ))}
    </fieldset>
  );
}
