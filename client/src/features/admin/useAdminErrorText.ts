import { useTranslation } from 'react-i18next';
import { useTranslateFieldError } from '../../ui/form/useTranslateFieldError';

/**
 * Field messages of the administrators' forms: this feature's own codes
 * (admin:fieldErrors.<code>, e.g. `role_institution_mismatch` or a CSR's
 * `weak_key`) first, then the shared ones (ui:fieldErrors).
 */
export function useAdminErrorText() {
  const { t, i18n } = useTranslation('admin');
  const shared = useTranslateFieldError();
  return (message: string | undefined): string | undefined => {
    if (message === undefined) return undefined;
    const code = message.startsWith('fieldErrors.')
      ? message.slice('fieldErrors.'.length)
      : message;
    const key = `fieldErrors.${code}`;
    if (i18n.exists(key, { ns: 'admin' })) return t(key as 'fieldErrors.unknown_team');
    return shared(message);
  };
}

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
