import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage, isLanguage, SUPPORTED_LANGUAGES, DEFAULT_LANGUAGE } from './i18n';

type ServiceStatus = 'checking' | 'ready' | 'unavailable';

const READY_TIMEOUT_MS = 5_000;

function useServiceStatus(): ServiceStatus {
  const [status, setStatus] = useState<ServiceStatus>('checking');

  useEffect(() => {
    const controller = new AbortController();
    const timer = window.setTimeout(() => controller.abort(), READY_TIMEOUT_MS);
    let active = true;

    fetch('/readyz', {
      method: 'GET',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { Accept: 'application/json' },
      signal: controller.signal,
    })
      .then((response) => {
        if (active) setStatus(response.ok ? 'ready' : 'unavailable');
      })
      .catch(() => {
        if (active) setStatus('unavailable');
      })
      .finally(() => window.clearTimeout(timer));

    return () => {
      active = false;
      window.clearTimeout(timer);
      controller.abort();
    };
  }, []);

  return status;
}

function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const current = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;

  return (
    <div className="language-switcher" role="group" aria-label={t('language.label')}>
      {SUPPORTED_LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="language-switcher__button"
          aria-pressed={current === language}
          onClick={() => void changeLanguage(language)}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </div>
  );
}

export default function App() {
  const { t } = useTranslation();
  const status = useServiceStatus();

  return (
    <>
      <header className="site-header">
        <h1 className="site-header__brand">
          <span className="site-header__mark" aria-hidden="true" />
          {t('app.name')}
        </h1>
        <LanguageSwitcher />
      </header>
      <main className="content">
        <p className="content__tagline">{t('app.tagline')}</p>
        <section className="status" aria-labelledby="status-heading">
          <h2 id="status-heading" className="visually-hidden">
            {t('status.label')}
          </h2>
          <p
            className={`status__line status__line--${status}`}
            role="status"
            aria-live="polite"
            aria-atomic="true"
          >
            <span className="status__dot" aria-hidden="true" />
            {t(`status.${status}`)}
          </p>
        </section>
      </main>
    </>
  );
}
