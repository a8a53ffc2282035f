import { randomBytes } from 'node:crypto';
import { decryptField, deriveKey, encrypt, LocalKeyring } from '../../security/crypto';
import { buildApp } from '../../server/app';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import {
  assertKekVersionsAvailable,
  rewrapKeys,
  upgradeLegacyTotpSecrets,
} from '../../server/modules/keys';
import { startTestApp, TEST_CONFIG, type TestApp } from '../helpers/app';
import { SessionClient } from '../helpers/session-client';
import { asSuperuser } from '../helpers/superuser';
import { certificateAuthority } from '../../server/modules/certificates/certificate-authority';
import { eraseParticipant } from '../../server/modules/trainings';
import { giveConsent, referralId } from '../helpers/referrals';
import { createParticipant, PARTICIPANTS } from '../helpers/trainings';
import { createTeam, partnerInstitutionId, signedIn, type SeededUser } from '../helpers/users';

let t: TestApp;
let ana: { user: SeededUser; client: SessionClient };
let doctor: { user: SeededUser; client: SessionClient };
let hospital: string;
let referral: string;
const v1 = randomBytes(32);
const v2 = randomBytes(32);
/** What the configuration holds; the running app's keyring reads it again on an unknown version. */
const configured = new Map([[1, v1]]);
const cases = new Map<string, string>(); // id → full name
let coordinator: { user: SeededUser; client: SessionClient };
const participants = new Map<string, string>(); // id → full name
/** Each participant's version and update time as a coordinator read them before the rotation. */
const participantsRead = new Map<string, { version: number; updatedAt: string }>();

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
  const [first] = cases.keys();
  hospital = await partnerInstitutionId(t, 'Hospital Claves');
  doctor = await signedIn(t, 'partner', { institutionId: hospital });
  await giveConsent(ana.client, first!, [{ sectors: ['health'], categories: ['minimal'] }]);
  referral = await referralId(ana.client, first!, hospital);
  // Training participants' keys, and one erased participant (no key left to rewrap).
  coordinator = await signedIn(t, 'coordinator');
  for (let i = 0; i < 3; i++) {
    const participant = await createParticipant(coordinator.client, {
      fullName: `Participante ${i} ñandú`,
    });
    participants.set(participant.id, participant.fullName!);
    const read = await coordinator.client.get(`${PARTICIPANTS}/${participant.id}`);
    participantsRead.set(participant.id, read.body as { version: number; updatedAt: string });
  }
  const erased = await createParticipant(coordinator.client);
  await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
    eraseParticipant(trx, erased.id, 'retention_ended'),
  );
  // The internal CA exists from the first certificate on; its key is wrapped too.
  await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
    certificateAuthority(trx, t.keyring, new Date()),
  );
}, 120_000);
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
      for (const [id, fullName] of participants) {
        const res = await coordinator.client.get(`${PARTICIPANTS}/${id}`);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ fullName });
      }
    };
    const [report] = await Promise.all([
      rewrapKeys(t.database.store, rotation),
      readAll(),
      readAll(),
    ]);
    expect(report).toEqual({
      toVersion: 2,
      // ana's, the doctor's and the coordinator's factors; the erased participant has no key
      rewrapped: { case: 12, referral: 1, ca: 1, totp: 3, training_participant: 3 },
      versionsInUse: { v2: 20 },
    });
    await readAll();
    // Rewrapping a participant's key is not a change of the participant: same version and
    // update time, so an edit made from what was read before goes through.
    for (const [id, before] of participantsRead) {
      const after = (await coordinator.client.get(`${PARTICIPANTS}/${id}`)).body as {
        version: number;
        updatedAt: string;
      };
      expect(after).toMatchObject({ version: before.version, updatedAt: before.updatedAt });
    }
    const [edited, read] = [...participantsRead][0]!;
    const edit = await coordinator.client.patch(`${PARTICIPANTS}/${edited}`, {
      version: read.version,
      position: 'Enfermera',
    });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ version: read.version + 1 });

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

    const participantRows = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      trx
        .selectFrom('training_participants')
        .select(['id', 'key_kek_version', 'key_wrapped', 'full_name_enc'])
        .where('erased_at', 'is', null)
        .execute(),
    );
    expect(participantRows).toHaveLength(3);
    for (const row of participantRows) {
      expect(row.key_kek_version).toBe(2);
      const dataKey = onlyV2.unwrap(
        { kekVersion: row.key_kek_version!, wrapped: row.key_wrapped! },
        `training_participants|${row.id}`,
      );
      const address = { table: 'training_participants', field: 'full_name', recordId: row.id };
      expect(decryptField(dataKey, address, row.full_name_enc!)).toBe(participants.get(row.id));
    }

    const referralKey = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      trx
        .selectFrom('referral_keys')
        .selectAll()
        .where('referral_id', '=', referral)
        .executeTakeFirstOrThrow(),
    );
    expect(() =>
      onlyV2.unwrap(
        { kekVersion: referralKey.kek_version, wrapped: referralKey.wrapped_key },
        `referrals|${referral}`,
      ),
    ).not.toThrow();
    await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      certificateAuthority(trx, onlyV2, new Date()),
    );
    const pkg = await doctor.client.get(`/api/v1/referrals/${referral}/package`);
    expect(pkg.status).toBe(200);

    const again = await rewrapKeys(t.database.store, rotation);
    expect(again.rewrapped).toEqual({
      case: 0,
      referral: 0,
      ca: 0,
      totp: 0,
      training_participant: 0,
    }); // idempotent

    // Start-up refuses a keyring that lacks a version still in use, and takes one that has them.
    await expect(
      assertKekVersionsAvailable(t.database.store, new LocalKeyring(new Map([[1, v1]]))),
    ).rejects.toThrow(/versions v2 still wrap keys but are not configured/);
    await expect(assertKekVersionsAvailable(t.database.store, onlyV2)).resolves.toBeUndefined();

    // An API that no longer has version 1 at all: everyone still signs in.
    const withoutV1 = buildApp({
      database: t.database,
      config: TEST_CONFIG,
      secrets: t.secrets,
      keyring: onlyV2,
      logger: t.logger,
      clock: () => t.clock.now(),
    });
    for (const person of [ana, doctor]) {
      const client = new SessionClient(withoutV1, t.clock);
      client.totpSecret = person.client.totpSecret;
      await client.signIn(person.user.email, person.user.password);
      expect((await client.get('/api/v1/auth/me')).status).toBe(200);
    }
  });

  it('wraps a second-factor secret of the earlier format with the keyring, once', async () => {
    const carla = await signedIn(t, 'caseworker', { teamId: await createTeam(t, 'Equipo Legado') });
    // Before migration 0017: AES-GCM under a key derived from DATA_KEK v1, no version.
    const legacy = encrypt(
      deriveKey(v1, 'totp-secret'),
      1,
      Buffer.from(carla.client.totpSecret!, 'utf8'),
      `users|totp_secret_enc|${carla.user.id}`,
    );
    await asSuperuser(
      t.database,
      `update users set totp_secret_enc = '\\x${legacy.toString('hex')}', totp_kek_version = null
       where id = '${carla.user.id}'`,
    );
    const keyring = new LocalKeyring(
      new Map([
        [1, v1],
        [2, v2],
      ]),
    );
    await expect(upgradeLegacyTotpSecrets(t.database.store, keyring, undefined)).rejects.toThrow(
      /earlier format: DATA_KEK/,
    );
    expect(await upgradeLegacyTotpSecrets(t.database.store, keyring, v1)).toBe(1);
    expect(await upgradeLegacyTotpSecrets(t.database.store, keyring, v1)).toBe(0);
    const row = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      trx
        .selectFrom('users')
        .select(['totp_kek_version'])
        .where('id', '=', carla.user.id)
        .executeTakeFirstOrThrow(),
    );
    expect(row.totp_kek_version).toBe(2);
    const client = new SessionClient(t.app, t.clock);
    client.totpSecret = carla.client.totpSecret;
    await client.signIn(carla.user.email, carla.user.password);
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);
  });
});
