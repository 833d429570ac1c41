// Above the editor when it was opened from a homework prompt (/journal/new?assignment=ID):
// the clinician's prompt, and the way back to the homework page to mark it done.
import { useEffect, useState } from 'preact/hooks';
import { Link } from '../components/Link';
import { t } from '../i18n';
import { sharingApi } from './api';
import type { Assignment } from './types';

export function PromptNote({ assignmentId }: { assignmentId: string }) {
  const [a, setA] = useState<Assignment | null>(null);
  useEffect(() => {
    sharingApi.assignments().then(
      (list) => setA(list.find((x) => x.id === assignmentId) ?? null),
      () => setA(null),
    );
  }, [assignmentId]);
  if (!a) return null;
  const text = a.instructions?.trim() || a.title?.trim();
  if (!text) return null;
  return (
    <aside class="card prompt-note" aria-labelledby="prompt-note-label">
      <p id="prompt-note-label" class="choice-label">
        {a.assigned_by ? t('sharing.promptLabel', { handle: a.assigned_by.handle }) : t('sharing.promptLabelNoName')}
      </p>
      <p class="assignment-instructions">{text}</p>
      <p>
        <Link href="/homework">{t('sharing.backToHomework')}</Link>
      </p>
    </aside>
  );
}
