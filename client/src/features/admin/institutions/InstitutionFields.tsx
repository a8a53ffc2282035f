import type { Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormSelect, FormTextField } from '../../../ui/form/fields';
import { useVocabulary } from '../../../vocab/useVocabulary';
import { SECTORS, type InstitutionFormValues } from './institution-form';

/** An institution's fields: name, sector and its contact point (public institutional data). */
export function InstitutionFields({
  control,
  translateError,
  isDisabled,
  sectorDescription,
}: {
  control: Control<InstitutionFormValues>;
  translateError: (message: string | undefined) => string | undefined;
  isDisabled?: boolean;
  sectorDescription?: string;
}) {
  const { t } = useTranslation('admin');
  const { options } = useVocabulary();
  const bound = { control, translateError, isDisabled };
  return (
    <>
      <FormTextField {...bound} name="name" label={t('institutions.fields.name')} isRequired />
      <FormSelect
        {...bound}
        name="sector"
        label={t('institutions.fields.sector')}
        options={options('sector', SECTORS)}
        description={sectorDescription}
        isRequired
      />
      <fieldset className="group">
        <legend>{t('institutions.fields.contact')}</legend>
        <p className="field__description field--wide">{t('institutions.fields.contactHelp')}</p>
        <FormTextField
          {...bound}
          name="contact.name"
          label={t('institutions.fields.contactName')}
        />
        <FormTextField
          {...bound}
          name="contact.email"
          type="email"
          label={t('institutions.fields.contactEmail')}
        />
        <FormTextField
          {...bound}
          name="contact.phone"
          type="tel"
          label={t('institutions.fields.contactPhone')}
        />
      </fieldset>
    </>
  );
}
