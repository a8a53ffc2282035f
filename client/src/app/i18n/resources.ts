import appEn from '../locales/en.json';
import appEs from '../locales/es.json';
import notificationsEn from '../../features/notifications/locales/en.json';
import notificationsEs from '../../features/notifications/locales/es.json';
import auditEn from '../../features/audit/locales/en.json';
import auditEs from '../../features/audit/locales/es.json';
import adminEn from '../../features/admin/locales/en.json';
import adminEs from '../../features/admin/locales/es.json';
import partnersEn from '../../features/partners/locales/en.json';
import partnersEs from '../../features/partners/locales/es.json';
import casesEn from '../../features/cases/locales/en.json';
import casesEs from '../../features/cases/locales/es.json';
import consentsEn from '../../features/consents/locales/en.json';
import consentsEs from '../../features/consents/locales/es.json';
import referralsEn from '../../features/referrals/locales/en.json';
import referralsEs from '../../features/referrals/locales/es.json';
import reviewsEn from '../../features/reviews/locales/en.json';
import reviewsEs from '../../features/reviews/locales/es.json';
import workEn from '../../features/work/locales/en.json';
import workEs from '../../features/work/locales/es.json';
import statisticsEn from '../../features/statistics/locales/en.json';
import statisticsEs from '../../features/statistics/locales/es.json';
import observatoryEn from '../../features/observatory/locales/en.json';
import observatoryEs from '../../features/observatory/locales/es.json';
import chartsEn from '../../ui/charts/locales/en.json';
import chartsEs from '../../ui/charts/locales/es.json';
import campaignsEn from '../../features/campaigns/locales/en.json';
import campaignsEs from '../../features/campaigns/locales/es.json';
import certificateVerificationEn from '../../features/certificate-verification/locales/en.json';
import certificateVerificationEs from '../../features/certificate-verification/locales/es.json';
import uiEn from '../../ui/locales/en.json';
import uiEs from '../../ui/locales/es.json';
import vocabEn from '../../vocab/locales/en.json';
import vocabEs from '../../vocab/locales/es.json';

/**
 * Every string of the interface, one namespace per feature. Spanish is the
 * reference: the types below are taken from it, and a test checks that English
 * has exactly the same keys.
 */
export const resources = {
  es: {
    app: appEs,
    ui: uiEs,
    vocab: vocabEs,
    work: workEs,
    cases: casesEs,
    consents: consentsEs,
    referrals: referralsEs,
    reviews: reviewsEs,
    notifications: notificationsEs,
    audit: auditEs,
    admin: adminEs,
    partners: partnersEs,
    statistics: statisticsEs,
    observatory: observatoryEs,
    charts: chartsEs,
    campaigns: campaignsEs,
    certificateVerification: certificateVerificationEs,
  },
  en: {
    app: appEn,
    ui: uiEn,
    vocab: vocabEn,
    work: workEn,
    cases: casesEn,
    consents: consentsEn,
    referrals: referralsEn,
    reviews: reviewsEn,
    notifications: notificationsEn,
    audit: auditEn,
    admin: adminEn,
    partners: partnersEn,
    statistics: statisticsEn,
    observatory: observatoryEn,
    charts: chartsEn,
    campaigns: campaignsEn,
    certificateVerification: certificateVerificationEn,
  },
} as const;

export type Namespace = keyof (typeof resources)['es'];
export const NAMESPACES = Object.keys(resources.es) as Namespace[];

/**
 * Namespaces loaded with their feature's screens, not with the app: the
 * strings of screens few people open stay out of the initial bundle. A
 * feature's route module awaits `loadNamespaces` (app/i18n) before its
 * screen renders; both languages come together, so switching needs nothing.
 */
export const lazyResources = {
  trainings: {
    es: () => import('../../features/trainings/locales/es.json'),
    en: () => import('../../features/trainings/locales/en.json'),
  },
} as const;

export type LazyNamespace = keyof typeof lazyResources;
/** The Spanish strings of each lazy namespace: the type source of its keys, like `resources.es`. */
export type LazyResources = {
  [N in LazyNamespace]: Awaited<ReturnType<(typeof lazyResources)[N]['es']>>['default'];
};
