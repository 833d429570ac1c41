// Clinic admin (/admin): the clinic's clinicians, and a form that adds one by e-mail. The
// answer is a one-time set-up code (and when it runs out), shown here once for the admin to
// pass on: the clinician uses it at /setup to choose their own password and connect their
// own authenticator app, so the admin never learns either. Adding the same e-mail again
// before the clinician has set up gives a new code.
import { useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../api';
import { TextField } from '../components/Field';
import { Page } from '../components/Page';
import { ErrorText } from '../components/Status';
import { formatDateTime, formatLongDate } from '../format';
import { t } from '../i18n';
import { clinicianApi } from './api';
import { CopyButton, LoadNote, useLoad } from './shared';
import type { NewClinician } from './types';

function SetupCode({ made, onDone }: { made: NewClinician; onDone: () => void }) {
  const url = `${location.origin}/setup`;
  return (
    <section class="card enrolment" aria-labelledby="enrol-title" data-testid="setup-code-card">
      <h2 id="enrol-title" tabIndex={-1} class="focus-target">
        {t('clinician.admin.createdTitle', { who: made.user.email || made.user.handle })}
      </h2>
      <p>{t('clinician.admin.setupHow', { url })}</p>
      <p class="invite-code">
        <span class="visually-hidden">{t('clinician.admin.setupCode')}: </span>
        <code data-testid="setup-code">{made.setup_code}</code>
      </p>
      <p class="meta" data-testid="setup-expiry">
        {t('clinician.admin.setupExpires', { date: formatDateTime(made.setup_expires_at) })}
      </p>
      <p class="actions">
        <CopyButton text={made.setup_code} label={t('clinician.admin.copyCode')} testid="copy-setup-code" />
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
  const [errors, setErrors] = useState<{ email?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<NewClinician | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const errs: typeof errors = {};
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) errs.email = t('clinician.admin.emailRequired');
    setErrors(errs);
    if (errs.email) {
      document.getElementById('ad-email')?.focus();
      return;
    }
    setBusy(true);
    try {
      setMade(await clinicianApi.createClinician(email.trim()));
      setEmail('');
      reload();
      requestAnimationFrame(() => document.getElementById('enrol-title')?.focus());
    } catch (err) {
      if (err instanceof ApiError && err.field === 'email') {
        setErrors({ email: errorMessage(err) });
        document.getElementById('ad-email')?.focus();
      } else setErrors({ form: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('clinician.admin.title')}>
      <p class="lead">{t('clinician.admin.intro')}</p>
      {made && <SetupCode made={made} onDone={() => setMade(null)} />}
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
        <p>{t('clinician.admin.newIntro')}</p>
        <TextField id="ad-email" label={t('clinician.admin.email')} type="email" autocomplete="off" value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} error={errors.email} />
        <ErrorText>{errors.form}</ErrorText>
        <button type="submit" class="button primary" disabled={busy}>
          {t('clinician.admin.create')}
        </button>
      </form>
    </Page>
  );
}
