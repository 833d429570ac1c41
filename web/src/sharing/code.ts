// Invitation codes as people type them: "7kqf 2m9d-xw4t hb3c" -> "7KQF-2M9D-XW4T-HB3C".
// Spaces, dashes and case do not matter; O reads as 0 and I or L as 1 (Crockford base 32,
// the alphabet the server draws codes from), so a code read out loud still works.

const ALPHABET = /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{16}$/;

/** The code's 16 characters without separators, upper case, look-alikes mapped. */
export function canonicalCode(typed: string): string {
  return typed
    .replace(/[\s\-‐‑‒–—]+/g, '')
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** The code in four groups of four, or null when it is not 16 characters of the alphabet. */
export function formatCode(typed: string): string | null {
  const c = canonicalCode(typed);
  if (!ALPHABET.test(c)) return null;
  return c.match(/.{4}/g)!.join('-');
}
