import { useTranslation } from 'react-i18next';

/** The asterisk sighted users see; screen readers hear "obligatorio" from aria-required. */
export function RequiredMark() {
  const { t } = useTranslation('ui');
  return (
    <span className="field__required" title={t('required')}>
      <span aria-hidden="true"> *</span>
    </span>
  );
}
