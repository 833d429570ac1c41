// English messages of the sharing pages, kept apart from en.ts so that the sharing screens can
// grow without touching the rest; en.ts spreads them into the one catalogue.
import type { Plural } from './en';

export const sharingMessages = {
} satisfies Record<string, string | Plural>;
