import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { useVocabulary } from '../../vocab/useVocabulary';
import { REACH_GROUPS, TERRITORIES } from './campaign-vocabularies';
import type { Release } from './campaign-types';

/** This feature's sentences for the API's refusals. */
export function useCampaignProblems(): Record<string, string> {
  const { t } = useTranslation('campaigns');
  return {
    stale_version: t('problems.stale_version'),
    campaign_has_activities_outside: t('problems.campaign_has_activities_outside'),
    too_many_activities: t('problems.too_many_activities'),
    validation_failed: t('problems.validation_failed'),
  };
}

type Period = Release['period'];

/**
 * Money, counts, periods and releases in the interface's language: Spanish
 * follows Ecuador's conventions (es-EC: USD 5.500,00), English the British
 * ones the rest of the interface uses.
 */
export function useCampaignFormat() {
  const { t, i18n } = useTranslation('campaigns');
  const { label } = useVocabulary();
  const dates = useFormat();
  const locale = i18n.resolvedLanguage === 'en' ? 'en-GB' : 'es-EC';
  const decimal: ',' | '.' = locale === 'es-EC' ? ',' : '.';
  const money = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    currencyDisplay: 'code',
  });
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const period = (p: Period) =>
    p.quarter === null
      ? t('release.year', { year: p.year })
      : t('release.quarter', { year: p.year, quarter: label('quarter', String(p.quarter)) });
  return {
    locale,
    decimal,
    date: dates.date,
    dateTime: dates.dateTime,
    money: (amount: number) => money.format(amount),
    count: (n: number) => count.format(n),
    percent: (n: number | null) =>
      n === null ? t('results.notPlanned') : `${percent.format(n)} %`,
    period,
    /** A release by its table and period: what the observatory calls it. */
    releaseTitle: (release: { tableId: string; period: Period }) =>
      `${label('statisticsTable', release.tableId)} · ${period(release.period)}`,
  };
}

/**
 * The name of a campaign form's field from its element id (ui/form fieldId:
 * `field-` and the path with dashes), for the error summary.
 */
export function useFieldLabels() {
  const { t } = useTranslation('campaigns');
  const { label } = useVocabulary();
  const names: Record<string, string> = {
    name: t('fields.name'),
    objective: t('fields.objective'),
    targetTerritories: t('fields.targetTerritories'),
    targetGroups: t('fields.targetGroups'),
    channels: t('fields.channels'),
    startsOn: t('fields.startsOn'),
    endsOn: t('fields.endsOn'),
    budgetUsd: t('fields.budgetUsd'),
    'plannedReach-total': t('fields.plannedTotal'),
    'plannedReach-byTerritoryGroup': t('form.byTerritoryGroup'),
    releaseIds: t('form.releases'),
    date: t('activities.date'),
    territory: t('activities.territory'),
    channel: t('activities.channel'),
    description: t('activities.description'),
    reach: t('activities.reach'),
  };
  return (fieldId: string): string | undefined => {
    const path = fieldId.replace(/^field-/, '');
    const cell = /^plannedReach-byTerritoryGroup-c_(\d+)_(\d+)$/.exec(path);
    if (cell) {
      const territory = TERRITORIES[Number(cell[1])];
      const group = REACH_GROUPS[Number(cell[2])];
      if (territory && group) {
        return `${label('province', territory)} · ${label('vulnerabilityGroup', group)}`;
      }
    }
    const reach = /^reach-(\w+)$/.exec(path);
    if (reach?.[1]) return `${names.reach} · ${label('vulnerabilityGroup', reach[1])}`;
    return names[path];
  };
}

export const canEditCampaigns = (role: string) => role === 'coordinator';
