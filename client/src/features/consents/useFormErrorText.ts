import { useTranslation } from 'react-i18next';
import { useTranslateFieldError } from '../../ui/form/useTranslateFieldError';

/**
 * Field messages of the consent and referral forms: this feature's own codes
 * (consents:fieldErrors.<code>, e.g. `in_future`, `minor_needs_guardian`)
 * first, then the shared ones (ui:fieldErrors).
 */
export function useFormErrorText() {
  const { t, i18n } = useTranslation('consents');
  const shared = useTranslateFieldError();
  return (message: string | undefined): string | undefined => {
    if (message === undefined) return undefined;
    const code = message.startsWith('fieldErrors.')
      ? message.slice('fieldErrors.'.length)
      : message;
    const key = `fieldErrors.${code}`;
    if (i18n.exists(key, { ns: 'consents' })) return t(key as 'fieldErrors.in_future');
    return shared(message);
  };
}
