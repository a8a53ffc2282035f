import {
  Checkbox,
  CheckboxGroup as AriaCheckboxGroup,
  FieldError,
  Label,
  Text,
} from 'react-aria-components';
import { RequiredMark } from './RequiredMark';
import type { Option } from './Select';

export interface CheckboxGroupProps {
  label: string;
  options: readonly Option[];
  value: string[];
  onChange: (value: string[]) => void;
  description?: string;
  error?: string;
  isRequired?: boolean;
  isDisabled?: boolean;
  name?: string;
  /** Lay the boxes out in columns (long vocabularies). */
  columns?: boolean;
}

export function CheckboxGroup({
  label,
  options,
  description,
  error,
  columns,
  ...props
}: CheckboxGroupProps) {
  return (
    <AriaCheckboxGroup
      {...props}
      className={`field choice-group${columns ? ' choice-group--columns' : ''}`}
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
          <Checkbox key={option.id} value={option.id} className="checkbox">
            <span className="checkbox__box" aria-hidden="true" />
            {option.label}
          </Checkbox>
        ))}
      </div>
      <FieldError className="field__error">{error}</FieldError>
    </AriaCheckboxGroup>
  );
}
