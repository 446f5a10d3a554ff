import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';

/** Tab and Shift+Tab cycle within the dialog while it is open. */
function keepFocusInside(event: KeyboardEvent<HTMLElement>) {
  const focusable = [
    ...event.currentTarget.querySelectorAll<HTMLElement>(
      'button:not(:disabled), a[href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex="0"]',
    ),
  ];
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * The console's one modal dialog: labelled by its title, focus moved inside on open (to `initialFocus`:
 * an element, or 'first-field' for the first field or button, as forms want; else the dialog itself)
 * and kept there, Escape calls `onEscape`, and focus returns where it was on close. `alert` makes it an
 * alertdialog, for messages that need an answer now.
 */
export function Modal({
  title,
  description,
  children,
  actions,
  onEscape,
  initialFocus,
  alert = false,
  className,
}: {
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
  onEscape?: () => void;
  initialFocus?: RefObject<HTMLElement | null> | 'first-field';
  alert?: boolean;
  /** The screen's own class, e.g. for a wider dialog. */
  className?: string;
}) {
  const id = useId();
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const target =
      initialFocus === 'first-field'
        ? dialogRef.current?.querySelector<HTMLElement>('input, select, textarea, button')
        : initialFocus?.current;
    (target ?? dialogRef.current)?.focus();
    return () => previous?.focus();
  }, [initialFocus]);

  return (
    <div className="modal-backdrop">
      <div
        ref={dialogRef}
        className={className ? `modal ${className}` : 'modal'}
        role={alert ? 'alertdialog' : 'dialog'}
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={description ? `${id}-description` : undefined}
        tabIndex={-1}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && onEscape) {
            event.stopPropagation();
            onEscape();
          }
          if (event.key === 'Tab') keepFocusInside(event);
        }}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        {description ? <div id={`${id}-description`}>{description}</div> : null}
        {children}
        {actions ? <div className="modal-actions">{actions}</div> : null}
      </div>
    </div>
  );
}
