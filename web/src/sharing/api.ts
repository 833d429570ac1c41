// The sharing calls: links (POST/GET/PATCH/DELETE /links), the per-entry `shared` flag
// (PATCH /entries/{id}), homework (GET/PATCH /assignments) and the access log
// (GET /me/access-log). Errors come as the app's ApiError / NetworkError (see ../api.ts).
import { send } from '../api';
import type { Access, Assignment, ClientLink, Share, SharedEntry } from './types';

async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await send(method, path, body);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

const id = (s: string) => encodeURIComponent(s);

export const sharingApi = {
  links: () => json<{ links: ClientLink[] }>('GET', '/links').then((r) => r.links ?? []),
  createLink: (code: string, share: Share) => json<{ link: ClientLink }>('POST', '/links', { code, share }).then((r) => r.link),
  patchLink: (linkId: string, share: Share) => json<{ link: ClientLink }>('PATCH', `/links/${id(linkId)}`, { share }).then((r) => r.link),
  deleteLink: (linkId: string) => json<void>('DELETE', `/links/${id(linkId)}`),
  setEntryShared: (entryId: string, shared: boolean) =>
    json<{ entry: SharedEntry }>('PATCH', `/entries/${id(entryId)}`, { shared }).then((r) => r.entry),
  accessLog: (limit = 100) => json<{ accesses: Access[] }>('GET', `/me/access-log?limit=${limit}`).then((r) => r.accesses ?? []),
  assignments: () => json<{ assignments: Assignment[] }>('GET', '/assignments').then((r) => r.assignments ?? []),
  markDone: (assignmentId: string, done: boolean, note?: string) =>
    json<{ assignment: Assignment }>('PATCH', `/assignments/${id(assignmentId)}`, note ? { done, note } : { done }).then((r) => r.assignment),
};
