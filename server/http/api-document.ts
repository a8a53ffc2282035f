import { registerAuditOpenApi } from '../modules/audit/audit.openapi';
import { registerAuthOpenApi } from '../modules/auth/auth.openapi';
import { registerCampaignsOpenApi } from '../modules/campaigns';
import { registerTrainingsOpenApi } from '../modules/trainings';
import { registerCasesOpenApi } from '../modules/cases/cases.openapi';
import { registerCertificatesOpenApi } from '../modules/certificates/certificates.openapi';
import { registerConsentsOpenApi } from '../modules/consents/consents.openapi';
import { registerDirectoryOpenApi } from '../modules/directory/directory.openapi';
import { registerHealthOpenApi } from '../modules/health';
import { registerInstitutionsOpenApi } from '../modules/institutions/institutions.openapi';
import { registerReferralsOpenApi } from '../modules/referrals/referrals.openapi';
import { registerReviewsOpenApi } from '../modules/reviews/reviews.openapi';
import { registerNotificationsOpenApi } from '../modules/notifications/notifications.openapi';
import { registerStatisticsOpenApi } from '../modules/statistics';
import { registerTeamsOpenApi } from '../modules/teams/teams.openapi';
import { registerTrainingCertificatesOpenApi } from '../modules/training-certificates';
import { registerUsersOpenApi } from '../modules/users/users.openapi';
import { version } from '../../package.json';
import { createOpenApiRegistry, generateOpenApiDocument } from './openapi';

/**
 * The API's published contract, built from every module's zod schemas. The web
 * client's types are generated from it (`npm run api:types`).
 */
export function buildApiDocument() {
  const registry = createOpenApiRegistry();
  registerHealthOpenApi(registry);
  registerAuthOpenApi(registry);
  registerInstitutionsOpenApi(registry);
  registerUsersOpenApi(registry);
  registerAuditOpenApi(registry);
  registerCasesOpenApi(registry);
  registerTeamsOpenApi(registry);
  registerDirectoryOpenApi(registry);
  registerConsentsOpenApi(registry);
  registerReferralsOpenApi(registry);
  registerReviewsOpenApi(registry);
  registerCertificatesOpenApi(registry);
  registerNotificationsOpenApi(registry);
  registerStatisticsOpenApi(registry);
  registerCampaignsOpenApi(registry);
  registerTrainingsOpenApi(registry);
  registerTrainingCertificatesOpenApi(registry);
  return generateOpenApiDocument(registry, version);
}
