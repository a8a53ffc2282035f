import { randomBytes } from 'node:crypto';
import { decryptField, DecryptionError, LocalKeyring } from '../../security/crypto';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { startTestApp, type TestApp } from '../helpers/app';
import { type SessionClient } from '../helpers/session-client';
import { auditEvents, createTeam, signedIn, type SeededUser } from '../helpers/users';

type Signed = { user: SeededUser; client: SessionClient };
let t: TestApp;
let ana: Signed; // caseworker
let sara: Signed; // supervisor of the same team
const keyring = new LocalKeyring(new Map([[1, randomBytes(32)]]));

const input = {
  identifiedOn: '2026-11-16',
  riskLevel: 'high',
  identity: {
    fullName: 'Persona a borrar',
    documentNumber: 'X-99887766',
    phone: '+593 97 555 0000',
  },
  attributes: {
    sex: 'Female',
    ageAtIdentification: 16,
    traffickingStatus: 'Actual',
    exploitationTypes: ['ForcedMarriage'],
  },
};

const system = <T>(work: Parameters<typeof inActorTransaction<T>>[2]) =>
  inActorTransaction(t.database.store, SYSTEM_ACTOR, work);

beforeAll(async () => {
  t = await startTestApp({ keyring });
  const team = await createTeam(t, 'Equipo Borrado');
  ana = await signedIn(t, 'caseworker', { teamId: team });
  sara = await signedIn(t, 'supervisor', { teamId: team });
});
afterAll(() => t.close());

describe('erasure by crypto-shredding', () => {
  it('needs a supervisor, a fresh step-up and a reason; then the identifying data is gone for good', async () => {
    const created = await ana.client.post('/api/v1/cases', input);
    const id = (created.body as { case: { id: string } }).case.id;
    const erase = (who: Signed, body: object) => who.client.post(`/api/v1/cases/${id}/erase`, body);

    expect((await erase(ana, { reason: 'person_request' })).status).toBe(403);
    t.clock.advance(6 * 60);
    const noStepUp = await erase(sara, { reason: 'person_request' });
    expect(noStepUp.status).toBe(401);
    expect(noStepUp.body).toMatchObject({ code: 'step_up_required' });
    await sara.client.post('/api/v1/auth/step-up', { code: await sara.client.nextCode() });
    expect((await erase(sara, { reason: 'because' })).status).toBe(400);

    const before = await system((trx) =>
      trx
        .selectFrom('cases')
        .innerJoin('case_keys', 'case_keys.case_id', 'cases.id')
        .select(['full_name_enc', 'kek_version', 'wrapped_key'])
        .where('cases.id', '=', id)
        .executeTakeFirstOrThrow(),
    );
    const dataKey = keyring.unwrap(
      { kekVersion: before.kek_version, wrapped: before.wrapped_key },
      `cases|${id}`,
    );
    const address = { table: 'cases', field: 'full_name', recordId: id };
    expect(decryptField(dataKey, address, before.full_name_enc!)).toBe('Persona a borrar');

    const res = await erase(sara, { reason: 'person_request' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, erased: true });
    expect(await auditEvents(t, { action: 'case.erase', resourceId: id })).toEqual([
      expect.objectContaining({ actor_id: sara.user.id, purpose: 'person_request' }),
    ]);

    const after = await system(async (trx) => ({
      keys: await trx.selectFrom('case_keys').select('case_id').where('case_id', '=', id).execute(),
      indexes: await trx
        .selectFrom('case_blind_indexes')
        .select('case_id')
        .where('case_id', '=', id)
        .execute(),
      row: await trx.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    }));
    expect(after.keys).toEqual([]);
    expect(after.indexes).toEqual([]);
    for (const column of ['full_name_enc', 'document_number_enc', 'phone_enc'] as const) {
      const sealed = after.row[column]!;
      expect(sealed).not.toBeNull(); // still there, and unreadable without the destroyed key
      expect(() =>
        decryptField(randomBytes(32), { ...address, field: column.replace(/_enc$/, '') }, sealed),
      ).toThrow(DecryptionError);
    }

    const read = await sara.client.get(`/api/v1/cases/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      erased: true,
      identity: null,
      attributes: {
        sex: 'Female',
        traffickingStatus: 'Actual',
        exploitationTypes: ['ForcedMarriage'],
      },
      ageBand: '12-17',
    });
    expect((await erase(sara, { reason: 'person_request' })).status).toBe(409);
    const edit = await sara.client.patch(`/api/v1/cases/${id}`, { version: 2, riskLevel: 'low' });
    expect(edit.status).toBe(409);

    const again = await ana.client.post('/api/v1/cases', input);
    expect((again.body as { possibleDuplicates: unknown[] }).possibleDuplicates).toEqual([]);
  });
});
