import { useTranslation } from 'react-i18next';

/**
 * Form error messages are keys: client-side zod messages are short codes
 * (`required`, `email`, …) and server field errors arrive as
 * `fieldErrors.<code>`; both are looked up in ui:fieldErrors.
 */
export function useTranslateFieldError() {
  const { t, i18n } = useTranslation('ui');
  return (message: string | undefined): string | undefined => {
    if (message === undefined) return undefined;
    const key = message.startsWith('fieldErrors.') ? message : `fieldErrors.${message}`;
    return i18n.exists(key, { ns: 'ui' })
      ? t(key as 'fieldErrors.invalid')
      : t('fieldErrors.invalid');
  };
}
