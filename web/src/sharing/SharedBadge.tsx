// A small "Shared" badge for an entry the person shares with their clinician; the word is
// the signal (not colour), with a fuller name for screen readers.
import './sharing.css';
import { t } from '../i18n';

export function SharedBadge() {
  return (
    <strong class="badge shared-badge">
      <span aria-hidden="true">{t('sharing.badge')}</span>
      <span class="visually-hidden">{t('sharing.badgeLabel')}</span>
    </strong>
  );
}
