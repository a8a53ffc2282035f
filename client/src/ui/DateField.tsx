import { parseDate, type CalendarDate } from '@internationalized/date';
import {
  DateField as AriaDateField,
  DateInput,
  DateSegment,
  FieldError,
  Label,
  Text,
} from 'react-aria-components';
import { RequiredMark } from './RequiredMark';

export interface DateFieldProps {
  label: string;
  /** ISO date (YYYY-MM-DD) or null. */
  value: string | null;
  onChange: (value: string | null) => void;
  description?: string;
  error?: string;
  isRequired?: boolean;
  isDisabled?: boolean;
  name?: string;
  onBlur?: () => void;
}

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
      <Label className="field__label">
        {label}
        {props.isRequired && <RequiredMark />}
      </Label>
      <DateInput className="field__input date-input">
        {(segment) => <DateSegment segment={segment} className="date-input__segment" />}
      </DateInput>
      {description && (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      )}
      <FieldError className="field__error">{error}</FieldError>
    </AriaDateField>
  );
}
