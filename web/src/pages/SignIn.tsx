// Sign in with e-mail or handle; anonymous users use their recovery code as the password.
// Clinicians and clinic admins have a second step: when the server answers 401 on the
// field "totp", a field for the authenticator app's 6-digit code (or a recovery code)
// appears and the form is sent again with it. Each role then lands on its own home.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, errorMessage, waitText } from '../api';
import { TextField } from '../components/Field';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { ErrorText, Status } from '../components/Status';
import { takeFlash } from '../flash';
import { t } from '../i18n';
import { navigate, useRoute } from '../router';
import { homeFor } from '../clinician/routes';
import { setUser } from '../session';
import type { User } from '../types';

/** Only same-app paths are allowed as a destination after sign-in. */
function safeNext(next: string | null, user: User): string {
  return next && /^\/[a-z]/.test(next) && !next.startsWith('//') ? next : homeFor(user);
}

export function SignIn() {
  const route = useRoute();
  const [flash] = useState(takeFlash);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ login?: string; password?: string; totp?: string; form?: string }>({});
  /** Set once the server asked for the second factor (clinicians and admins). */
  const [needTotp, setNeedTotp] = useState(false);
  const [totp, setTotp] = useState('');
  const focusTotp = () => (document.getElementById('si-totp') as HTMLInputElement | null)?.focus();
  useEffect(() => {
    if (needTotp) focusTotp();
  }, [needTotp]);
  /** Set while sign-in is throttled (429): our own words, the wait, and the helpline link. */
  const [throttled, setThrottled] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!login.trim() || !password) {
      setErrors({ form: t('signin.required') });
      return;
    }
    if (needTotp && !totp.trim()) {
      setErrors({ totp: t('clinician.signin.totpRequired') });
      return;
    }
    setBusy(true);
    setErrors({});
    setThrottled(null);
    try {
      const { user } = await api.login(login.trim(), password, needTotp ? totp.replace(/\s+/g, '') : undefined);
      setUser(user);
      navigate(safeNext(route.query.get('next'), user), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) {
        setThrottled(t('signin.throttled', { wait: waitText(err.retryAfter ?? 60) }));
        return;
      }
      const field = err instanceof ApiError ? err.field : undefined;
      if (field === 'totp') {
        // First time: the password was right and the code is still to come. After that, the
        // code did not match (or was used): say so on the field.
        if (needTotp) setErrors({ totp: errorMessage(err) });
        else setErrors({});
        setNeedTotp(true);
        setTotp('');
        if (needTotp) focusTotp();
      } else if (field === 'login' || field === 'password') setErrors({ [field]: errorMessage(err) });
      else setErrors({ form: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('signin.title')}>
      <Status>{flash}</Status>
      <p class="lead">{t('signin.anonHint')}</p>
      <form onSubmit={submit} noValidate class="stack narrow">
        <TextField
          id="si-login"
          label={t('signin.login')}
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          value={login}
          onInput={(e) => setLogin((e.target as HTMLInputElement).value)}
          error={errors.login}
        />
        <TextField
          id="si-password"
          label={t('signin.password')}
          type="password"
          autocomplete="current-password"
          value={password}
          onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
          error={errors.password}
        />
        {needTotp && (
          <>
            <p class="notice" data-testid="totp-asked">
              {t('clinician.signin.totpAsked')}
            </p>
            <TextField
              id="si-totp"
              label={t('clinician.signin.totp')}
              hint={t('clinician.signin.totpHint')}
              inputMode="numeric"
              autocomplete="one-time-code"
              autocapitalize="characters"
              spellcheck={false}
              maxLength={24}
              value={totp}
              onInput={(e) => setTotp((e.target as HTMLInputElement).value)}
              error={errors.totp}
            />
          </>
        )}
        <ErrorText>{errors.form ?? throttled}</ErrorText>
        {throttled && (
          <p class="notice">
            {t('signin.throttledHelp')} <Link href="/help">{t('nav.help')}</Link>
          </p>
        )}
        <button type="submit" class="button primary" disabled={busy}>
          {t('signin.button')}
        </button>
        <Status>{busy ? t('signin.working') : null}</Status>
      </form>
      <p>
        {t('signin.noAccount')} <Link href="/start">{t('welcome.start')}</Link> · <Link href="/signup">{t('welcome.signup')}</Link>
      </p>
      <p class="hint">
        {t('clinician.setup.fromSignIn')} <Link href="/setup">{t('clinician.setup.title')}</Link>
      </p>
    </Page>
  );
}
