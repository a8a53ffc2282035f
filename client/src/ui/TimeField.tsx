import { Time } from '@internationalized/date';
import { TimeField as AriaTimeField } from 'react-aria-components';
import { SegmentedFieldBody, type SegmentedFieldProps } from './SegmentedField';

/** `value`: HH:MM (24 hours) or null. */
export type TimeFieldProps = SegmentedFieldProps;

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
      <SegmentedFieldBody
        label={label}
        description={description}
        error={error}
        isRequired={props.isRequired}
      />
    </AriaTimeField>
  );
}
