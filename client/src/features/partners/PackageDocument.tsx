import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { useVocabulary, type Vocabulary } from '../../vocab/useVocabulary';
import { useDisplayNames } from '../cases/form/useCaseForm';
import type { DisclosurePackage } from './useInbox';

/** Which label table names each coded field of the package. */
const FIELD_VOCABULARY: Record<string, Vocabulary> = {
  ageBand: 'ageBand',
  sex: 'gender',
  urgency: 'urgency',
  services: 'referralService',
  traffickingStatus: 'traffickingStatus',
  exploitationTypes: 'exploitationType',
  recruitmentMethods: 'recruitmentMethod',
  controlMethods: 'controlMethod',
  vulnerabilityGroups: 'vulnerabilityGroup',
  migrantStatus: 'migrantStatus',
};

/** Free text the person told: shown as written, line breaks kept. */
const LONG_TEXT = new Set(['narrative', 'healthNotes', 'legalNotes', 'educationNotes']);

/** A field's value in words (codes through their label tables, ISO codes as names). */
function useFieldText() {
  const { label } = useVocabulary();
  const names = useDisplayNames();
  const format = useFormat();
  return (field: string, value: unknown): string | undefined => {
    if (value === undefined || value === null || value === '') return undefined;
    const vocabulary = FIELD_VOCABULARY[field];
    const one = (code: string) => (vocabulary ? label(vocabulary, code) : code);
    if (Array.isArray(value)) {
      return value.length === 0 ? undefined : value.map((v) => one(String(v))).join(', ');
    }
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (field === 'nationality') return names.country(text);
    if (field === 'language') return names.language(text);
    if (field === 'dateOfBirth' && /^\d{4}-\d{2}-\d{2}$/.test(text)) return format.date(text);
    return one(text);
  };
}

/**
 * The disclosure package as a readable document: one section per consented
 * data category, in the order they were shared. Nothing else exists to show.
 */
export function PackageDocument({ disclosed }: { disclosed: DisclosurePackage }) {
  const { t, i18n } = useTranslation('partners');
  const { label } = useVocabulary();
  const format = useFormat();
  const text = useFieldText();
  const fieldLabel = (field: string) =>
    i18n.exists(`package.fields.${field}`, { ns: 'partners' })
      ? t(`package.fields.${field}` as 'package.fields.fullName')
      : field;
  return (
    <article className="package-document" aria-labelledby="package-document-title">
      <h3 id="package-document-title" className="package-document__title">
        {t('package.documentTitle')}
      </h3>
      <p className="muted">
        {t('package.snapshot', { date: format.dateTime(disclosed.createdAt) })}
      </p>
      {disclosed.categories.map((category) => {
        const fields = Object.entries(disclosed.content[category] ?? {})
          .map(([field, value]) => [field, text(field, value)] as const)
          .filter((entry): entry is readonly [string, string] => entry[1] !== undefined);
        return (
          <section
            key={category}
            className="package-section"
            aria-labelledby={`package-${category}`}
          >
            <h4 id={`package-${category}`}>{label('dataCategory', category)}</h4>
            {fields.length === 0 ? (
              <p className="muted">{t('package.emptyCategory')}</p>
            ) : (
              <dl className="facts">
                {fields.map(([field, value]) => (
                  <Fragment key={field}>
                    <dt>{fieldLabel(field)}</dt>
                    <dd className={LONG_TEXT.has(field) ? 'package-text' : undefined}>{value}</dd>
                  </Fragment>
                ))}
              </dl>
            )}
          </section>
        );
      })}
    </article>
  );
}
