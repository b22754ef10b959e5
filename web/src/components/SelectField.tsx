import { useId } from 'react';

interface SelectFieldProps<T extends string> {
  readonly label: string;
  readonly value: T;
  readonly options: readonly T[];
  readonly optionLabel: (value: T) => string;
  /** Narrows the DOM's string back to the option type (the select can only hold those). */
  readonly isOption: (value: string) => value is T;
  readonly onChange: (value: T) => void;
}

/** A labelled select over a fixed set of values: the one form the console's filters take. */
export function SelectField<T extends string>(props: SelectFieldProps<T>) {
  const id = useId();
  return (
    <div className="form-group">
      <label className="label" htmlFor={id}>
        {props.label}
      </label>
      <select
        id={id}
        className="select"
        value={props.value}
        onChange={(event) => {
          if (props.isOption(event.target.value)) props.onChange(event.target.value);
        }}
      >
        {props.options.map((value) => (
          <option key={value} value={value}>
            {props.optionLabel(value)}
          </option>
        ))}
      </select>
    </div>
  );
}
