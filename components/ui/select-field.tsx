import { describedBy, FieldError } from "@/components/ui/field-error";

export type SelectOption = { value: string; label: string };

type SelectFieldProps = {
  id: string;
  name?: string;
  label: string;
  hint?: string;
  error?: string;
  options: readonly SelectOption[];
  /** The first option, for "no choice": "Any status". Omit when a choice is required. */
  anyLabel?: string;
  defaultValue?: string;
};

export function SelectField({
  id,
  name = id,
  label,
  hint,
  error,
  options,
  anyLabel,
  defaultValue,
}: SelectFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
      <select
        id={id}
        name={name}
        className="select"
        defaultValue={defaultValue ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, errorId)}
      >
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
