import { useTranslation } from 'react-i18next';
import type { Control } from 'react-hook-form';
import { useTranslateFieldError } from '../../../ui/form/useTranslateFieldError';
import type { CaseFormValues } from './case-form';

export interface CaseFieldsProps {
  control: Control<CaseFormValues>;
  translateError: (message: string | undefined) => string | undefined;
}

/** The label of a form field by its path (`identity.fullName`): one table, cases:fields. */
export function useFieldLabel() {
  const { t } = useTranslation('cases');
  return (name: string): string => t(`fields.${name}` as 'fields.identifiedOn');
}

/** Error keys of this feature first (cases:fieldErrors), then the shared ones (ui:fieldErrors). */
export function useCaseFieldError() {
  const { t, i18n } = useTranslation('cases');
  const shared = useTranslateFieldError();
  return (message: string | undefined): string | undefined => {
    if (message === undefined) return undefined;
    const code = message.replace(/^fieldErrors\./, '');
    if (i18n.exists(`fieldErrors.${code}`, { ns: 'cases' })) {
      return t(`fieldErrors.${code}` as 'fieldErrors.phone');
    }
    return shared(message);
  };
}

/** Names for ISO codes in the interface language, sorted as people read them. */
export function useDisplayNames() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === 'en' ? 'en' : 'es';
  const regions = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
  const languages = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
  const sorted = (codes: readonly string[], name: (code: string) => string) =>
    codes
      .map((code) => ({ id: code, label: name(code) }))
      .sort((a, b) => a.label.localeCompare(b.label, locale));
  return {
    country: (code: string) => regions.of(code) ?? code,
    language: (code: string) => languages.of(code) ?? code,
    countries: (codes: readonly string[]) => sorted(codes, (c) => regions.of(c) ?? c),
    languages: (codes: readonly string[]) => sorted(codes, (c) => languages.of(c) ?? c),
  };
}
