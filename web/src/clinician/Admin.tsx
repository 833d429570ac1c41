// Clinic admin (/admin): the clinic's clinicians, and a form that creates one. The answer
// carries the authenticator enrolment — the otpauth:// URI as text, and its secret grouped
// for typing into an authenticator app — and ten one-time recovery codes, shown here once.
import { useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../api';
import { TextField } from '../components/Field';
import { Page } from '../components/Page';
import { ErrorText } from '../components/Status';
import { formatLongDate } from '../format';
import { t } from '../i18n';
import { clinicianApi } from './api';
import { CopyButton, LoadNote, useLoad } from './shared';
import type { NewClinician } from './types';

/** The base32 secret of an otpauth:// URI, in groups of four for typing; '' if none. */
export function secretOf(uri: string): string {
  const m = /[?&]secret=([A-Za-z2-7=]+)/.exec(uri);
  return m ? m[1].replace(/=+$/, '').toUpperCase().replace(/(.{4})(?=.)/g, '$1 ') : '';
}

function Enrolment({ made, onDone }: { made: NewClinician; onDone: () => void }) {
  const secret = secretOf(made.otpauth_uri);
  return (
    <section class="card enrolment" aria-labelledby="enrol-title" data-testid="enrolment">
      <h2 id="enrol-title" tabIndex={-1} class="focus-target">
        {t('clinician.admin.createdTitle', { who: made.user.email || made.user.handle })}
      </h2>
      <p class="notice">{t('clinician.admin.once')}</p>
      <dl class="secret">
        <dt>{t('clinician.admin.uri')}</dt>
        <dd>
          <code class="uri" data-testid="otpauth-uri">{made.otpauth_uri}</code>
        </dd>
        <dt>{t('clinician.admin.secret')}</dt>
        <dd>
          <code data-testid="otp-secret">{secret}</code>
        </dd>
      </dl>
      <p class="actions">
        <CopyButton text={made.otpauth_uri} label={t('clinician.admin.copyUri')} />
      </p>
      <h3>{t('clinician.admin.codes')}</h3>
      <ol class="codes" data-testid="new-recovery-codes">
        {made.recovery_codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <p class="actions">
        <CopyButton text={made.recovery_codes.join('\n')} label={t('clinician.settings.copyCodes')} />
        <button type="button" class="button primary" onClick={onDone}>
          {t('clinician.admin.done')}
        </button>
      </p>
    </section>
  );
}

export function Admin() {
  const [load, reload] = useLoad(() => clinicianApi.clinicians(), []);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<NewClinician | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const errs: typeof errors = {};
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) errs.email = t('clinician.admin.emailRequired');
    if (password.length < 10) errs.password = t('clinician.admin.passwordShort');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      setMade(await clinicianApi.createClinician(email.trim(), password));
      setEmail('');
      setPassword('');
      reload();
      requestAnimationFrame(() => document.getElementById('enrol-title')?.focus());
    } catch (err) {
      const field = err instanceof ApiError ? err.field : undefined;
      if (field === 'email' || field === 'password') setErrors({ [field]: errorMessage(err) });
      else setErrors({ form: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('clinician.admin.title')}>
      <p class="lead">{t('clinician.admin.intro')}</p>
      {made && <Enrolment made={made} onDone={() => setMade(null)} />}
      <section aria-labelledby="list-title">
        <h2 id="list-title">{t('clinician.admin.listTitle')}</h2>
        <LoadNote load={load} />
        {load.state === 'ok' &&
          (load.data.length === 0 ? (
            <p>{t('clinician.admin.none')}</p>
          ) : (
            <div class="table-wrap" role="region" aria-labelledby="list-title" tabIndex={0}>
              <table data-testid="clinicians">
                <thead>
                  <tr>
                    <th scope="col">{t('clinician.admin.colEmail')}</th>
                    <th scope="col">{t('clinician.admin.colHandle')}</th>
                    <th scope="col">{t('clinician.admin.colCreated')}</th>
                    <th scope="col">{t('clinician.admin.colState')}</th>
                  </tr>
                </thead>
                <tbody>
                  {load.data.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">{c.email ?? '–'}</th>
                      <td>{c.handle}</td>
                      <td>{formatLongDate(c.created_at)}</td>
                      <td>{c.disabled ? t('clinician.admin.disabled') : t('clinician.admin.active')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
      </section>
      <form class="card stack narrow" onSubmit={submit} noValidate aria-labelledby="new-title">
        <h2 id="new-title">{t('clinician.admin.newTitle')}</h2>
        <TextField id="ad-email" label={t('clinician.admin.email')} type="email" autocomplete="off" value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} error={errors.email} />
        <TextField
          id="ad-password"
          label={t('clinician.admin.password')}
          hint={t('clinician.admin.passwordHint')}
          type="password"
          autocomplete="new-password"
          value={password}
          onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
          error={errors.password}
        />
        <ErrorText>{errors.form}</ErrorText>
        <button type="submit" class="button primary" disabled={busy}>
          {t('clinician.admin.create')}
        </button>
      </form>
    </Page>
  );
}
