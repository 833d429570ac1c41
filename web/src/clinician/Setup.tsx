// A new clinician's own set-up (/setup, public): with the one-time code from their clinic
// admin they choose their password, and the server enrols their second factor. The answer —
// the otpauth:// URI, its secret grouped in fours for typing, and ten one-time recovery
// codes — is shown here once; then they sign in with the password and a code from the app
// (which proves the app works). The admin never sees any of it.
import { useState } from 'preact/hooks';
import { ApiError, errorMessage, waitText } from '../api';
import { TextField } from '../components/Field';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { ErrorText, Status } from '../components/Status';
import { t } from '../i18n';
import { navigate } from '../router';
import { clinicianApi } from './api';
import { CopyButton } from './shared';
import type { StaffEnrolment } from './types';

/** A base32 secret in upper case, without padding, in groups of four for typing. */
export function groupSecret(secret: string): string {
  return secret
    .replace(/[=\s]+/g, '')
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1 ');
}

type Field = 'login' | 'code' | 'password';
const FIELD_IDS: Record<Field, string> = { login: 'setup-email', code: 'setup-code', password: 'setup-password' };
const focusField = (f: Field) => document.getElementById(FIELD_IDS[f])?.focus();

function Enrolment({ done }: { done: StaffEnrolment }) {
  return (
    <section class="card enrolment" aria-labelledby="setup-done-title" data-testid="setup-enrolment">
      <h2 id="setup-done-title" tabIndex={-1} class="focus-target">
        {t('clinician.setup.doneTitle')}
      </h2>
      <p>{t('clinician.setup.doneIntro')}</p>
      <p class="notice">{t('clinician.setup.once')}</p>
      <dl class="secret">
        <dt>{t('clinician.setup.uri')}</dt>
        <dd>
          <code class="uri" data-testid="otpauth-uri">
            {done.otpauth_uri}
          </code>
        </dd>
        <dt>{t('clinician.setup.secret')}</dt>
        <dd>
          <code data-testid="otp-secret">{groupSecret(done.secret)}</code>
        </dd>
      </dl>
      <p class="actions">
        <CopyButton text={done.otpauth_uri} label={t('clinician.setup.copyUri')} />
      </p>
      <h3>{t('clinician.setup.codes')}</h3>
      <p>{t('clinician.setup.codesIntro')}</p>
      <ol class="codes" data-testid="new-recovery-codes">
        {done.recovery_codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <p class="actions">
        <CopyButton text={done.recovery_codes.join('\n')} label={t('clinician.settings.copyCodes')} />
        <button type="button" class="button primary" onClick={() => navigate('/signin')}>
          {t('clinician.setup.signIn')}
        </button>
      </p>
    </section>
  );
}

export function Setup() {
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>({});
  const [done, setDone] = useState<StaffEnrolment | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const errs: typeof errors = {};
    if (!email.trim()) errs.login = t('clinician.setup.emailRequired');
    if (!code.trim()) errs.code = t('clinician.setup.codeRequired');
    if (password.length < 10) errs.password = t('signup.passwordShort');
    setErrors(errs);
    const first = (['login', 'code', 'password'] as Field[]).find((f) => errs[f]);
    if (first) {
      focusField(first);
      return;
    }
    setBusy(true);
    try {
      const r = await clinicianApi.setup(email.trim(), code.trim(), password);
      setPassword('');
      setCode('');
      setDone(r);
      requestAnimationFrame(() => document.getElementById('setup-done-title')?.focus());
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) {
        setErrors({ form: t('clinician.setup.throttled', { wait: waitText(err.retryAfter ?? 60) }) });
        return;
      }
      const field = err instanceof ApiError ? err.field : undefined;
      if (field === 'login' || field === 'code' || field === 'password') {
        setErrors({ [field]: errorMessage(err) });
        focusField(field);
      } else setErrors({ form: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('clinician.setup.title')}>
      {done ? (
        <Enrolment done={done} />
      ) : (
        <>
          <p class="lead">{t('clinician.setup.intro')}</p>
          <form onSubmit={submit} noValidate class="stack narrow">
            <TextField
              id="setup-email"
              label={t('clinician.setup.email')}
              type="email"
              autocomplete="username"
              autocapitalize="none"
              spellcheck={false}
              required
              value={email}
              onInput={(e) => setEmail((e.target as HTMLInputElement).value)}
              error={errors.login}
            />
            <TextField
              id="setup-code"
              label={t('clinician.setup.code')}
              hint={t('clinician.setup.codeHint')}
              autocomplete="one-time-code"
              autocapitalize="characters"
              spellcheck={false}
              required
              maxLength={64}
              value={code}
              onInput={(e) => setCode((e.target as HTMLInputElement).value)}
              error={errors.code}
            />
            <TextField
              id="setup-password"
              label={t('clinician.setup.password')}
              hint={t('signup.passwordHint')}
              type="password"
              autocomplete="new-password"
              required
              minLength={10}
              value={password}
              onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
              error={errors.password}
            />
            <ErrorText>{errors.form}</ErrorText>
            <button type="submit" class="button primary" disabled={busy}>
              {t('clinician.setup.button')}
            </button>
            <Status>{busy ? t('clinician.setup.working') : null}</Status>
          </form>
          <p>
            {t('clinician.setup.haveAccount')} <Link href="/signin">{t('signin.button')}</Link>
          </p>
        </>
      )}
    </Page>
  );
}
