// The editor's "Share with my clinician" box (default unticked). Shown only while a link
// shares journal entries; the choice travels with the draft, so it survives going offline.
import './sharing.css';
import { t } from '../i18n';

export function ShareEntryCheck({ checked, onChange }: { checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <div class="check share-entry">
      <input id="e-shared" type="checkbox" checked={checked} onChange={(e) => onChange((e.target as HTMLInputElement).checked)} aria-describedby="e-shared-hint" />
      <div>
        <label for="e-shared" class="choice-label">
          {t('sharing.entryCheck')}
        </label>
        <p class="hint choice-hint" id="e-shared-hint">
          {t('sharing.entryCheckHint')}
        </p>
      </div>
    </div>
  );
}
