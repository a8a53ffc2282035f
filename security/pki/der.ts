/**
 * A strict, minimal DER reader: enough to cut a CSR into the exact bytes that
 * were signed. Re-encoding a parsed structure (as forge does) could change
 * bytes, so the signature is checked over the original slice instead.
 */
export class DerError extends Error {
  constructor() {
    super('malformed DER');
    this.name = 'DerError';
  }
}

export const TAG = {
  integer: 0x02,
  bitString: 0x03,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  sequence: 0x30,
  set: 0x31,
} as const;

export interface Tlv {
  tag: number;
  /** The whole element: tag, length and contents. */
  bytes: Buffer;
  contents: Buffer;
}

/** Reads one element at `offset`; only single-byte tags and definite, minimal lengths. */
export function readTlv(buffer: Buffer, offset = 0): Tlv {
  if (offset + 2 > buffer.length) throw new DerError();
  const tag = buffer[offset] as number;
  if ((tag & 0x1f) === 0x1f) throw new DerError();
  const first = buffer[offset + 1] as number;
  let length = first;
  let header = 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4 || offset + 2 + count > buffer.length) throw new DerError();
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (buffer[offset + 2 + i] as number);
    if (length < 0x80 || buffer[offset + 2] === 0) throw new DerError();
    header += count;
  }
  const end = offset + header + length;
  if (end > buffer.length) throw new DerError();
  return {
    tag,
    bytes: buffer.subarray(offset, end),
    contents: buffer.subarray(offset + header, end),
  };
}

/** The elements inside a constructed element, which must fill it exactly. */
export function children(parent: Tlv): Tlv[] {
  if ((parent.tag & 0x20) === 0) throw new DerError();
  const result: Tlv[] = [];
  let offset = 0;
  while (offset < parent.contents.length) {
    const child = readTlv(parent.contents, offset);
    result.push(child);
    offset += child.bytes.length;
  }
  return result;
}

/** Parses `buffer` as exactly one element, with no trailing bytes. */
export function readSingle(buffer: Buffer): Tlv {
  const tlv = readTlv(buffer);
  if (tlv.bytes.length !== buffer.length) throw new DerError();
  return tlv;
}

export function expectTag(tlv: Tlv | undefined, tag: number): Tlv {
  if (!tlv || tlv.tag !== tag) throw new DerError();
  return tlv;
}

/** DER of an OBJECT IDENTIFIER element, for comparing with what was read. */
export function oidElement(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const [a = 0, b = 0, ...rest] = arcs;
  const body: number[] = [];
  for (const arc of [a * 40 + b, ...rest]) {
    const groups = [arc & 0x7f];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) {
      groups.unshift((value & 0x7f) | 0x80);
    }
    body.push(...groups);
  }
  return Buffer.from([TAG.oid, body.length, ...body]);
}

/** Decodes one PEM block with the given label; strict base64, nothing else inside. */
export function decodePem(pem: string, labels: readonly string[]): Buffer {
  const match =
    /^\s*-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\r\n]+)-----END \1-----\s*$/.exec(pem);
  if (!match || !labels.includes(match[1] as string)) throw new DerError();
  const base64 = (match[2] as string).replace(/\r?\n/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(base64)) {
    throw new DerError();
  }
  return Buffer.from(base64, 'base64');
}
