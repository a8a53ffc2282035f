import { TextField } from '../../ui/TextField';

/** A six-digit second-factor code (the phone's authenticator app gives it). */
export function CodeField({
  value,
  onChange,
  label,
  error,
  autoFocus,
}: {
  value: string;
  onChange: (value: string) => void;
  label: string;
  error?: string;
  autoFocus?: boolean;
}) {
  return (
    <TextField
      label={label}
      value={value}
      onChange={(next) => onChange(next.replace(/\D/g, '').slice(0, 6))}
      error={error}
      isRequired
      autoFocus={autoFocus}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
    />
  );
}
