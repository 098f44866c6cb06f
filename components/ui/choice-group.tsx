import { describedBy, FieldError } from "@/components/ui/field-error";

type ChoiceGroupProps = {
  /** The field name; also the prefix of each input's id (`${name}-${value}`). */
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  type: "radio" | "checkbox";
  options: readonly { value: string; label: string }[];
  /** The values to show as chosen (what the person picked before a submission with problems). */
  checked: readonly string[];
};

/** Radios or a group of checkboxes: one fieldset, its legend as the question, an error above the choices. */
export function ChoiceGroup({ name, legend, hint, error, type, options, checked }: ChoiceGroupProps) {
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <fieldset className="fieldset" aria-describedby={describedBy(hintId, error && `${name}-error`)}>
        <legend className="fieldset__legend">{legend}</legend>
        {hint && (
          <p id={hintId} className="field__hint">
            {hint}
          </p>
        )}
        <FieldError id={`${name}-error`} message={error} />
        <div className="radios">
          {options.map((option) => (
            <div className={type} key={option.value}>
              <input
                id={`${name}-${option.value}`}
                name={name}
                type={type}
                value={option.value}
                defaultChecked={checked.includes(option.value)}
              />
              <label htmlFor={`${name}-${option.value}`}>{option.label}</label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
