// Entry point: picks the language, learns who is signed in, starts the draft retry
// loop, renders the app and registers the service worker (production builds only).
import { render } from 'preact';
import { App } from './app';
import { onUnauthenticated } from './api';
import { startRetryingCheckins } from './checkins';
import { startRetrying } from './drafts';
import { setFlash } from './flash';
import { initLocale, t } from './i18n';
import { navigate } from './router';
import { isStaff } from './clinician/routes';
import { getUser, loadSession, setUser } from './session';
import './styles/app.css';

initLocale();

onUnauthenticated(() => {
  if (!getUser()) return;
  // Clinicians and admins are signed out after 15 idle minutes (docs/api.md): say so.
  const staff = isStaff(getUser());
  setUser(null);
  setFlash(staff ? t('clinician.signedOutIdle') : t('error.sessionEnded'));
  const here = location.pathname + location.search;
  navigate(`/signin?next=${encodeURIComponent(here)}`, { replace: true });
});

render(<App />, document.getElementById('app')!);

void loadSession().then(() => {
  startRetrying(() => getUser()?.id ?? null);
  startRetryingCheckins(() => getUser()?.id ?? null);
});

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      /* the app works without it, just not offline */
    });
  });
}
