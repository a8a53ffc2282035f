import {
  Button as AriaButton,
  FieldError,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select as AriaSelect,
  SelectValue,
  Text,
  type Key,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { RequiredMark } from './RequiredMark';

export interface Option {
  id: string;
  label: string;
}

export interface SelectProps {
  label: string;
  options: readonly Option[];
  value: string | null;
  onChange: (value: string | null) => void;
  description?: string;
  error?: string;
  isRequired?: boolean;
  isDisabled?: boolean;
  placeholder?: string;
  name?: string;
  onBlur?: () => void;
}

/** A labelled single choice from a list (React Aria Select: a listbox in a popover). */
export function Select({
  label,
  options,
  value,
  onChange,
  description,
  error,
  placeholder,
  ...props
}: SelectProps) {
  const { t } = useTranslation('ui');
  return (
    <AriaSelect
      {...props}
      className="field"
      selectedKey={value}
      onSelectionChange={(key: Key | null) => onChange(key === null ? null : String(key))}
      isInvalid={error !== undefined}
      validationBehavior="aria"
      placeholder={placeholder ?? t('select.placeholder')}
    >
      <Label className="field__label">
        {label}
        {props.isRequired && <RequiredMark />}
      </Label>
      <AriaButton className="field__input select__button">
        <SelectValue className="select__value" />
        <span aria-hidden="true" className="select__chevron">
          ▾
        </span>
      </AriaButton>
      {description && (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      )}
      <FieldError className="field__error">{error}</FieldError>
      <Popover className="popover">
        <ListBox className="listbox" items={options}>
          {(option) => (
            <ListBoxItem className="listbox__item" id={option.id} textValue={option.label}>
              {option.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </AriaSelect>
  );
}
