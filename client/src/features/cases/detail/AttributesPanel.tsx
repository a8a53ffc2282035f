import { useTranslation } from 'react-i18next';
import { useVocabulary, type Vocabulary } from '../../../vocab/useVocabulary';
import { ATTRIBUTE_FIELDS, type CaseAttributes } from '../form/case-form';
import { useDisplayNames, useFieldLabel } from '../form/useCaseForm';
import { useInstitutions } from '../../directory/useInstitutions';
import type { CaseDetail } from '../useCase';

/** Which label table names each coded attribute. */
export const ATTRIBUTE_VOCABULARY: Partial<Record<keyof CaseAttributes, Vocabulary>> = {
  sex: 'gender',
  migrantStatus: 'migrantStatus',
  traffickingStatus: 'traffickingStatus',
  statusDeterminedBy: 'statusDeterminer',
  exploitationTypes: 'exploitationType',
  recruitmentMethods: 'recruitmentMethod',
  controlMethods: 'controlMethod',
  vulnerabilityGroups: 'vulnerabilityGroup',
};

/** An attribute's value in words (codes through their label table, ids as names). */
export function useAttributeText() {
  const { t } = useTranslation('cases');
  const { label } = useVocabulary();
  const names = useDisplayNames();
  const institutions = useInstitutions();
  return (field: keyof CaseAttributes, value: unknown): string | undefined => {
    if (value === undefined || value === null || value === '') return undefined;
    if (Array.isArray(value)) {
      const vocabulary = ATTRIBUTE_VOCABULARY[field];
      if (value.length === 0) return undefined;
      return value.map((code: string) => (vocabulary ? label(vocabulary, code) : code)).join(', ');
    }
    const text = typeof value === 'number' ? String(value) : (value as string);
    const vocabulary = ATTRIBUTE_VOCABULARY[field];
    if (vocabulary) return label(vocabulary, text);
    if (field === 'nationality') return names.country(text);
    if (field === 'language') return names.language(text);
    if (field === 'identifyingAgencyId')
      return institutions.name(text) ?? t('detail.unknownAgency');
    if (field === 'ageAtIdentification') return t('detail.years', { count: Number(text) });
    return text;
  };
}

/** The non-identifying attributes (HTCDS), kept in clear for workflow and statistics. */
export function AttributesPanel({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation('cases');
  const label = useFieldLabel();
  const text = useAttributeText();
  return (
    <section className="panel" aria-labelledby="case-attributes-title">
      <h2 id="case-attributes-title">{t('detail.attributes')}</h2>
      <dl className="facts">
        {ATTRIBUTE_FIELDS.map((field) => (
          <div key={field} className="facts__row">
            <dt>{label(`attributes.${field}`)}</dt>
            <dd>
              {text(field, kase.attributes[field]) ?? (
                <span className="case-missing">{t('detail.notRecorded')}</span>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
