// Sign up with e-mail and password; server errors are shown beside the field they name.
import { useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../api';
import { CountryField } from '../components/CountryField';
import { TextField } from '../components/Field';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { ErrorText, Status } from '../components/Status';
import { browserCountry } from '../countries';
import { t } from '../i18n';
import { navigate } from '../router';
import { setUser } from '../session';

export function SignUp() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [country, setCountry] = useState(browserCountry);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ email?: string; password?: string; country?: string; form?: string }>({});

  const submit = async (e: Event) => {
    e.preventDefault();
    if (password.length < 10) {
      setErrors({ password: t('signup.passwordShort') });
      document.getElementById('su-password')?.focus();
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const { user } = await api.register(email.trim(), password, country || undefined);
      setUser(user);
      navigate('/today', { replace: true });
    } catch (err) {
      const field = err instanceof ApiError ? err.field : undefined;
      if (field === 'email' || field === 'password' || field === 'country') {
        setErrors({ [field]: errorMessage(err) });
        document.getElementById(`su-${field}`)?.focus();
      } else if (err instanceof ApiError && err.code === 'already_exists') {
        setErrors({ email: err.message });
        document.getElementById('su-email')?.focus();
      } else {
        setErrors({ form: errorMessage(err) });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('signup.title')}>
      <p class="lead">{t('signup.intro')}</p>
      <form onSubmit={submit} noValidate class="stack narrow">
        <TextField
          id="su-email"
          label={t('signup.email')}
          type="email"
          autocomplete="email"
          required
          value={email}
          onInput={(e) => setEmail((e.target as HTMLInputElement).value)}
          error={errors.email}
        />
        <TextField
          id="su-password"
          label={t('signup.password')}
          type="password"
          autocomplete="new-password"
          required
          minLength={10}
          value={password}
          onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
          hint={t('signup.passwordHint')}
          error={errors.password}
        />
        <CountryField id="su-country" value={country} onChange={setCountry} error={errors.country} />
        <ErrorText>{errors.form}</ErrorText>
        <button type="submit" class="button primary" disabled={busy}>
          {t('signup.button')}
        </button>
        <Status>{busy ? t('signup.working') : null}</Status>
      </form>
      <p>
        {t('signup.haveAccount')} <Link href="/signin">{t('signin.button')}</Link>
      </p>
    </Page>
  );
}
