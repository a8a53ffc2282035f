import { useWatch, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormCheckboxGroup, FormDateField, FormSelect, FormTextField } from '../../ui/form/fields';
import { useVocabulary } from '../../vocab/useVocabulary';
import { FieldAnchor } from '../campaigns/FieldAnchor';
import { requiredHours } from './completion';
import { parseDecimal } from './decimals';
import { NO_PROVINCE, type ProgrammeFormValues } from './programme-form';
import { MODALITIES, PROVINCES, SECTORS } from './training-vocabularies';
import { useTrainingFormat, useTrainingLabels } from './useTrainingText';

/** The name of a programme form's field from its element id (ui/form fieldId), for the error summary. */
export function useProgrammeFieldLabels() {
  const { t } = useTranslation('trainings');
  const names: Record<string, string> = {
    name: t('fields.name'),
    topic: t('fields.topic'),
    targetSectors: t('fields.targetSectors'),
    partnerInstitution: t('fields.partnerInstitution'),
    modality: t('fields.modality'),
    totalHours: t('fields.totalHours'),
    minAttendancePercent: t('fields.minAttendancePercent'),
    minFinalScore: t('fields.minFinalScore'),
    startsOn: t('fields.startsOn'),
    endsOn: t('fields.endsOn'),
    province: t('fields.province'),
  };
  return (fieldId: string): string | undefined => names[fieldId.replace(/^field-/, '')];
}

/**
 * The programme editor's fieldsets, shared by a new programme and a change
 * of one: what it is and for whom, how and where it is delivered, and the
 * rule by which a participant completes it.
 */
export function ProgrammeFields({
  form,
  translateError,
  isDisabled,
}: {
  form: UseFormReturn<ProgrammeFormValues>;
  translateError: (message: string | undefined) => string | undefined;
  isDisabled: boolean;
}) {
  const { t } = useTranslation('trainings');
  const { options } = useVocabulary();
  const labels = useTrainingLabels();
  const format = useTrainingFormat();
  const { control } = form;
  const bound = { control, translateError, isDisabled };
  const [total, minimum, score] = useWatch({
    control,
    name: ['totalHours', 'minAttendancePercent', 'minFinalScore'],
  });
  const totalHours = parseDecimal(total ?? '');
  const minAttendancePercent = parseDecimal(minimum ?? '');
  const minFinalScore = (score ?? '').trim() === '' ? null : parseDecimal(score ?? '');
  const ruleReadable =
    totalHours !== undefined && minAttendancePercent !== undefined && minFinalScore !== undefined;

  return (
    <>
      <fieldset className="group">
        <legend>{t('form.about')}</legend>
        <div className="field--wide">
          <FormTextField
            {...bound}
            name="name"
            label={t('fields.name')}
            description={t('form.nameHelp')}
            isRequired
            maxLength={200}
          />
        </div>
        <div className="field--wide">
          <FormTextField
            {...bound}
            name="topic"
            label={t('fields.topic')}
            description={t('form.topicHelp')}
            isRequired
            multiline
            rows={3}
            maxLength={2000}
          />
        </div>
        <FieldAnchor name="targetSectors" wide>
          <FormCheckboxGroup
            {...bound}
            name="targetSectors"
            label={t('fields.targetSectors')}
            description={t('form.sectorsHelp')}
            options={labels.sectorOptions(SECTORS)}
            isRequired
            columns
          />
        </FieldAnchor>
        <FormTextField
          {...bound}
          name="partnerInstitution"
          label={t('fields.partnerInstitution')}
          description={t('form.partnerHelp')}
          maxLength={200}
        />
      </fieldset>

      <fieldset className="group">
        <legend>{t('form.delivery')}</legend>
        <FieldAnchor name="modality">
          <FormSelect
            {...bound}
            name="modality"
            label={t('fields.modality')}
            options={labels.modalityOptions(MODALITIES)}
            isRequired
          />
        </FieldAnchor>
        <FieldAnchor name="province">
          <FormSelect
            {...bound}
            name="province"
            label={t('fields.province')}
            description={t('form.provinceHelp')}
            options={[
              { id: NO_PROVINCE, label: t('form.noProvince') },
              ...options('province', PROVINCES),
            ]}
          />
        </FieldAnchor>
        <FieldAnchor name="startsOn">
          <FormDateField {...bound} name="startsOn" label={t('fields.startsOn')} isRequired />
        </FieldAnchor>
        <FieldAnchor name="endsOn">
          <FormDateField
            {...bound}
            name="endsOn"
            label={t('fields.endsOn')}
            description={t('form.endsOnHelp')}
            isRequired
          />
        </FieldAnchor>
        <FormTextField
          {...bound}
          name="totalHours"
          label={t('fields.totalHours')}
          description={t('form.totalHoursHelp')}
          isRequired
          inputMode="decimal"
          maxLength={8}
        />
      </fieldset>

      <fieldset className="group" aria-describedby="completion-rule-help">
        <legend>{t('form.rule')}</legend>
        <p id="completion-rule-help" className="field__description field--wide">
          {t('form.ruleHelp')}
        </p>
        <FormTextField
          {...bound}
          name="minAttendancePercent"
          label={t('fields.minAttendancePercent')}
          description={t('form.minAttendanceHelp')}
          isRequired
          inputMode="decimal"
          maxLength={6}
        />
        <FormTextField
          {...bound}
          name="minFinalScore"
          label={t('fields.minFinalScore')}
          description={t('form.minFinalScoreHelp')}
          inputMode="decimal"
          maxLength={6}
        />
        {ruleReadable && (
          <p className="training-rule-preview field--wide">
            {minFinalScore === null
              ? t('form.rulePreview', {
                  hours: format.hours(requiredHours({ totalHours, minAttendancePercent })),
                  total: format.hours(totalHours),
                })
              : t('form.rulePreviewWithScore', {
                  hours: format.hours(requiredHours({ totalHours, minAttendancePercent })),
                  total: format.hours(totalHours),
                  score: format.score(minFinalScore),
                })}
          </p>
        )}
      </fieldset>
    </>
  );
}
