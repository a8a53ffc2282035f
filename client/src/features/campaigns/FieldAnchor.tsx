import type { ReactNode } from 'react';
import { fieldId } from '../../ui/form/fields';

/**
 * Where the error summary moves focus for a field whose input has no id of
 * its own (a group of boxes, a date typed in segments, a list box).
 */
export function FieldAnchor({
  name,
  wide = false,
  children,
}: {
  name: string;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <div id={fieldId(name)} tabIndex={-1} className={wide ? 'field--wide' : 'field-anchor'}>
      {children}
    </div>
  );
}
