// The line every companion page shows: it is automated — not a person or a therapist —
// and cannot help in an emergency, with the helpline link.
import { t } from '../i18n';
import { Link } from './Link';

/** The automated-companion notice, shown on the list and in every conversation. */
export function CompanionNotice() {
  return (
    <div class="notice companion-notice" data-testid="companion-notice">
      <p>
        <strong>{t('companion.automated')}</strong>
      </p>
      <p class="meta">
        {t('companion.emergency')} <Link href="/help">{t('companion.emergencyLink')}</Link>.
      </p>
    </div>
  );
}
