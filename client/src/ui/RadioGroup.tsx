import {
  FieldError,
  Label,
  Radio,
  RadioGroup as AriaRadioGroup,
  Text,
} from 'react-aria-components';
import { RequiredMark } from './RequiredMark';
import type { Option } from './Select';

export interface RadioGroupProps {
  label: string;
  options: readonly Option[];
  value: string | null;
  onChange: (value: string) => void;
  description?: string;
  error?: string;
  isRequired?: boolean;
  isDisabled?: boolean;
  name?: string;
}

export function RadioGroup({
  label,
  options,
  description,
  error,
  value,
  ...props
}: RadioGroupProps) {
  return (
    <AriaRadioGroup
      {...props}
      value={value}
      className="field choice-group"
      isInvalid={error !== undefined}
      validationBehavior="aria"
    >
      <Label className="field__label">
        {label}
        {props.isRequired && <RequiredMark />}
      </Label>
      {description && (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      )}
      <div className="choice-group__options">
        {options.map((option) => (
          <Radio key={option.id} value={option.id} className="radio">
            <span className="radio__dot" aria-hidden="true" />
            {option.label}
          </Radio>
        ))}
      </div>
      <FieldError className="field__error">{error}</FieldError>
    </AriaRadioGroup>
  );
}
