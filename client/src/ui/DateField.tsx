import { parseDate, type CalendarDate } from '@internationalized/date';
import { DateField as AriaDateField } from 'react-aria-components';
import { SegmentedFieldBody, type SegmentedFieldProps } from './SegmentedField';

/** `value`: an ISO date (YYYY-MM-DD) or null. */
export type DateFieldProps = SegmentedFieldProps;

function toCalendarDate(value: string | null): CalendarDate | null {
  if (!value) return null;
  try {
    return parseDate(value.slice(0, 10));
  } catch {
    return null;
  }
}

/** A date typed segment by segment in the user's locale order (React Aria DateField). */
export function DateField({
  label,
  value,
  onChange,
  description,
  error,
  ...props
}: DateFieldProps) {
  return (
    <AriaDateField
      {...props}
      className="field"
      value={toCalendarDate(value)}
      onChange={(date) => onChange(date ? date.toString() : null)}
      isInvalid={error !== undefined}
      validationBehavior="aria"
      granularity="day"
    >
      <SegmentedFieldBody
        label={label}
        description={description}
        error={error}
        isRequired={props.isRequired}
      />
    </AriaDateField>
  );
}
