import type { UseFormRegisterReturn } from 'react-hook-form';

/**
 * A box for a count of people (an activity's reach in a group, a planned
 * cell), registered with its form: whole numbers typed as people type them,
 * its error just below it and named as its description.
 */
export function CountInput({
  registration,
  id,
  error,
  maxLength,
  isDisabled,
  className,
  labelledBy,
}: {
  registration: UseFormRegisterReturn;
  id: string;
  error: string | undefined;
  maxLength: number;
  isDisabled: boolean;
  className?: string;
  /** Where no <label> names it (a grid's row and column headers). */
  labelledBy?: string;
}) {
  return (
    <>
      <input
        {...registration}
        id={id}
        className={className ? `field__input ${className}` : 'field__input'}
        inputMode="numeric"
        maxLength={maxLength}
        disabled={isDisabled}
        aria-labelledby={labelledBy}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <span id={`${id}-error`} className="field__error">
          {error}
        </span>
      )}
    </>
  );
}
