// Shows a handle and recovery code with a copy button and the "I have saved it" step.
// Used for a new anonymous account (Start) and for a new code made in Settings.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { PendingCode } from '../recovery';
import { ErrorText, Status } from './Status';

interface Props {
  pending: PendingCode;
  title: string;
  /** Called once the person confirmed they saved the code. */
  onConfirmed: () => void;
}

export function RecoveryCode({ pending, title, onConfirmed }: Props) {
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copyMsg, setCopyMsg] = useState<string | null>(null);

  useEffect(() => {
    requestAnimationFrame(() => document.getElementById('created-title')?.focus());
  }, [pending.code]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(`${pending.handle}\n${pending.code}\n`);
      setCopyMsg(t('start.copied'));
    } catch {
      setCopyMsg(t('start.copyFailed'));
    }
  };

  const proceed = (e: Event) => {
    e.preventDefault();
    if (!saved) {
      setError(t('start.confirmNeeded'));
      document.getElementById('saved-code')?.focus();
      return;
    }
    onConfirmed();
  };

  return (
    <section class="card" aria-labelledby="created-title">
      <h2 id="created-title" tabIndex={-1}>
        {title}
      </h2>
      <dl class="secret">
        <dt>{t('start.handle')}</dt>
        <dd>
          <code data-testid="handle">{pending.handle}</code>
        </dd>
        <dt>{t('start.code')}</dt>
        <dd>
          <code data-testid="recovery-code">{pending.code}</code>
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
  );
}
