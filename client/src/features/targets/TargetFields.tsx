import type { UseFormReturn } from 'react-hook-form';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldId, FormCheckboxGroup, FormSelect, FormTextField } from '../../ui/form/fields';
import { useVocabulary } from '../../vocab/useVocabulary';
import { CHANNELS, REACH_GROUPS, TERRITORIES } from '../campaigns/campaign-vocabularies';
import { FieldAnchor } from '../campaigns/FieldAnchor';
import { decimalOf } from './decimal-input';
import { formFilter, type TargetFormValues } from './target-form';
import type { Program } from './target-types';
import {
  INSTITUTION_SECTORS,
  MEASURE_FILTERS,
  MEASURE_KINDS,
  QUARTERS,
  TRAINING_SECTORS,
  type FilterName,
} from './target-vocabularies';
import { yearOptions } from './TargetsNav';
import { useCampaignOptions, useProgrammeOptions } from './useTargets';
import { useTargetFormat } from './useTargetWords';

/**
 * The target's fields: where it belongs (project and year: only when it is
 * created), what it is, how its executed value is obtained (a measure of
 * Amparo's records with its filters, or manual), its programmed value and
 * who executes it.
 */
export function TargetFields({
  form,
  translateError,
  programs,
  isNew,
  isDisabled,
}: {
  form: UseFormReturn<TargetFormValues>;
  translateError: (message: string | undefined) => string | undefined;
  programs: Program[];
  isNew: boolean;
  isDisabled: boolean;
}) {
  const { t } = useTranslation('targets');
  const format = useTargetFormat();
  const bound = { control: form.control, translateError, isDisabled };
  const kind = useWatch({ control: form.control, name: 'kind' });
  const year = Number(useWatch({ control: form.control, name: 'year' }));
  const programmed = decimalOf(useWatch({ control: form.control, name: 'programmed' }) ?? '');
  const unit = useWatch({ control: form.control, name: 'unitOfMeasure' });
  const quarterError = form.formState.errors.programmedByQuarter;
  const quartersMessage = translateError(
    typeof quarterError?.message === 'string' ? quarterError.message : undefined,
  );
  const projects = programs.flatMap((program) =>
    program.projects.map((project) => ({
      id: project.id,
      label: t('plan.projectOption', {
        program: program.code,
        code: project.code,
        name: project.name,
      }),
    })),
  );

  return (
    <>
      {isNew && (
        <fieldset className="targets-fieldset">
          <legend>{t('form.where')}</legend>
          <FieldAnchor name="projectId">
            <FormSelect
              {...bound}
              name="projectId"
              label={t('fields.project')}
              options={projects}
              isRequired
            />
          </FieldAnchor>
          <FieldAnchor name="year">
            <FormSelect
              {...bound}
              name="year"
              label={t('fields.year')}
              options={yearOptions(Number.isInteger(year) ? year : new Date().getFullYear())}
              isRequired
            />
          </FieldAnchor>
        </fieldset>
      )}
      <fieldset className="targets-fieldset">
        <legend>{t('form.what')}</legend>
        <FormTextField
          {...bound}
          name="description"
          label={t('fields.description')}
          description={t('form.descriptionHelp')}
          multiline
          rows={2}
          maxLength={1000}
          isRequired
        />
        <FormTextField
          {...bound}
          name="indicator"
          label={t('fields.indicator')}
          description={t('form.indicatorHelp')}
          multiline
          rows={2}
          maxLength={500}
          isRequired
        />
        <FormTextField
          {...bound}
          name="unitOfMeasure"
          label={t('fields.unitOfMeasure')}
          description={t('form.unitHelp')}
          maxLength={100}
          isRequired
        />
      </fieldset>
      <fieldset className="targets-fieldset">
        <legend>{t('form.how')}</legend>
        <FieldAnchor name="kind">
          <FormSelect
            {...bound}
            name="kind"
            label={t('fields.measure')}
            description={kind ? t(`measure.explain.${kind}`) : t('form.measureHelp')}
            options={MEASURE_KINDS.map((k) => ({ id: k, label: t(`measure.kinds.${k}`) }))}
            isRequired
          />
        </FieldAnchor>
        {kind && MEASURE_FILTERS[kind].length > 0 && (
          <div className="targets-filters-form">
            <p className="field__description">{t('form.filtersHelp')}</p>
            {MEASURE_FILTERS[kind].map((filter) => (
              <MeasureFilter
                key={`${kind}-${filter}`}
                form={form}
                translateError={translateError}
                isDisabled={isDisabled}
                kind={kind}
                filter={filter}
                year={year}
              />
            ))}
          </div>
        )}
      </fieldset>
      <fieldset className="targets-fieldset">
        <legend>{t('form.howMuch', { year: Number.isInteger(year) ? year : '' })}</legend>
        <FormTextField
          {...bound}
          name="programmed"
          label={t('fields.programmed')}
          description={
            programmed === undefined
              ? t('form.programmedHelp')
              : t('form.valueAs', { value: format.withUnit(programmed, unit ?? '') })
          }
          inputMode="decimal"
          maxLength={20}
          isRequired
        />
        <fieldset
          className="targets-quarters"
          id={fieldId('programmedByQuarter')}
          tabIndex={-1}
          aria-describedby="quarters-help"
        >
          <legend>{t('fields.programmedByQuarter')}</legend>
          <p id="quarters-help" className="field__description">
            {t('form.quartersHelp')}
          </p>
          <div className="targets-quarters__grid">
            {QUARTERS.map((q, i) => (
              <FormTextField
                key={q}
                {...bound}
                name={`programmedByQuarter.${i}` as 'programmedByQuarter.0'}
                label={t('quarters.long', { quarter: q })}
                inputMode="decimal"
                maxLength={20}
              />
            ))}
          </div>
          {quartersMessage && <p className="field__error">{quartersMessage}</p>}
        </fieldset>
      </fieldset>
      <fieldset className="targets-fieldset">
        <legend>{t('form.who')}</legend>
        <FormTextField
          {...bound}
          name="executingUnits"
          label={t('fields.executingUnits')}
          description={t('form.unitsHelp')}
          multiline
          rows={3}
          isRequired
        />
        <FormTextField
          {...bound}
          name="planObjective"
          label={t('fields.planObjective')}
          description={t('form.planObjectiveHelp')}
          multiline
          rows={2}
          maxLength={1000}
        />
        <FormTextField
          {...bound}
          name="resultsDescription"
          label={t('fields.resultsDescription')}
          description={t('form.resultsHelp')}
          multiline
          rows={4}
          maxLength={4000}
        />
      </fieldset>
    </>
  );
}

/** One filter of a computed measure: the values it is restricted to (none chosen: all). */
function MeasureFilter({
  form,
  translateError,
  isDisabled,
  kind,
  filter,
  year,
}: {
  form: UseFormReturn<TargetFormValues>;
  translateError: (message: string | undefined) => string | undefined;
  isDisabled: boolean;
  kind: TargetFormValues['kind'];
  filter: FilterName;
  year: number;
}) {
  const { t } = useTranslation('targets');
  const { options } = useVocabulary();
  const programmes = useProgrammeOptions(filter === 'programmeIds');
  const campaigns = useCampaignOptions(filter === 'campaignIds');
  const name = `filters.${formFilter(kind, filter)}` as const;
  const bound = { control: form.control, translateError, isDisabled, name };
  const label = t(`measure.filters.${filter}`);
  const description = t('form.filterHelp');
  switch (filter) {
    case 'programmeIds': {
      const list = (programmes.data ?? []).filter(
        (p) =>
          !Number.isInteger(year) || (p.startsOn <= `${year}-12-31` && p.endsOn >= `${year}-01-01`),
      );
      if (programmes.isError)
        return <p className="field__description">{t('form.programmesUnavailable')}</p>;
      return (
        <FormCheckboxGroup
          {...bound}
          label={label}
          description={list.length === 0 ? t('form.noProgrammes', { year }) : description}
          options={list.map((p) => ({ id: p.id, label: p.name }))}
        />
      );
    }
    case 'campaignIds': {
      const list = (campaigns.data ?? []).filter(
        (c) =>
          !Number.isInteger(year) || (c.startsOn <= `${year}-12-31` && c.endsOn >= `${year}-01-01`),
      );
      return (
        <FormCheckboxGroup
          {...bound}
          label={label}
          description={list.length === 0 ? t('form.noCampaigns', { year }) : description}
          options={list.map((c) => ({ id: c.id, label: c.name }))}
        />
      );
    }
    case 'sectors':
      return (
        <FormCheckboxGroup
          {...bound}
          label={label}
          description={description}
          options={
            kind === 'referrals_completed'
              ? options('sector', INSTITUTION_SECTORS)
              : TRAINING_SECTORS.map((s) => ({ id: s, label: t(`trainingSector.${s}`) }))
          }
          columns
        />
      );
    case 'provinces':
      return (
        <FormCheckboxGroup
          {...bound}
          label={label}
          description={description}
          options={options('province', TERRITORIES)}
          columns
        />
      );
    case 'channels':
      return (
        <FormCheckboxGroup
          {...bound}
          label={label}
          description={description}
          options={options('campaignChannel', CHANNELS)}
          columns
        />
      );
    case 'groups':
      return (
        <FormCheckboxGroup
          {...bound}
          label={label}
          description={description}
          options={options('vulnerabilityGroup', REACH_GROUPS)}
          columns
        />
      );
  }
}
