// Sign in with e-mail or handle; anonymous users use their recovery code as the password.
import { useState } from 'preact/hooks';
import { api, ApiError, errorMessage, waitText } from '../api';
import { TextField } from '../components/Field';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { ErrorText, Status } from '../components/Status';
import { takeFlash } from '../flash';
import { t } from '../i18n';
import { navigate, useRoute } from '../router';
import { setUser } from '../session';

/** Only same-app paths are allowed as a destination after sign-in. */
function safeNext(next: string | null): string {
  return next && /^\/[a-z]/.test(next) && !next.startsWith('//') ? next : '/today';
}

export function SignIn() {
  const route = useRoute();
  const [flash] = useState(takeFlash);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ login?: string; password?: string; form?: string }>({});
  /** Set while sign-in is throttled (429): our own words, the wait, and the helpline link. */
  const [throttled, setThrottled] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!login.trim() || !password) {
      setErrors({ form: t('signin.required') });
      return;
    }
    setBusy(true);
    setErrors({});
    setThrottled(null);
    try {
      const { user } = await api.login(login.trim(), password);
      setUser(user);
      navigate(safeNext(route.query.get('next')), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) {
        setThrottled(t('signin.throttled', { wait: waitText(err.retryAfter ?? 60) }));
        return;
      }
      const field = err instanceof ApiError ? err.field : undefined;
      if (field === 'login' || field === 'password') setErrors({ [field]: errorMessage(err) });
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
    </Page>
  );
}
