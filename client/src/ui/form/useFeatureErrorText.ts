import { useTranslation } from 'react-i18next';
import { useTranslateFieldError } from './useTranslateFieldError';

/** The namespaces with field messages of their own (`<ns>:fieldErrors.<code>`). */
export type FieldErrorNamespace = 'admin' | 'campaigns' | 'consents' | 'targets' | 'trainings';

/**
 * Field messages of a feature's forms: its own codes first
 * (`<ns>:fieldErrors.<code>`, e.g. the server's `ends_before_start` or a
 * form's `amount`), then the shared ones (ui:fieldErrors).
 */
export function useFeatureErrorText(ns: FieldErrorNamespace) {
  const { t, i18n } = useTranslation(ns);
  const shared = useTranslateFieldError();
  // The key is only known at run time (checked with `exists` first).
  const translate = t as unknown as (key: string) => string;
  return (message: string | undefined): string | undefined => {
    if (message === undefined) return undefined;
    const code = message.startsWith('fieldErrors.')
      ? message.slice('fieldErrors.'.length)
      : message;
    const key = `fieldErrors.${code}`;
    if (i18n.exists(key, { ns })) return translate(key);
    return shared(message);
  };
}
