// A one-shot message carried to the next page (e.g. "account deleted" on the welcome page).
let pending: string | null = null;

export function setFlash(message: string): void {
  pending = message;
}

/** Returns the pending message once, then forgets it. */
export function takeFlash(): string | null {
  const m = pending;
  pending = null;
  return m;
}
