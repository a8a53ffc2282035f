import { sql } from 'kysely';
import { PasswordHasher } from '../../security/passwords';
import { inActorTransaction, SYSTEM_ACTOR, type DbActor } from '../../server/db/actor-transaction';
import { verifyAuditChain } from '../../server/modules/audit';
import { createFirstAdmin, FirstAdminError } from '../../server/modules/users';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { engine } from '../helpers/engine';

const lead = { name: 'Secretaría de Protección', sector: 'social_protection' as const };
const hasher = new PasswordHasher();

let t: TestDatabase;
beforeEach(async () => {
  t = await openTestDatabase();
});
afterEach(() => t.close());

const asSystem = <T>(work: Parameters<typeof inActorTransaction<T>>[2]) =>
  inActorTransaction(t.store, SYSTEM_ACTOR, work);

describe(`first administrator (${engine})`, () => {
  it('creates an admin of the lead agency whose one-time password must be changed', async () => {
    const { user, initialPassword } = await createFirstAdmin(
      t.store,
      hasher,
      { email: '  Ana.Perez@Municipio.gob.ec ', displayName: 'Ana Pérez' },
      lead,
    );
    expect(user).toMatchObject({
      email: 'ana.perez@municipio.gob.ec',
      role: 'admin',
      active: true,
      passwordMustChange: true,
    });
    const row = await asSystem((trx) =>
      trx
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow(),
    );
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await hasher.verify(row.password_hash, initialPassword)).toBe(true);

    const dump = await asSystem(async (trx) => {
      const users = await sql`select u::text as row from users u`.execute(trx);
      const audit = await sql`select a::text as row from audit_events a`.execute(trx);
      return JSON.stringify([users.rows, audit.rows]);
    });
    expect(dump).not.toContain(initialPassword);

    const audit = await asSystem((trx) =>
      trx.selectFrom('audit_events').select(['action', 'resource_id']).orderBy('seq').execute(),
    );
    expect(audit).toEqual(
      expect.arrayContaining([{ action: 'user.create', resource_id: user.id }]),
    );
    const verified = await inActorTransaction(t.store, SYSTEM_ACTOR, (trx) =>
      verifyAuditChain(trx, t.store.auditKey),
    );
    expect(verified.ok).toBe(true);
  });

  it('refuses once an admin exists, and refuses an invalid email', async () => {
    await createFirstAdmin(
      t.store,
      hasher,
      { email: 'a@municipio.gob.ec', displayName: 'A' },
      lead,
    );
    await expect(
      createFirstAdmin(t.store, hasher, { email: 'b@municipio.gob.ec', displayName: 'B' }, lead),
    ).rejects.toEqual(new FirstAdminError('admin_exists'));
    await expect(
      createFirstAdmin(t.store, hasher, { email: 'no es un correo', displayName: 'C' }, lead),
    ).rejects.toEqual(new FirstAdminError('invalid_email'));
  });
});

describe(`users row-level security (${engine})`, () => {
  async function person() {
    const { user } = await createFirstAdmin(
      t.store,
      hasher,
      { email: 'admin@municipio.gob.ec', displayName: 'Admin' },
      lead,
    );
    const self: DbActor = { id: user.id, role: 'caseworker', institutionId: user.institutionId };
    return { user, self };
  }

  it('lets a person read their own row only', async () => {
    const { user, self } = await person();
    const stranger: DbActor = { ...self, id: '55555555-5555-4555-8555-555555555555' };
    const seenBySelf = await inActorTransaction(t.store, self, (trx) =>
      trx.selectFrom('users').select('id').execute(),
    );
    expect(seenBySelf).toEqual([{ id: user.id }]);
    const seenByStranger = await inActorTransaction(t.store, stranger, (trx) =>
      trx.selectFrom('users').select('id').execute(),
    );
    expect(seenByStranger).toEqual([]);
  });

  it('lets a person change their password and end their other sessions, nothing else', async () => {
    const { user, self } = await person();
    const own = (set: Record<string, unknown>) =>
      inActorTransaction(t.store, self, (trx) =>
        trx.updateTable('users').set(set).where('id', '=', user.id).execute(),
      );
    await own({
      password_hash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
      password_must_change: false,
      sessions_valid_after: sql<Date>`now() + interval '1 second'`,
    });
    // Enrolling a factor that is not active yet: a pending secret, no step recorded.
    await own({ totp_secret_enc: Buffer.from('pending'), totp_kek_version: 1 });

    const team = await asSystem((trx) =>
      trx
        .insertInto('teams')
        .values({ name: 'Equipo ajeno' })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    // Everything a person must never set on themselves (the allow-list guards later columns too).
    const refused: [string, Record<string, unknown>][] = [
      ['role', { role: 'auditor' }],
      ['institution', { institution_id: '55555555-5555-4555-8555-555555555555' }],
      ['email', { email: 'otra@municipio.gob.ec' }],
      ['status', { active: false }],
      ['display name', { display_name: 'Otra persona' }],
      ['team', { team_id: team.id }],
      ['team access', { team_access: true }],
      ['second factor activation', { totp_enabled_at: sql<Date>`now()` }],
      ['a code step before activation', { totp_last_step: '1' }],
      ['failure count', { totp_failures: 3 }],
      ['lock', { totp_locked_at: sql<Date>`now()` }],
      ['forced password change', { password_must_change: true }],
      [
        'session validity moved back',
        { sessions_valid_after: sql<Date>`now() - interval '1 day'` },
      ],
      ['creation time', { created_at: sql<Date>`now()` }],
    ];
    for (const [what, set] of refused) {
      await expect(own(set).then(() => what)).rejects.toThrow(/only an administrator/);
    }
  });

  it('clears the forced password change only together with a new password', async () => {
    const { user, self } = await person(); // its one-time password must be changed
    await expect(
      inActorTransaction(t.store, self, (trx) =>
        trx
          .updateTable('users')
          .set({ password_must_change: false })
          .where('id', '=', user.id)
          .execute(),
      ),
    ).rejects.toThrow(/only an administrator/);
  });

  it('keeps an active second factor out of its owner’s reach', async () => {
    const { user, self } = await person();
    await asSystem((trx) =>
      trx
        .updateTable('users')
        .set({
          totp_secret_enc: Buffer.from('active'),
          totp_kek_version: 1,
          totp_enabled_at: new Date(),
          totp_last_step: '10',
        })
        .where('id', '=', user.id)
        .execute(),
    );
    for (const set of [
      { totp_secret_enc: Buffer.from('mine now') },
      { totp_secret_enc: null, totp_kek_version: null },
      { totp_last_step: '5' },
      { totp_last_step: '11' },
    ]) {
      await expect(
        inActorTransaction(t.store, self, (trx) =>
          trx.updateTable('users').set(set).where('id', '=', user.id).execute(),
        ),
      ).rejects.toThrow(/only an administrator/);
    }
  });
});
