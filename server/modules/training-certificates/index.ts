export {
  DEFAULT_LOOKUPS_PER_MINUTE,
  publicCertificatesRoutes,
  trainingCertificatesRoutes,
} from './training-certificates.routes';
export { registerTrainingCertificatesOpenApi } from './training-certificates.openapi';
export type { TrainingCertificatesDeps } from './training-certificates.service';
export { formatVerificationCode, normaliseVerificationCode } from './verification-code';
// For the demo data (server/modules/demo) to write through.
export { issueCertificates } from './certificate-issue';
export { IssueCertificates } from './training-certificates.schemas';
