import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { CheckboxGroup, type CheckboxGroupProps } from '../CheckboxGroup';
import { DateField, type DateFieldProps } from '../DateField';
import { RadioGroup, type RadioGroupProps } from '../RadioGroup';
import { Select, type SelectProps } from '../Select';
import { TextField, type TextFieldProps } from '../TextField';

/**
 * react-hook-form adapters for the accessible fields: the field's value, its
 * blur and its error message come from the form (zod messages are i18n keys,
 * translated by `translateError`).
 */
interface Bound<T extends FieldValues> {
  control: Control<T>;
  name: FieldPath<T>;
  translateError: (message: string | undefined) => string | undefined;
}

type Managed = 'value' | 'onChange' | 'error' | 'name' | 'onBlur';

export function FormTextField<T extends FieldValues>({
  control,
  name,
  translateError,
  ...props
}: Bound<T> & Omit<TextFieldProps, Managed>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TextField
          {...props}
          id={props.id ?? fieldId(name)}
          name={field.name}
          value={field.value ?? ''}
          onChange={field.onChange}
          onBlur={field.onBlur}
          inputRef={field.ref}
          error={translateError(fieldState.error?.message)}
        />
      )}
    />
  );
}

export function FormSelect<T extends FieldValues>({
  control,
  name,
  translateError,
  ...props
}: Bound<T> & Omit<SelectProps, Managed>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Select
          {...props}
          name={field.name}
          value={field.value ?? null}
          onChange={(value) => field.onChange(value ?? undefined)}
          onBlur={field.onBlur}
          error={translateError(fieldState.error?.message)}
        />
      )}
    />
  );
}

export function FormCheckboxGroup<T extends FieldValues>({
  control,
  name,
  translateError,
  ...props
}: Bound<T> & Omit<CheckboxGroupProps, Managed>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <CheckboxGroup
          {...props}
          name={field.name}
          value={(field.value as string[] | undefined) ?? []}
          onChange={field.onChange}
          error={translateError(fieldState.error?.message)}
        />
      )}
    />
  );
}

export function FormRadioGroup<T extends FieldValues>({
  control,
  name,
  translateError,
  ...props
}: Bound<T> & Omit<RadioGroupProps, Managed>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <RadioGroup
          {...props}
          name={field.name}
          value={field.value ?? null}
          onChange={field.onChange}
          error={translateError(fieldState.error?.message)}
        />
      )}
    />
  );
}

export function FormDateField<T extends FieldValues>({
  control,
  name,
  translateError,
  ...props
}: Bound<T> & Omit<DateFieldProps, Managed>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <DateField
          {...props}
          name={field.name}
          value={field.value ?? null}
          onChange={(value) => field.onChange(value ?? undefined)}
          onBlur={field.onBlur}
          error={translateError(fieldState.error?.message)}
        />
      )}
    />
  );
}

/** The DOM id of a form field's input, so an error summary can link to it. */
export const fieldId = (name: string) => `field-${name.replace(/\./g, '-')}`;
