import type { ReactNode } from 'react';

/** The message under a contact field that is missing or wrong; nothing when there is none. */
export function FieldError({ id, children }: { id?: string; children: ReactNode }) {
  if (!children) return null;
  return (
    <p className="ct-field-error" id={id}>
      {children}
    </p>
  );
}
