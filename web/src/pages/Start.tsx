// Start anonymously: creates an account with no e-mail, then shows the handle and the
// recovery code. The code is kept in sessionStorage until the person confirms they saved
// it; until then every signed-in page sends them back here (see app.tsx).
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api';
import { browserCountry } from '../countries';
import { Page } from '../components/Page';
import { CountryField } from '../components/CountryField';
import { RecoveryCode } from '../components/RecoveryCode';
import { ErrorText, Status } from '../components/Status';
import { t } from '../i18n';
import { navigate } from '../router';
import { clearPendingCode, savePendingCode, usePendingCode } from '../recovery';
import { setUser, useUser } from '../session';

export function Start() {
  const user = useUser();
  const pending = usePendingCode(user?.id);
  const [country, setCountry] = useState(browserCountry);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const create = async (e?: Event) => {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api.anonymous(country || undefined);
      // Keep the code first, then sign in: from here on the app will not let it be lost.
      savePendingCode({ userId: r.user.id, handle: r.user.handle, code: r.recovery_code, kind: 'new' });
      setUser(r.user);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (!pending) {
    return (
      <Page title={t('start.title')}>
        <p class="lead">{t('start.intro')}</p>
        <p>{t('start.privacy')}</p>
        <form onSubmit={create} noValidate class="stack narrow">
          <CountryField id="st-country" value={country} onChange={setCountry} />
          <div>
            <button type="submit" class="button primary" disabled={busy}>
              {t('start.button')}
            </button>
          </div>
        </form>
        <Status>{busy ? t('start.working') : null}</Status>
        <ErrorText>{error}</ErrorText>
      </Page>
    );
  }

  const renewed = pending.kind === 'renewed';
  return (
    <Page title={renewed ? t('recovery.title') : t('start.title')}>
      <RecoveryCode
        pending={pending}
        title={renewed ? t('recovery.newTitle') : t('start.createdTitle')}
        onConfirmed={() => {
          clearPendingCode();
          navigate(renewed ? '/settings' : '/today', { replace: true });
        }}
      />
    </Page>
  );
}
