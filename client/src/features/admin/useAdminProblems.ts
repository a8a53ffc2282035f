import { useTranslation } from 'react-i18next';

/** This feature's sentences for the API's refusals (conflicts the screens can explain). */
export function useAdminProblems(): Record<string, string> {
  const { t } = useTranslation('admin');
  return {
    institution_name_taken: t('problems.institution_name_taken'),
    lead_agency_exists: t('problems.lead_agency_exists'),
    lead_agency_cannot_be_disabled: t('problems.lead_agency_cannot_be_disabled'),
    team_name_taken: t('problems.team_name_taken'),
    email_taken: t('problems.email_taken'),
    not_a_partner: t('problems.not_a_partner'),
    already_revoked: t('problems.already_revoked'),
    cannot_disable_self: t('problems.cannot_disable_self'),
    cannot_change_own_role: t('problems.cannot_change_own_role'),
    cannot_reset_own_credentials: t('problems.cannot_reset_own_credentials'),
  };
}
