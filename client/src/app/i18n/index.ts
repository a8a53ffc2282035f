import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import {
  lazyResources,
  NAMESPACES,
  resources,
  type LazyNamespace,
  type LazyResources,
} from './resources';

export const SUPPORTED_LANGUAGES = ['es', 'en'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'es';

/** The one thing the client keeps in storage: the interface language (not personal). */
const STORAGE_KEY = 'amparo.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'app';
    resources: (typeof resources)['es'] & LazyResources;
  }
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

function readStoredLanguage(): Language | undefined {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : undefined;
  } catch {
    // Storage can be unavailable (private mode, blocked cookies): fall back silently.
    return undefined;
  }
}

function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisting the choice is acceptable; the UI still switches.
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
}

export async function changeLanguage(language: Language): Promise<void> {
  storeLanguage(language);
  await i18n.changeLanguage(language);
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = isLanguage(language) ? language : DEFAULT_LANGUAGE;
});

export const i18nReady = i18n.use(initReactI18next).init({
  resources,
  ns: NAMESPACES,
  defaultNS: 'app',
  lng: readStoredLanguage() ?? DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: SUPPORTED_LANGUAGES,
  nonExplicitSupportedLngs: false,
  interpolation: {
    // React already escapes rendered values.
    escapeValue: false,
  },
  returnNull: false,
  // Keep the browser console free of third-party promotional messages.
  showSupportNotice: false,
});

/** Adds the strings of lazily loaded namespaces (both languages), once. */
export async function loadNamespaces(names: readonly LazyNamespace[]): Promise<void> {
  await i18nReady;
  await Promise.all(
    names
      .filter((name) => !i18n.hasResourceBundle('es', name))
      .map(async (name) => {
        const [es, en] = await Promise.all([lazyResources[name].es(), lazyResources[name].en()]);
        i18n.addResourceBundle('es', name, es.default, true, true);
        i18n.addResourceBundle('en', name, en.default, true, true);
      }),
  );
}

export default i18n;
