import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../../server/db/actor-transaction';
import { openServerDatabase, type Database } from '../../server/db/database';
import {
  authorityCertificate,
  certificateAuthority,
} from '../../server/modules/certificates/certificate-authority';
import { testKeyring } from '../helpers/app';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { engine } from '../helpers/engine';
import { asSuperuser } from '../helpers/superuser';

let t: TestDatabase;
/** A second instance: its own pool on the server engine, so the two truly race. */
let other: Database | undefined;
let otherStore: Store;
const keyring = testKeyring();

beforeAll(async () => {
  t = await openTestDatabase();
  other = t.urls ? await openServerDatabase(t.urls.app, 2) : undefined;
  otherStore = other ? { db: other.db, auditKey: t.store.auditKey } : t.store;
});
afterAll(async () => {
  await other?.close();
  await t.close();
});

const startUp = (store: Store) =>
  inActorTransaction(store, SYSTEM_ACTOR, (trx) => authorityCertificate(trx, keyring, new Date()));

describe(`the certificate authority's creation (${engine})`, () => {
  it('makes one CA when two instances start together on an empty database', async () => {
    for (let round = 0; round < 3; round++) {
      await asSuperuser(t, 'delete from certificate_authority');
      const [first, second] = await Promise.all([startUp(t.store), startUp(otherStore)]);
      expect(first).toMatch(/^-----BEGIN CERTIFICATE-----/);
      expect(second).toBe(first);
      const stored = await inActorTransaction(t.store, SYSTEM_ACTOR, (trx) =>
        trx.selectFrom('certificate_authority').select('certificate_pem').execute(),
      );
      expect(stored).toEqual([{ certificate_pem: first }]);
      // Its key is the one kept wrapped, whichever instance made it.
      const ca = await inActorTransaction(otherStore, SYSTEM_ACTOR, (trx) =>
        certificateAuthority(trx, keyring, new Date()),
      );
      expect(ca.certificatePem).toBe(first);
      expect(ca.privateKeyPkcs8Der.length).toBeGreaterThan(0);
    }
  });
});
