import type { ReactNode } from 'react';
import { fieldId } from '../../../ui/form/fields';

const FOCUSABLE = 'input:not([type=hidden]), button, textarea, [role=spinbutton], [tabindex="0"]';

/**
 * A target for the error summary's link to a field that is not a single input
 * (a list, a date, a group of boxes): focusing it moves focus to the first
 * control inside, so the link lands where the person can act.
 */
export function FieldAnchor({
  name,
  wide,
  children,
}: {
  name: string;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <div
      id={fieldId(name)}
      tabIndex={-1}
      className={`case-form__anchor${wide ? ' case-form__anchor--wide' : ''}`}
      onFocus={(event) => {
        if (event.target !== event.currentTarget) return;
        event.currentTarget.querySelector<HTMLElement>(FOCUSABLE)?.focus();
      }}
    >
      {children}
    </div>
  );
}
