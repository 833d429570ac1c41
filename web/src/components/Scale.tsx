// A segmented radio group for a 1..N scale (valence 1-7, energy 1-5): real radio inputs,
// so arrow keys, labels and screen readers work as for any radio group.
interface Props {
  name: string;
  legend: string;
  max: number;
  value: number | null;
  labelFor: (n: number) => string;
  onChange: (n: number) => void;
  describedBy?: string;
}

export function Scale({ name, legend, max, value, labelFor, onChange, describedBy }: Props) {
  const values = Array.from({ length: max }, (_, i) => i + 1);
  return (
    <fieldset class="scale" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      <div class={`scale-options scale-${max}`}>
        {values.map((n) => (
          <label class="scale-option" key={n}>
            <input type="radio" name={name} value={n} checked={value === n} onChange={() => onChange(n)} />
            <span class="scale-num" aria-hidden="true">
              {n}
            </span>
            <span class="scale-label">{labelFor(n)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
