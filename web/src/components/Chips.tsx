// A group of checkbox "chips" (emotion words, suggested tags) inside a fieldset.
interface Props {
  legend: string;
  name: string;
  options: string[];
  selected: string[];
  onToggle: (value: string) => void;
  /** When true, unchecked chips are disabled (a limit was reached). */
  full?: boolean;
}

export function Chips({ legend, name, options, selected, onToggle, full }: Props) {
  return (
    <fieldset class="chips">
      <legend>{legend}</legend>
      <div class="chip-list">
        {options.map((o) => {
          const on = selected.includes(o);
          return (
            <label class={on ? 'chip on' : 'chip'} key={o}>
              <input type="checkbox" name={name} value={o} checked={on} disabled={!on && full} onChange={() => onToggle(o)} />
              <span>{o}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
