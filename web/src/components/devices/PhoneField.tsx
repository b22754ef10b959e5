import { useId } from 'react';

/** A labelled mobile-number input with its hint: the phone of a device, asked at login too. */
export function PhoneField({
  label,
  hint,
  value,
  onChange,
}: {
  readonly label: string;
  readonly hint: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="form-group">
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <input
        id={id}
        className="input"
        type="tel"
        name="phone"
        autoComplete="tel"
        inputMode="tel"
        aria-describedby={`${id}-hint`}
        required
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
