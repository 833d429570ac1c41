// Settings for clinicians and clinic admins (/clinician/settings, /admin/settings): who is
// signed in, a note on the 15-minute idle sign-out, new two-factor recovery codes (the
// password again; the codes are shown once and replace the unused ones), and sign out.
import { useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../api';
import { TextField } from '../components/Field';
import { Page } from '../components/Page';
import { ErrorText, Status } from '../components/Status';
import { setFlash } from '../flash';
import { t } from '../i18n';
import { navigate } from '../router';
import { setUser } from '../session';
import type { User } from '../types';
import { clinicianApi } from './api';
import { CopyButton } from './shared';

function RecoveryCodes() {
  const [password, setPassword] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!password) {
      setError(t('clinician.settings.passwordRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setCodes(await clinicianApi.newRecoveryCodes(password));
      setPassword('');
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('clinician.settings.wrongPassword') : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="rc-title">
      <h2 id="rc-title">{t('clinician.settings.codesTitle')}</h2>
      <p>{t('clinician.settings.codesIntro')}</p>
      {codes ? (
        <>
          <ol class="codes" data-testid="recovery-codes">
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ol>
          <p class="actions">
            <CopyButton text={codes.join('\n')} label={t('clinician.settings.copyCodes')} />
          </p>
          <p class="notice">{t('clinician.settings.codesOnce')}</p>
        </>
      ) : (
        <form class="stack narrow" onSubmit={submit} noValidate>
          <TextField id="rc-password" label={t('clinician.settings.password')} type="password" autocomplete="current-password" value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} error={error} />
          <button type="submit" class="button" disabled={busy}>
            {t('clinician.settings.newCodes')}
          </button>
        </form>
      )}
    </section>
  );
}

export function StaffSettings({ user }: { user: User }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const signOut = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.logout();
    } catch (e) {
      // Already signed out on the server (idle time): the same as signing out here.
      if (!(e instanceof ApiError && e.status === 401)) {
        setError(errorMessage(e));
        setBusy(false);
        return;
      }
    }
    setUser(null);
    setFlash(t('clinician.settings.signedOut'));
    navigate('/signin', { replace: true });
  };
  return (
    <Page title={t('clinician.settings.title')}>
      <section class="card" aria-labelledby="acct-title">
        <h2 id="acct-title">{t('clinician.settings.account')}</h2>
        <p>{t(user.role === 'admin' ? 'clinician.settings.signedInAdmin' : 'clinician.settings.signedInClinician', { who: user.email || user.handle })}</p>
        <p class="hint">{t('clinician.settings.idle')}</p>
      </section>
      <RecoveryCodes />
      <section class="card" aria-labelledby="so-title">
        <h2 id="so-title">{t('settings.signOutTitle')}</h2>
        <button type="button" class="button" onClick={signOut} disabled={busy}>
          {t('settings.signOut')}
        </button>
        <ErrorText>{error}</ErrorText>
        <Status>{busy ? t('app.loading') : null}</Status>
      </section>
    </Page>
  );
}
