import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Field } from './field';

describe('Field', () => {
  it('labels its control and ties the hint and the error to it', () => {
    render(
      <Field label="Postal code" hint="Like H2X 1Y4" error="This is not a Canadian postal code">
        {(props) => <input {...props} defaultValue="123" />}
      </Field>,
    );
    const input = screen.getByLabelText('Postal code');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('Like H2X 1Y4 This is not a Canadian postal code');
  });

  it('is not marked invalid without an error', () => {
    render(<Field label="Name">{(props) => <input {...props} />}</Field>);
    const input = screen.getByLabelText('Name');
    expect(input).not.toHaveAttribute('aria-invalid');
    expect(input).not.toHaveAttribute('aria-describedby');
  });
});
