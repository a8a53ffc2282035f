import {
  Button as AriaButton,
  ComboBox as AriaComboBox,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Text,
  type Key,
} from 'react-aria-components';
import { RequiredMark } from './RequiredMark';
import type { Option } from './Select';

export interface ComboBoxProps {
  label: string;
  options: readonly Option[];
  value: string | null;
  onChange: (value: string | null) => void;
  description?: string;
  error?: string;
  isRequired?: boolean;
  isDisabled?: boolean;
  name?: string;
  onBlur?: () => void;
}

/** Type to filter a long list (institutions, people), then choose (React Aria ComboBox). */
export function ComboBox({
  label,
  options,
  value,
  onChange,
  description,
  error,
  ...props
}: ComboBoxProps) {
  return (
    <AriaComboBox
      {...props}
      className="field"
      defaultItems={options}
      selectedKey={value}
      onSelectionChange={(key: Key | null) => onChange(key === null ? null : String(key))}
      isInvalid={error !== undefined}
      validationBehavior="aria"
      menuTrigger="focus"
    >
      <Label className="field__label">
        {label}
        {props.isRequired && <RequiredMark />}
      </Label>
      <div className="combobox">
        <Input className="field__input combobox__input" />
        <AriaButton className="combobox__button" aria-hidden="true">
          ▾
        </AriaButton>
      </div>
      {description && (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      )}
      <FieldError className="field__error">{error}</FieldError>
      <Popover className="popover">
        <ListBox className="listbox">
          {(option: Option) => (
            <ListBoxItem className="listbox__item" id={option.id} textValue={option.label}>
              {option.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </AriaComboBox>
  );
}
