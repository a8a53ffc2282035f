import { useTranslation } from 'react-i18next';
import { isProblem } from '../api/problem';

/**
 * The sentence for a problem code (ui:problems.<code>), with its wait when the
 * server gave one. Features may pass their own namespace's messages first.
 */
export function useProblemText() {
  const { t, i18n } = useTranslation('ui');
  return (error: unknown, overrides?: Record<string, string>): string => {
    if (!isProblem(error)) return t('problems.unexpected');
    const override = overrides?.[error.code];
    if (override) return override;
    const key = `problems.${error.code}`;
    if (i18n.exists(key, { ns: 'ui' })) {
      return t(key as 'problems.unexpected', { seconds: error.retryAfterSeconds ?? 0 });
    }
    if (error.status >= 500) return t('problems.server');
    return t('problems.unexpected');
  };
}
