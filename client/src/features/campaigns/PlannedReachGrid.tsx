import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldId } from '../../ui/form/fields';
import { useVocabulary } from '../../vocab/useVocabulary';
import { TERRITORIES } from './campaign-vocabularies';
import { cellKey, planGroups, plannedCells } from './campaign-form';
import type { CampaignFormPartProps } from './CampaignFields';
import { CountInput } from './CountInput';
import { useCampaignFormat } from './useCampaignText';

const GRID = 'plannedReach.byTerritoryGroup';

/**
 * The optional plan by territory and group: one box per chosen territory ×
 * target group (and the general public). Each box is named by its row and
 * column headers; empty boxes mean "not planned separately".
 */
export function PlannedReachGrid({ form, translateError, isDisabled }: CampaignFormPartProps) {
  const { t } = useTranslation('campaigns');
  const { label } = useVocabulary();
  const format = useCampaignFormat();
  const { control, register, formState } = form;
  const [territories, groups, plannedReach] = useWatch({
    control,
    name: ['targetTerritories', 'targetGroups', 'plannedReach'],
  });
  const rows = TERRITORIES.filter((territory) => territories.includes(territory));
  const columns = planGroups(groups);
  const errors = formState.errors.plannedReach?.byTerritoryGroup;
  const gridError = translateError(
    typeof errors?.message === 'string' ? errors.message : undefined,
  );
  const sum = plannedCells({
    targetTerritories: territories,
    targetGroups: groups,
    plannedReach,
  }).reduce((n, cell) => n + cell.planned, 0);

  return (
    <div
      className="planned-grid"
      id={fieldId(GRID)}
      tabIndex={-1}
      role="group"
      aria-labelledby="planned-grid-title"
      aria-describedby="planned-grid-help"
    >
      <h3 id="planned-grid-title" className="planned-grid__title">
        {t('form.byTerritoryGroup')}
      </h3>
      <p id="planned-grid-help" className="field__description">
        {t('form.byTerritoryGroupHelp')}
      </p>
      {rows.length === 0 ? (
        <p className="field__description">{t('form.chooseTargetsFirst')}</p>
      ) : (
        <div className="campaign-table-scroll">
          <table className="table planned-grid__table">
            <caption className="visually-hidden">{t('form.byTerritoryGroup')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fields.territory')}</th>
                {columns.map((group) => (
                  <th scope="col" key={group} id={`planned-col-${group}`}>
                    {label('vulnerabilityGroup', group)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((territory) => (
                <tr key={territory}>
                  <th scope="row" id={`planned-row-${TERRITORIES.indexOf(territory)}`}>
                    {label('province', territory)}
                  </th>
                  {columns.map((group) => {
                    const key = cellKey(territory, group);
                    const error = translateError(errors?.[key]?.message);
                    const id = fieldId(`${GRID}.${key}`);
                    return (
                      <td key={group}>
                        <CountInput
                          registration={register(`plannedReach.byTerritoryGroup.${key}`)}
                          id={id}
                          error={error}
                          maxLength={12}
                          isDisabled={isDisabled}
                          className="planned-grid__input"
                          labelledBy={`planned-row-${TERRITORIES.indexOf(territory)} planned-col-${group}`}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="field__description" aria-live="polite">
        {t('form.plannedSum', { sum: format.count(sum) })}
      </p>
      {gridError && <p className="field__error">{gridError}</p>}
    </div>
  );
}
