import { Time } from '@internationalized/date';
import {
  DateInput,
  DateSegment,
  FieldError,
  Label,
  Text,
  TimeField as AriaTimeField,
} from 'react-aria-components';
import { RequiredMark } from './RequiredMark';

export interface TimeFieldProps {
  label: string;
  /** HH:MM (24 hours) or null. */
  value: string | null;
  onChange: (value: string | null) => void;
  description?: string;
  error?: string;
  isRequired?: boolean;
  isDisabled?: boolean;
  name?: string;
  onBlur?: () => void;
}

function toTime(value: string | null): Time | null {
  const match = value ? /^(\d{2}):(\d{2})$/.exec(value) : null;
  return match ? new Time(Number(match[1]), Number(match[2])) : null;
}

const text = (time: Time) =>
  `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;

/** A time of day typed hour and minute, 24-hour clock (React Aria TimeField). */
export function TimeField({
  label,
  value,
  onChange,
  description,
  error,
  ...props
}: TimeFieldProps) {
  return (
    <AriaTimeField
      {...props}
      className="field"
      value={toTime(value)}
      onChange={(time) => onChange(time ? text(time) : null)}
      isInvalid={error !== undefined}
      validationBehavior="aria"
      hourCycle={24}
      granularity="minute"
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
    </AriaTimeField>
  );
}
