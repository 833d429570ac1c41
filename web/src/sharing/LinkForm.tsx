// "Link with a clinician": the invitation code (any case, spaces or dashes) and what to
// share, all unticked until the person ticks (POST /links).
import { useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../api';
import { TextField } from '../components/Field';
import { ErrorText } from '../components/Status';
import { t } from '../i18n';
import { formatCode } from './code';
import { sharingApi } from './api';
import { ShareChoices } from './ShareChoices';
import { noShare, type ClientLink, type Share } from './types';

export function LinkForm({ onLinked }: { onLinked: (link: ClientLink) => void }) {
  const [code, setCode] = useState('');
  const [share, setShare] = useState<Share>(noShare);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ code?: string; share?: string; form?: string }>({});

  const submit = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    if (!code.trim()) {
      setErrors({ code: t('sharing.codeMissing') });
      document.getElementById('l-code')?.focus();
      return;
    }
    const formatted = formatCode(code);
    if (!formatted) {
      setErrors({ code: t('sharing.codeShape') });
      document.getElementById('l-code')?.focus();
      return;
    }
    setBusy(true);
    try {
      const link = await sharingApi.createLink(formatted, share);
      setCode('');
      setShare(noShare());
      onLinked(link);
    } catch (err) {
      const field = err instanceof ApiError ? err.field : undefined;
      if (field === 'code') {
        setErrors({ code: errorMessage(err) });
        document.getElementById('l-code')?.focus();
      } else if (field?.startsWith('share')) setErrors({ share: errorMessage(err) });
      else setErrors({ form: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate class="stack">
      <p>{t('sharing.linkIntro')}</p>
      <div class="narrow">
        <TextField
          id="l-code"
          label={t('sharing.code')}
          hint={t('sharing.codeHint')}
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          inputMode="text"
          value={code}
          onInput={(e) => setCode((e.target as HTMLInputElement).value)}
          error={errors.code}
        />
      </div>
      <ShareChoices id="l-share" legend={t('sharing.chooseLegend')} hint={t('sharing.chooseHint')} value={share} onChange={setShare} disabled={busy} />
      <ErrorText>{errors.share ?? errors.form}</ErrorText>
      <div>
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? t('sharing.linking') : t('sharing.linkButton')}
        </button>
      </div>
    </form>
  );
}
