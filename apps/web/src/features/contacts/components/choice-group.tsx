import { useId } from 'react';
import { FieldError } from './field-error';

export interface Choice {
  value: string;
  label: string;
}

interface ChoiceGroupProps {
  legend: string;
  name: string;
  value: string | null | undefined;
  choices: Choice[];
  onChange: (value: string) => void;
  /** The explicit "Undisclosed" answer, drawn apart from the others so it never reads as a blank. */
  undisclosed?: Choice;
  error?: string | undefined;
  disabled?: boolean;
}

/** A single-choice question as a row of radio pills: every answer, including "Undisclosed", is visible. */
export function ChoiceGroup(props: ChoiceGroupProps) {
  const { legend, name, value, choices, onChange, undisclosed, error, disabled } = props;
  const errorId = useId();
  const all = undisclosed ? [...choices, undisclosed] : choices;
  return (
    <fieldset
      className={`ct-choices${error ? ' ct-has-error' : ''}`}
      aria-describedby={error ? errorId : undefined}
      disabled={disabled}
    >
      <legend>{legend}</legend>
      <div className="ct-pills">
        {all.map((choice) => (
          <label
            key={choice.value}
            className={`ct-pill${choice === undisclosed ? ' ct-pill-undisclosed' : ''}${
              value === choice.value ? ' ct-pill-on' : ''
            }`}
          >
            <input
              type="radio"
              name={name}
              value={choice.value}
              checked={value === choice.value}
              onChange={() => onChange(choice.value)}
            />
            {choice.label}
          </label>
        ))}
      </div>
      <FieldError id={errorId}>{error}</FieldError>
    </fieldset>
  );
}
