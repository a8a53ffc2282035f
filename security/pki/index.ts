export {
  createCertificateAuthority,
  type CertificateAuthority,
  type CertificateAuthorityOptions,
  type IssuingAuthority,
} from './certificate-authority';
export { envelopeForRecipient } from './cms';
export { CsrRejectedError, parseCsr, type CsrRejection, type ParsedCsr } from './csr';
export {
  issueInstitutionCertificate,
  type InstitutionCertificateRequest,
  type IssuedCertificate,
} from './issue';
export {
  generateInstitutionBundle,
  type InstitutionBundle,
  type InstitutionBundleRequest,
} from './pkcs12';
export { certificateSummary, type CertificateSummary } from './summary';
export { verifyIssuedBy, type VerificationFailure, type VerificationResult } from './verify';
