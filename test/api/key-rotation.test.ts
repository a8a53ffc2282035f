import { randomBytes } from 'node:crypto';
import { decryptField, LocalKeyring } from '../../security/crypto';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { rewrapCaseKeys } from '../../server/modules/cases';
import { startTestApp, type TestApp } from '../helpers/app';
import { type SessionClient } from '../helpers/session-client';
import { createTeam, signedIn, type SeededUser } from '../helpers/users';

let t: TestApp;
let ana: { user: SeededUser; client: SessionClient };
const v1 = randomBytes(32);
const v2 = randomBytes(32);
/** What the configuration holds; the running app's keyring reads it again on an unknown version. */
const configured = new Map([[1, v1]]);
const cases = new Map<string, string>(); // id → full name

beforeAll(async () => {
  t = await startTestApp({ keyring: new LocalKeyring(new Map(configured), () => configured) });
  ana = await signedIn(t, 'caseworker', { teamId: await createTeam(t, 'Equipo Claves') });
  for (let i = 0; i < 12; i++) {
    const fullName = `Persona ${i} ñandú`;
    const res = await ana.client.post('/api/v1/cases', {
      identifiedOn: '2026-11-19',
      riskLevel: 'low',
      identity: { fullName },
      attributes: { sex: 'Other', traffickingStatus: 'Possible' },
    });
    cases.set((res.body as { case: { id: string } }).case.id, fullName);
  }
}, 30_000);
afterAll(() => t.close());

describe('key rotation', () => {
  it('rewraps every data key while cases are being read; the old version can then go', async () => {
    configured.set(2, v2); // the operator adds version 2 (env or key file)
    const rotation = new LocalKeyring(new Map(configured));
    const readAll = async () => {
      for (const [id, fullName] of cases) {
        const res = await ana.client.get(`/api/v1/cases/${id}`);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ identity: { fullName } });
      }
    };
    const [report] = await Promise.all([
      rewrapCaseKeys(t.database.store, rotation),
      readAll(),
      readAll(),
    ]);
    expect(report).toEqual({ toVersion: 2, rewrapped: 12, versionsInUse: { v2: 12 } });
    await readAll();

    // Version 1 retired: a keyring without it still opens every case.
    const onlyV2 = new LocalKeyring(new Map([[2, v2]]));
    const rows = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      trx
        .selectFrom('case_keys')
        .innerJoin('cases', 'cases.id', 'case_keys.case_id')
        .select(['cases.id', 'kek_version', 'wrapped_key', 'full_name_enc'])
        .execute(),
    );
    for (const row of rows) {
      const dataKey = onlyV2.unwrap(
        { kekVersion: row.kek_version, wrapped: row.wrapped_key },
        `cases|${row.id}`,
      );
      const address = { table: 'cases', field: 'full_name', recordId: row.id };
      expect(decryptField(dataKey, address, row.full_name_enc!)).toBe(cases.get(row.id));
    }

    const again = await rewrapCaseKeys(t.database.store, rotation);
    expect(again.rewrapped).toBe(0); // idempotent
  });
});
