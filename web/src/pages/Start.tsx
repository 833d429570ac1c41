// Start anonymously: creates an account with no e-mail, then shows the handle and the
// one-time recovery code, and asks the person to confirm they saved it before going on.
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api';
import { Page } from '../components/Page';
import { ErrorText, Status } from '../components/Status';
import { t } from '../i18n';
import { navigate } from '../router';
import { setUser } from '../session';
import type { User } from '../types';

export function Start() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ user: User; code: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const [copyMsg, setCopyMsg] = useState<string | null>(null);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.anonymous();
      setCreated({ user: r.user, code: r.recovery_code });
      requestAnimationFrame(() => document.getElementById('created-title')?.focus());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(`${created.user.handle}\n${created.code}\n`);
      setCopyMsg(t('start.copied'));
    } catch {
      setCopyMsg(t('start.copyFailed'));
    }
  };

  const proceed = (e: Event) => {
    e.preventDefault();
    if (!created) return;
    if (!saved) {
      setError(t('start.confirmNeeded'));
      return;
    }
    setUser(created.user);
    navigate('/today', { replace: true });
  };

  if (!created) {
    return (
      <Page title={t('start.title')}>
        <p class="lead">{t('start.intro')}</p>
        <p>
          <button type="button" class="button primary" onClick={create} disabled={busy}>
            {t('start.button')}
          </button>
        </p>
        <Status>{busy ? t('start.working') : null}</Status>
        <ErrorText>{error}</ErrorText>
      </Page>
    );
  }

  return (
    <Page title={t('start.title')}>
      <section class="card" aria-labelledby="created-title">
        <h2 id="created-title" tabIndex={-1}>
          {t('start.createdTitle')}
        </h2>
        <dl class="secret">
          <dt>{t('start.handle')}</dt>
          <dd>
            <code data-testid="handle">{created.user.handle}</code>
          </dd>
          <dt>{t('start.code')}</dt>
          <dd>
            <code data-testid="recovery-code">{created.code}</code>
          </dd>
        </dl>
        <div class="notice" role="note">
          <h3>{t('start.warningTitle')}</h3>
          <p>{t('start.warning')}</p>
        </div>
        <p>
          <button type="button" class="button" onClick={copy}>
            {t('start.copy')}
          </button>
        </p>
        <Status>{copyMsg}</Status>
        <form onSubmit={proceed} noValidate>
          <div class="check">
            <input
              id="saved-code"
              type="checkbox"
              checked={saved}
              onChange={(e) => {
                setSaved((e.target as HTMLInputElement).checked);
                setError(null);
              }}
              aria-describedby={error ? 'start-error' : undefined}
            />
            <label for="saved-code">{t('start.confirm')}</label>
          </div>
          <ErrorText id="start-error">{error}</ErrorText>
          <button type="submit" class="button primary">
            {t('start.continue')}
          </button>
        </form>
      </section>
    </Page>
  );
}
