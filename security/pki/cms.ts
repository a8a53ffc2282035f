import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { forgeCertificateFromPem } from './forge-certificate';

/**
 * Encrypts `content` to one recipient as CMS EnvelopedData (RFC 5652), DER:
 * content type data, recipient identified by issuerAndSerialNumber, content
 * key wrapped with RSA PKCS#1 v1.5 (the only key transport forge implements;
 * RSA-OAEP would be preferable), content in AES-256-CBC with a random key
 * and IV. Opens with `openssl cms -decrypt -inform DER -recip cert -inkey key`.
 *
 * EnvelopedData gives confidentiality, not integrity: whoever knows the
 * recipient certificate can make a package too. Authenticity must come from
 * the channel (the API over TLS) or a signature.
 */
export function envelopeForRecipient(content: Buffer, recipientCertificatePem: string): Buffer {
  const x509 = new X509Certificate(recipientCertificatePem);
  if (x509.publicKey.asymmetricKeyType !== 'rsa') {
    throw new RangeError('the recipient certificate must have an RSA key');
  }
  const envelope = forge.pkcs7.createEnvelopedData();
  // Parsed with the UTF-8 fix, so the recipient's issuer name is encoded as in the certificate.
  envelope.addRecipient(forgeCertificateFromPem(recipientCertificatePem));
  envelope.content = forge.util.createBuffer(content.toString('binary'));
  envelope.encrypt(undefined, forge.pki.oids['aes256-CBC']);
  return Buffer.from(forge.asn1.toDer(envelope.toAsn1()).getBytes(), 'binary');
}
