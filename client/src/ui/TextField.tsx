import type { Ref } from 'react';
import {
  FieldError,
  Input,
  Label,
  Text,
  TextArea,
  TextField as AriaTextField,
  type TextFieldProps as AriaTextFieldProps,
} from 'react-aria-components';
import { RequiredMark } from './RequiredMark';

export interface TextFieldProps extends Omit<AriaTextFieldProps, 'className' | 'children'> {
  label: string;
  description?: string;
  /** A message in the user's language; marks the field invalid. */
  error?: string;
  multiline?: boolean;
  rows?: number;
  inputRef?: Ref<HTMLInputElement & HTMLTextAreaElement>;
}

export function TextField({
  label,
  description,
  error,
  multiline,
  rows = 4,
  inputRef,
  ...props
}: TextFieldProps) {
  return (
    <AriaTextField
      {...props}
      className="field"
      isInvalid={error !== undefined || props.isInvalid}
      validationBehavior="aria"
    >
      <Label className="field__label">
        {label}
        {props.isRequired && <RequiredMark />}
      </Label>
      {multiline ? (
        <TextArea
          className="field__input field__input--multiline"
          rows={rows}
          ref={inputRef}
          spellCheck={false}
        />
      ) : (
        <Input className="field__input" ref={inputRef} spellCheck={false} />
      )}
      {description && (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      )}
      <FieldError className="field__error">{error}</FieldError>
    </AriaTextField>
  );
}
