import { DateInput, DateSegment, FieldError, Label, Text } from 'react-aria-components';
import { RequiredMark } from './RequiredMark';

/** What a date or a time field takes: its value as text (ISO date, HH:MM) or null. */
export interface SegmentedFieldProps {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  description?: string;
  error?: string;
  isRequired?: boolean;
  isDisabled?: boolean;
  name?: string;
  onBlur?: () => void;
}

/** The inside of a React Aria date or time field: label, segments typed one by one, help, error. */
export function SegmentedFieldBody({
  label,
  description,
  error,
  isRequired,
}: Pick<SegmentedFieldProps, 'label' | 'description' | 'error' | 'isRequired'>) {
  return (
    <>
      <Label className="field__label">
        {label}
        {isRequired && <RequiredMark />}
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
    </>
  );
}
