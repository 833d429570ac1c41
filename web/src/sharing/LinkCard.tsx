// One clinician the person is linked with: what is shared (editable, effective at once
// with PATCH /links/{id}) and "Stop sharing" behind a confirm step (DELETE /links/{id}).
import { useState } from 'preact/hooks';
import { errorMessage } from '../api';
import { ErrorText, Status } from '../components/Status';
import { formatDateTime, formatList } from '../format';
import { t, type MessageKey } from '../i18n';
import { sharingApi } from './api';
import { ShareChoices } from './ShareChoices';
import { SHARE_KEYS, type ClientLink, type Share } from './types';

function full(share: Partial<Share>): Share {
  return Object.fromEntries(SHARE_KEYS.map((k) => [k, share[k] === true])) as Share;
}

/** "Sharing: mood check-ins and questionnaires." in words. */
export function shareSummary(share: Partial<Share>): string {
  const on = SHARE_KEYS.filter((k) => share[k]).map((k) => t(`sharing.share.${k}` as MessageKey).toLocaleLowerCase());
  return on.length ? t('sharing.summary', { list: formatList(on) }) : t('sharing.summaryNothing');
}

interface Props {
  link: ClientLink;
  onChanged: (link: ClientLink) => void;
  onStopped: (link: ClientLink) => void;
}

export function LinkCard({ link, onChanged, onStopped }: Props) {
  const handle = link.clinician.handle;
  const [share, setShare] = useState<Share>(() => full(link.share));
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const base = `link-${link.id}`;

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setStatus(t('sharing.saving'));
    setError(null);
    try {
      const saved = await sharingApi.patchLink(link.id, share);
      setShare(full(saved.share));
      onChanged(saved);
      setStatus(t(SHARE_KEYS.some((k) => saved.share[k]) ? 'sharing.saved' : 'sharing.savedNothing', { handle }));
    } catch (err) {
      setStatus(null);
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const stop = async () => {
    setBusy(true);
    setError(null);
    try {
      await sharingApi.deleteLink(link.id);
      onStopped(link);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  const openConfirm = () => {
    setConfirm(true);
    requestAnimationFrame(() => document.getElementById(`${base}-stop-yes`)?.focus());
  };
  const closeConfirm = () => {
    setConfirm(false);
    requestAnimationFrame(() => document.getElementById(`${base}-stop`)?.focus());
  };

  return (
    <section class="card link-card" aria-labelledby={`${base}-title`}>
      <h3 id={`${base}-title`}>{t('sharing.linkHeading', { handle })}</h3>
      <p class="meta">
        {t('sharing.linkSince', { date: formatDateTime(link.created_at) })}
        {link.updated_at !== link.created_at && <> {t('sharing.linkChanged', { date: formatDateTime(link.updated_at) })}</>}
      </p>
      <form onSubmit={save} noValidate class="stack">
        <ShareChoices id={`${base}-share`} legend={t('sharing.editLegend', { handle })} hint={t('sharing.editHint')} value={share} onChange={setShare} disabled={busy} />
        <ErrorText>{error}</ErrorText>
        <div class="actions">
          <button type="submit" class="button primary" disabled={busy}>
            {t('sharing.save')}
          </button>
          {!confirm && (
            <button type="button" id={`${base}-stop`} class="button danger" onClick={openConfirm} disabled={busy}>
              {t('sharing.stop')}
            </button>
          )}
        </div>
        <Status>{status}</Status>
      </form>
      {confirm && (
        <div class="notice danger-zone" role="group" aria-labelledby={`${base}-stop-q`}>
          <p id={`${base}-stop-q`}>{t('sharing.stopConfirm', { handle })}</p>
          <div class="actions">
            <button type="button" id={`${base}-stop-yes`} class="button danger" onClick={() => void stop()} disabled={busy}>
              {t('sharing.stopYes')}
            </button>
            <button type="button" class="button" onClick={closeConfirm} disabled={busy}>
              {t('sharing.stopNo')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
