// Settings: your clinician (sharing), reflections, country, password, download my data, who
// looked at my data, sign out, delete my account.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../api';
import { SelectField, TextField } from '../components/Field';
import { Page } from '../components/Page';
import { ErrorText, Status } from '../components/Status';
import { countryOptions } from '../countries';
import { clearCheckins } from '../checkins';
import { RecoveryCode } from '../components/RecoveryCode';
import { clearDrafts, queuedFor } from '../drafts';
import { clearPendingCode, savePendingCode, usePendingCode } from '../recovery';
import { setFlash } from '../flash';
import { t, type MessageKey } from '../i18n';
import { navigate } from '../router';
import { setUser } from '../session';
import { AccessLog } from '../sharing/AccessLog';
import { SettingsSharing } from '../sharing/SettingsSharing';
import { REFLECTION_MODES, type ReflectionMode, type User } from '../types';

function useForm() {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const run = async (fn: () => Promise<string | null>, fieldMap: Record<string, string> = {}) => {
    setBusy(true);
    setStatus(null);
    setErrors({});
    try {
      setStatus(await fn());
    } catch (e) {
      const f = e instanceof ApiError && e.field ? fieldMap[e.field] : undefined;
      setErrors(f ? { [f]: errorMessage(e) } : { form: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return { busy, status, errors, setErrors, setStatus, run };
}

function CountryForm({ user }: { user: User }) {
  const options = useMemo(countryOptions, []);
  const [country, setCountry] = useState(user.country ?? '');
  const f = useForm();
  const submit = (e: Event) => {
    e.preventDefault();
    void f.run(async () => {
      const { user: u } = await api.patchMe({ country: country || null });
      setUser(u);
      return t('settings.countrySaved');
    }, { country: 'country' });
  };
  return (
    <form onSubmit={submit} noValidate class="stack narrow">
      <SelectField
        id="s-country"
        label={t('settings.country')}
        hint={t('settings.countryHint')}
        value={country}
        onChange={(e) => setCountry((e.target as HTMLSelectElement).value)}
        error={f.errors.country}
      >
        <option value="">{t('settings.countryNone')}</option>
        {options.map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </SelectField>
      <ErrorText>{f.errors.form}</ErrorText>
      <div>
        <button type="submit" class="button" disabled={f.busy}>
          {t('settings.countrySave')}
        </button>
      </div>
      <Status>{f.status}</Status>
    </form>
  );
}

/** "Reflections after I write": On / Just listen / Help me think / Off (PATCH /me). */
function ReflectionsForm({ user }: { user: User }) {
  const [mode, setMode] = useState<ReflectionMode>(user.reflections ?? 'on');
  const f = useForm();
  const submit = (e: Event) => {
    e.preventDefault();
    void f.run(async () => {
      const { user: u } = await api.patchMe({ reflections: mode });
      setUser(u);
      return t('settings.reflectionsSaved', { mode: t(`settings.reflections.${u.reflections ?? mode}` as MessageKey) });
    });
  };
  return (
    <form onSubmit={submit} noValidate class="stack narrow">
      <fieldset class="choice-list" aria-describedby="s-reflections-hint">
        <legend>{t('settings.reflections')}</legend>
        <p class="hint" id="s-reflections-hint">
          {t('settings.reflectionsHint')}
        </p>
        {REFLECTION_MODES.map((m) => (
          <div class="choice" key={m}>
            <input id={`s-refl-${m}`} type="radio" name="reflections" value={m} checked={mode === m} onChange={() => setMode(m)} aria-describedby={`s-refl-${m}-hint`} />
            <div>
              <label for={`s-refl-${m}`} class="choice-label">
                {t(`settings.reflections.${m}` as MessageKey)}
              </label>
              <p class="hint choice-hint" id={`s-refl-${m}-hint`}>
                {t(`settings.reflectionsHint.${m}` as MessageKey)}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
      <ErrorText>{f.errors.form}</ErrorText>
      <div>
        <button type="submit" class="button" disabled={f.busy}>
          {t('settings.reflectionsSave')}
        </button>
      </div>
      <Status>{f.status}</Status>
    </form>
  );
}

function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const f = useForm();
  const submit = (e: Event) => {
    e.preventDefault();
    if (next.length < 10) {
      f.setErrors({ new_password: t('signup.passwordShort') });
      return;
    }
    void f.run(async () => {
      await api.changePassword(current, next);
      setCurrent('');
      setNext('');
      return t('settings.passwordSaved');
    }, { current_password: 'current_password', new_password: 'new_password' });
  };
  return (
    <form onSubmit={submit} noValidate class="stack narrow">
      <TextField
        id="s-current"
        label={t('settings.currentPassword')}
        type="password"
        autocomplete="current-password"
        value={current}
        onInput={(e) => setCurrent((e.target as HTMLInputElement).value)}
        error={f.errors.current_password}
      />
      <TextField
        id="s-new"
        label={t('settings.newPassword')}
        type="password"
        autocomplete="new-password"
        hint={t('settings.newPasswordHint')}
        value={next}
        onInput={(e) => setNext((e.target as HTMLInputElement).value)}
        error={f.errors.new_password}
      />
      <ErrorText>{f.errors.form}</ErrorText>
      <div>
        <button type="submit" class="button" disabled={f.busy}>
          {t('settings.passwordSave')}
        </button>
      </div>
      <Status>{f.status}</Status>
    </form>
  );
}

/** Anonymous accounts: make a new recovery code (the old one stops working). The new code
 * is kept in sessionStorage until the person confirms they saved it, like a new account's. */
function NewRecoveryCode({ user }: { user: User }) {
  const pending = usePendingCode(user.id);
  const f = useForm();
  const make = () =>
    void f.run(async () => {
      f.setStatus(t('settings.recoveryWorking'));
      try {
        const { recovery_code } = await api.newRecoveryCode();
        savePendingCode({ userId: user.id, handle: user.handle, code: recovery_code, kind: 'renewed' });
        return null;
      } catch (e) {
        if (e instanceof ApiError && (e.status === 404 || e.status === 405)) throw new ApiError(e.status, e.code, t('settings.recoveryUnavailable'));
        throw e;
      }
    });
  if (pending) {
    return (
      <RecoveryCode
        pending={pending}
        title={t('recovery.newTitle')}
        onConfirmed={() => {
          clearPendingCode();
          f.setStatus(t('settings.recoverySaved'));
          requestAnimationFrame(() => document.getElementById('s-recovery-status')?.focus());
        }}
      />
    );
  }
  return (
    <div class="stack">
      <p>{t('settings.recoveryIntro')}</p>
      <div>
        <button type="button" class="button" onClick={make} disabled={f.busy}>
          {t('settings.recoveryButton')}
        </button>
      </div>
      <ErrorText>{f.errors.form}</ErrorText>
      <p class="status" role="status" aria-live="polite" id="s-recovery-status" tabIndex={-1}>
        {f.status}
      </p>
    </div>
  );
}

function filenameFrom(res: Response): string {
  const cd = res.headers.get('Content-Disposition') ?? '';
  const m = /filename="?([^";]+)"?/.exec(cd);
  return m?.[1] ?? 'interlude-export.json';
}

function ExportData() {
  const f = useForm();
  const download = () =>
    void f.run(async () => {
      f.setStatus(t('settings.downloading'));
      const res = await api.exportData();
      const blob = await res.blob();
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = filenameFrom(res);
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return t('settings.downloaded');
    });
  return (
    <div class="stack">
      <p>{t('settings.dataIntro')}</p>
      <div>
        <button type="button" class="button" onClick={download} disabled={f.busy}>
          {t('settings.download')}
        </button>
      </div>
      <ErrorText>{f.errors.form}</ErrorText>
      <Status>{f.status}</Status>
    </div>
  );
}

function SignOut({ user }: { user: User }) {
  const f = useForm();
  const waiting = queuedFor(user.id).length > 0;
  const signOut = () =>
    void f.run(async () => {
      try {
        await api.logout();
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 401)) throw e;
      }
      setFlash(t('welcome.signedOut'));
      setUser(null);
      navigate('/', { replace: true });
      return null;
    });
  return (
    <div class="stack">
      {waiting && <p class="notice">{t('settings.signOutPending')}</p>}
      <div>
        <button type="button" class="button" onClick={signOut} disabled={f.busy}>
          {t('settings.signOut')}
        </button>
      </div>
      <ErrorText>{f.errors.form}</ErrorText>
    </div>
  );
}

function DeleteAccount({ user }: { user: User }) {
  const word = t('settings.deleteWord');
  const [typed, setTyped] = useState('');
  const [password, setPassword] = useState('');
  const f = useForm();
  const submit = (e: Event) => {
    e.preventDefault();
    if (typed.trim() !== word) {
      f.setErrors({ confirm: t('settings.deleteMismatch', { word }) });
      document.getElementById('s-del-confirm')?.focus();
      return;
    }
    void f.run(async () => {
      await api.deleteMe(password || undefined);
      clearDrafts(user.id);
      clearCheckins(user.id);
      setFlash(t('welcome.deleted'));
      setUser(null);
      navigate('/', { replace: true });
      return null;
    }, { password: 'password' });
  };
  return (
    <form onSubmit={submit} noValidate class="stack narrow">
      <p>{t('settings.deleteIntro')}</p>
      <TextField
        id="s-del-confirm"
        label={t('settings.deleteType', { word })}
        autocomplete="off"
        autocapitalize="characters"
        spellcheck={false}
        value={typed}
        onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
        error={f.errors.confirm}
      />
      <TextField
        id="s-del-password"
        label={t('settings.deletePassword')}
        type="password"
        autocomplete="current-password"
        value={password}
        onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
        error={f.errors.password}
      />
      <ErrorText>{f.errors.form}</ErrorText>
      <div>
        <button type="submit" class="button danger" disabled={f.busy}>
          {t('settings.deleteButton')}
        </button>
      </div>
      <Status>{f.busy ? t('settings.deleting') : null}</Status>
    </form>
  );
}

export function Settings({ user }: { user: User }) {
  // Arrived from a reflection's "Turn off / change" link: take focus to that section (after
  // the app has focused the page heading).
  useEffect(() => {
    const target = location.hash === '#reflections' ? 'reflections' : location.hash === '#access-log' ? 'access-log' : null;
    if (!target) return;
    let inner = 0;
    const outer = requestAnimationFrame(() => {
      inner = requestAnimationFrame(() => {
        const el = document.getElementById(target);
        el?.focus();
        el?.scrollIntoView({ block: 'start' });
      });
    });
    return () => {
      cancelAnimationFrame(outer);
      cancelAnimationFrame(inner);
    };
  }, []);
  return (
    <Page title={t('settings.title')}>
      <section aria-labelledby="s-account" class="card">
        <h2 id="s-account">{t('settings.accountTitle')}</h2>
        <p>{t('settings.signedInAs', { name: user.email || user.handle })}</p>
      </section>
      {user.email === null && (
        <section aria-labelledby="s-recovery-title" class="card">
          <h2 id="s-recovery-title">{t('settings.recoveryTitle')}</h2>
          <NewRecoveryCode user={user} />
        </section>
      )}
      {user.role === 'client' && (
        <section aria-labelledby="s-sharing-title" class="card">
          <h2 id="s-sharing-title">{t('sharing.settingsTitle')}</h2>
          <SettingsSharing user={user} />
        </section>
      )}
      <section aria-labelledby="reflections" class="card">
        <h2 id="reflections" tabIndex={-1} class="focus-target">
          {t('settings.reflectionsTitle')}
        </h2>
        <ReflectionsForm user={user} />
      </section>
      <section aria-labelledby="s-country-title" class="card">
        <h2 id="s-country-title">{t('settings.countryTitle')}</h2>
        <CountryForm user={user} />
      </section>
      <section aria-labelledby="s-password-title" class="card">
        <h2 id="s-password-title">{t('settings.passwordTitle')}</h2>
        <PasswordForm />
      </section>
      <section aria-labelledby="s-data-title" class="card">
        <h2 id="s-data-title">{t('settings.dataTitle')}</h2>
        <ExportData />
      </section>
      <section aria-labelledby="access-log" class="card">
        <h2 id="access-log" tabIndex={-1} class="focus-target">
          {t('sharing.accessTitle')}
        </h2>
        <AccessLog />
      </section>
      <section aria-labelledby="s-signout-title" class="card">
        <h2 id="s-signout-title">{t('settings.signOutTitle')}</h2>
        <SignOut user={user} />
      </section>
      <section aria-labelledby="s-delete-title" class="card danger-zone">
        <h2 id="s-delete-title">{t('settings.deleteTitle')}</h2>
        <DeleteAccount user={user} />
      </section>
    </Page>
  );
}
