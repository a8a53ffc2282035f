import type { Ref } from 'react';
import { FieldError, Input, Label, NumberField, Text } from 'react-aria-components';
import { RequiredMark } from '../../ui/RequiredMark';

/**
 * A labelled number in the reader's locale (es-EC writes 0,5), kept within
 * its limits and steps by React Aria; the value changes when the person
 * leaves the field or presses Enter.
 */
export function NumberInput({
  label,
  description,
  error,
  value,
  onChange,
  minValue,
  maxValue,
  step,
  fractionDigits,
  inputRef,
  isRequired,
}: {
  label: string;
  description?: string;
  error?: string;
  value: number;
  onChange: (value: number) => void;
  minValue: number;
  maxValue: number;
  step: number;
  fractionDigits: number;
  inputRef?: Ref<HTMLInputElement>;
  isRequired?: boolean;
}) {
  return (
    <NumberField
      className="field"
      value={value}
      onChange={(next) => {
        if (!Number.isNaN(next)) onChange(next);
      }}
      minValue={minValue}
      maxValue={maxValue}
      step={step}
      formatOptions={{
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits,
      }}
      isInvalid={error !== undefined}
      isRequired={isRequired}
      validationBehavior="aria"
    >
      <Label className="field__label">
        {label}
        {isRequired && <RequiredMark />}
      </Label>
      <Input className="field__input field__input--number" ref={inputRef} />
      {description && (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      )}
      <FieldError className="field__error">{error}</FieldError>
    </NumberField>
  );
}
