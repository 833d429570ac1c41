// English messages of the clinician pages, kept apart from en.ts so that the clinician screens can
// grow without touching the rest; en.ts spreads them into the one catalogue.
import type { Plural } from './en';

export const clinicianMessages = {
} satisfies Record<string, string | Plural>;
