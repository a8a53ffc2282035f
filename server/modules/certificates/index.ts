export { authorityCertificate } from './certificate-authority';
export { activeCertificateOf, findCertificateByFingerprint } from './certificates.repository';
