import { Id, z } from '../../http/zod';

export const IssueCertificate = z
  .discriminatedUnion('mode', [
    z
      .object({
        mode: z.literal('csr'),
        /** PEM PKCS#10 request signed by the institution's own RSA key (≥ 2048 bits). */
        csr: z.string().min(1).max(20_000),
      })
      .strict(),
    z
      .object({
        mode: z.literal('generate'),
        /** Protects the PKCS#12 bundle; printable ASCII, 12–128 characters. Never stored. */
        password: z
          .string()
          .min(12)
          .max(128)
          .regex(/^[\x20-\x7e]+$/, 'must be printable ASCII'),
      })
      .strict(),
  ])
  .openapi('IssueCertificate');
export type IssueCertificate = z.infer<typeof IssueCertificate>;

export const Certificate = z
  .object({
    id: Id,
    institutionId: Id,
    serialNumber: z.string(),
    fingerprintSha256: z.string(),
    certificatePem: z.string(),
    origin: z.enum(['csr', 'generated']),
    notBefore: z.iso.datetime(),
    notAfter: z.iso.datetime(),
    issuedBy: Id,
    createdAt: z.iso.datetime(),
    status: z.enum(['active', 'revoked', 'expired']),
    revokedAt: z.iso.datetime().nullable(),
    revocationReason: z.string().nullable(),
  })
  .openapi('InstitutionCertificate');
export type Certificate = z.infer<typeof Certificate>;

export const IssuedCertificate = z
  .object({
    certificate: Certificate,
    /** Only for `generate`, only in this response: base64 of the PKCS#12 bundle. */
    pkcs12: z.string().optional(),
    caCertificatePem: z.string(),
  })
  .openapi('IssuedCertificate');
export type IssuedCertificate = z.infer<typeof IssuedCertificate>;

export const REVOCATION_REASONS = [
  'key_compromise',
  'superseded',
  'cessation_of_operation',
  'other',
] as const;
export const RevokeCertificate = z
  .object({ reason: z.enum(REVOCATION_REASONS) })
  .strict()
  .openapi('RevokeCertificate');
export type RevokeCertificate = z.infer<typeof RevokeCertificate>;

export const CertificateIdParams = z.object({ id: Id }).strict();
export const InstitutionIdParams = z.object({ id: Id }).strict();
