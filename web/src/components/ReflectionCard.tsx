// Interlude's reflection after an entry or a check-in note: a calm card in the app's own
// (clearly automated) voice. Sentences keep their order; an open question and an invitation
// to look again each get their own, visually distinct line. The card sits in a polite live
// region that is always rendered, so it is announced without taking focus (the safety card,
// when there is one, keeps focus and comes first). A small link leads to the setting.
import { useId } from 'preact/hooks';
import { t } from '../i18n';
import type { Reflection, ReplySentence, Safety } from '../types';
import { Link } from './Link';

type Block = { kind: 'plain' | 'question' | 'invitation'; sentences: ReplySentence[] };

/** Consecutive plain sentences share a paragraph; questions and invitations stand alone. */
function blocks(sentences: ReplySentence[]): Block[] {
  const out: Block[] = [];
  for (const s of sentences) {
    const kind = s.act === 'question' ? 'question' : s.act === 'invitation' ? 'invitation' : 'plain';
    const last = out[out.length - 1];
    if (kind === 'plain' && last?.kind === 'plain') last.sentences.push(s);
    else out.push({ kind, sentences: [s] });
  }
  return out;
}

/** True when the reflection should be left out because the safety response takes the moment. */
export function reflectionHidden(safety: Safety | null): boolean {
  return !!safety && (safety.tier === 'moderate' || safety.tier === 'high');
}

export function ReflectionCard({ reflection, safety = null }: { reflection: Reflection | null; safety?: Safety | null }) {
  const id = useId();
  const show = !!reflection && reflection.sentences.length > 0 && !reflectionHidden(safety);
  if (!show) return <div class="reflection-slot" aria-live="polite" />;
  return (
    <div class="reflection-slot" aria-live="polite">
      <section class="card reflection-card" aria-labelledby={`${id}-t`} data-testid="reflection">
        <h2 id={`${id}-t`} class="reflection-title">
          {t('reflection.title')}
        </h2>
        <div class="reflection-text" data-testid="reflection-text">
          {blocks(reflection!.sentences).map((b, i) => (
            <p key={i} class={`reflection-${b.kind}`}>
              {b.sentences.map((s, j) => (
                <span key={j} data-act={s.act}>
                  {j > 0 ? ' ' : ''}
                  {s.text}
                </span>
              ))}
            </p>
          ))}
        </div>
        <p class="meta reflection-meta">
          {t('reflection.automated')} <Link href="/settings#reflections">{t('reflection.change')}</Link>
          {' · '}
          <Link href="/exercises">{t('reflection.exercises')}</Link>
        </p>
      </section>
    </div>
  );
}
