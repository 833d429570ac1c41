// Invite (/clinician/invite): makes a one-time invitation code for a client, shows it large
// with a Copy button and when it expires. The client enters it in their own Interlude
// settings and chooses there what to share.
import { useState } from 'preact/hooks';
import { errorMessage } from '../api';
import { Page } from '../components/Page';
import { ErrorText } from '../components/Status';
import { formatDateTime } from '../format';
import { t } from '../i18n';
import { clinicianApi } from './api';
import { CopyButton } from './shared';
import type { Invitation } from './types';

export function Invite() {
  const [inv, setInv] = useState<Invitation | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const make = async () => {
    setBusy(true);
    setError(null);
    try {
      setInv(await clinicianApi.invite());
      requestAnimationFrame(() => document.getElementById('invite-code-title')?.focus());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title={t('clinician.invite.title')}>
      <p class="lead">{t('clinician.invite.intro')}</p>
      <p>{t('clinician.invite.how')}</p>
      <div class="actions">
        <button type="button" class="button primary" onClick={make} disabled={busy}>
          {inv ? t('clinician.invite.another') : t('clinician.invite.make')}
        </button>
      </div>
      <ErrorText>{error}</ErrorText>
      {inv && (
        <section class="card invite" aria-labelledby="invite-code-title">
          <h2 id="invite-code-title" tabIndex={-1} class="focus-target">
            {t('clinician.invite.codeTitle')}
          </h2>
          <p class="invite-code">
            <code data-testid="invite-code">{inv.code}</code>
          </p>
          <p class="actions">
            <CopyButton text={inv.code} label={t('clinician.invite.copy')} testid="copy-code" />
          </p>
          <p class="meta" data-testid="invite-expiry">
            {t('clinician.invite.expires', { date: formatDateTime(inv.expires_at) })}
          </p>
          <p class="hint">{t('clinician.invite.once')}</p>
        </section>
      )}
    </Page>
  );
}
