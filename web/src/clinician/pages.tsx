// The staff pages, loaded on demand by routes.tsx: one router from a /clinician or /admin
// path (the role was checked by the caller) to its page, the public /setup page, and the
// styles of this area.
import { NotFound } from '../pages/NotFound';
import type { User } from '../types';
import { Admin } from './Admin';
import { Alerts } from './Alerts';
import { Caseload } from './Caseload';
import { ClientPage } from './ClientPage';
import { Invite } from './Invite';
export { Setup } from './Setup';
import { StaffSettings } from './StaffSettings';
import './clinician.css';

export function StaffRouter({ path, user, query }: { path: string; user: User; query: URLSearchParams }) {
  if (user.role === 'admin') {
    if (path === '/admin') return <Admin />;
    if (path === '/admin/settings') return <StaffSettings user={user} />;
    return <NotFound />;
  }
  if (path === '/clinician') return <Caseload />;
  if (path === '/clinician/alerts') return <Alerts />;
  if (path === '/clinician/invite') return <Invite />;
  if (path === '/clinician/settings') return <StaffSettings user={user} />;
  const m = /^\/clinician\/clients\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (m) {
    const id = decodeURIComponent(m[1]);
    return <ClientPage key={id} id={id} view={m[2] ?? 'brief'} query={query} />;
  }
  return <NotFound />;
}
