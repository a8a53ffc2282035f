import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format';
import { useVocabulary } from '../../../vocab/useVocabulary';
import { useAttributeText } from '../detail/AttributesPanel';
import type { CaseAttributes, CaseFormValues } from '../form/case-form';
import { valueAt } from './form-diff';

/** A form field's value in words, as the person would read it on the case page. */
export function useValueText() {
  const { t } = useTranslation('cases');
  const { label } = useVocabulary();
  const format = useFormat();
  const attributeText = useAttributeText();
  return (values: CaseFormValues, path: string): string => {
    const value = valueAt(values, path);
    const empty = t('stale.empty');
    if (value === undefined || value === null || value === '') return empty;
    if (Array.isArray(value) && value.length === 0) return empty;
    const single = typeof value === 'string' ? value : '';
    if (path === 'riskLevel') return label('riskLevel', single);
    if (path === 'identity.dateOfBirth') return format.date(single);
    if (path.startsWith('attributes.')) {
      const field = path.slice('attributes.'.length) as keyof CaseAttributes;
      const apiValue = field === 'ageAtIdentification' ? Number(value) : value;
      return attributeText(field, apiValue) ?? empty;
    }
    return typeof value === 'number' ? String(value) : single;
  };
}
