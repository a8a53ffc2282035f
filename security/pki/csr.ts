import { constants, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { children, decodePem, expectTag, oidElement, readSingle, TAG, type Tlv } from './der';
import { INSTITUTION_KEY_BITS } from './keys';

export type CsrRejection =
  'malformed' | 'bad_signature' | 'unsupported_key' | 'weak_key' | 'unsupported_algorithm';

const MESSAGES: Record<CsrRejection, string> = {
  malformed: 'the certificate request could not be read',
  bad_signature: 'the certificate request signature does not verify',
  unsupported_key: 'only RSA keys are supported',
  weak_key: `RSA keys must have at least ${INSTITUTION_KEY_BITS} bits`,
  unsupported_algorithm: 'the certificate request must be signed with sha256WithRSAEncryption',
};

/** Fixed messages only: a CSR's content never reaches errors or logs. */
export class CsrRejectedError extends Error {
  constructor(readonly reason: CsrRejection) {
    super(MESSAGES[reason]);
    this.name = 'CsrRejectedError';
  }
}

export interface ParsedCsr {
  /** SPKI PEM of the verified key, ready for issueInstitutionCertificate. */
  publicKeyPem: string;
  /** Informational only: issued certificates use the institution id as CN. */
  subjectCommonName?: string;
}

const MAX_PEM_LENGTH = 16 * 1024;
const SHA256_WITH_RSA = oidElement('1.2.840.113549.1.1.11');
const COMMON_NAME = oidElement('2.5.4.3');
const DER_NULL = Buffer.from([TAG.null, 0]);

interface CsrParts {
  info: Tlv;
  spki: Tlv;
  subject: Tlv;
  algorithm: Tlv[];
  signature: Buffer;
}

/**
 * Reads a PKCS#10 request and checks its self-signature (proof that the
 * requester holds the private key) with Node's native crypto, over the exact
 * CertificationRequestInfo bytes received.
 */
export function parseCsr(csrPem: string): ParsedCsr {
  const parts = readParts(csrPem);
  let key: KeyObject;
  try {
    key = createPublicKey({ key: parts.spki.bytes, format: 'der', type: 'spki' });
  } catch {
    throw new CsrRejectedError('malformed');
  }
  // forge, which builds the certificates, can only embed RSA public keys.
  if (key.asymmetricKeyType !== 'rsa') throw new CsrRejectedError('unsupported_key');
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < INSTITUTION_KEY_BITS) {
    throw new CsrRejectedError('weak_key');
  }
  const [oid, parameters, ...extra] = parts.algorithm;
  const nullOrAbsent = parameters === undefined || parameters.bytes.equals(DER_NULL);
  if (!oid?.bytes.equals(SHA256_WITH_RSA) || !nullOrAbsent || extra.length > 0) {
    throw new CsrRejectedError('unsupported_algorithm');
  }
  let valid = false;
  try {
    const options = { key, padding: constants.RSA_PKCS1_PADDING };
    valid = verify('sha256', parts.info.bytes, options, parts.signature);
  } catch {
    valid = false;
  }
  if (!valid) throw new CsrRejectedError('bad_signature');

  const publicKeyPem = key.export({ type: 'spki', format: 'pem' }).toString();
  const subjectCommonName = commonNameOf(parts.subject);
  return subjectCommonName === undefined ? { publicKeyPem } : { publicKeyPem, subjectCommonName };
}

function readParts(csrPem: string): CsrParts {
  try {
    if (csrPem.length > MAX_PEM_LENGTH) throw new Error('too long');
    const der = decodePem(csrPem, ['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST']);
    const request = children(expectTag(readSingle(der), TAG.sequence));
    if (request.length !== 3) throw new Error('wrong element count');
    const info = expectTag(request[0], TAG.sequence);
    const algorithm = children(expectTag(request[1], TAG.sequence));
    const bitString = expectTag(request[2], TAG.bitString).contents;
    if (bitString.length < 2 || bitString[0] !== 0) throw new Error('bad bit string');
    const [version, subject, spki] = children(info);
    if (!expectTag(version, TAG.integer).contents.equals(Buffer.from([0]))) {
      throw new Error('unknown version');
    }
    return {
      info,
      subject: expectTag(subject, TAG.sequence),
      spki: expectTag(spki, TAG.sequence),
      algorithm,
      signature: bitString.subarray(1),
    };
  } catch {
    throw new CsrRejectedError('malformed');
  }
}

/** The first CN in a UTF8String or PrintableString, if any. */
function commonNameOf(subject: Tlv): string | undefined {
  try {
    for (const set of children(subject)) {
      for (const attribute of children(expectTag(set, TAG.set))) {
        const [type, value] = children(expectTag(attribute, TAG.sequence));
        if (!type?.bytes.equals(COMMON_NAME) || !value) continue;
        if (value.tag === TAG.utf8String) return value.contents.toString('utf8');
        if (value.tag === TAG.printableString) return value.contents.toString('latin1');
      }
    }
  } catch {
    throw new CsrRejectedError('malformed');
  }
  return undefined;
}
