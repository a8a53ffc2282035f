import { sql } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR, type DbActor } from '../../server/db/actor-transaction';
import { ensureDemoInstitutions, ensureLeadAgency } from '../../server/modules/institutions';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { engine } from '../helpers/engine';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

const actor = (role: DbActor['role']): DbActor => ({
  id: '11111111-1111-4111-8111-111111111111',
  role,
  institutionId: null,
});

describe(`the application role (${engine})`, () => {
  it('is amparo_app: not a superuser, no BYPASSRLS, owns nothing', async () => {
    const { rows } = await sql<{
      user: string;
      rolsuper: boolean;
      rolbypassrls: boolean;
      owned: number;
    }>`
      select current_user as user, r.rolsuper, r.rolbypassrls,
             (select count(*)::int from pg_class c where c.relowner = r.oid) as owned
      from pg_roles r where r.rolname = current_user`.execute(t.db);
    expect(rows[0]).toEqual({ user: 'amparo_app', rolsuper: false, rolbypassrls: false, owned: 0 });
  });

  it('cannot create objects in its schema', async () => {
    await expect(sql`create table amparo.sneaky (id int)`.execute(t.db)).rejects.toThrow(
      /permission denied/,
    );
  });

  it('cannot delete institutions (no grant) nor change the migration ledger', async () => {
    await expect(
      inActorTransaction(t.store, SYSTEM_ACTOR, (trx) => trx.deleteFrom('institutions').execute()),
    ).rejects.toThrow(/permission denied/);
    await expect(sql`delete from schema_migrations`.execute(t.db)).rejects.toThrow(
      /permission denied/,
    );
  });

  it('sees no institution without an actor context (row-level security)', async () => {
    await ensureLeadAgency(t.store, {
      name: 'Secretaría de Protección',
      sector: 'social_protection',
    });
    expect(await t.db.selectFrom('institutions').selectAll().execute()).toEqual([]);
    const seen = await inActorTransaction(t.store, actor('caseworker'), (trx) =>
      trx.selectFrom('institutions').select('name').execute(),
    );
    expect(seen.map((row) => row.name)).toContain('Secretaría de Protección');
  });

  it('lets only admin or system context insert institutions', async () => {
    const insert = (who: DbActor, name: string) =>
      inActorTransaction(t.store, who, (trx) =>
        trx.insertInto('institutions').values({ name, sector: 'health' }).execute(),
      );
    await expect(insert(actor('caseworker'), 'Hospital A')).rejects.toThrow(/row-level security/);
    await expect(insert(actor('admin'), 'Hospital B')).resolves.toBeDefined();
  });

  it('does not carry the actor context to the next transaction', async () => {
    await inActorTransaction(t.store, actor('admin'), () => Promise.resolve());
    const { rows } = await sql<{ role: string | null }>`
      select current_setting('app.actor_role', true) as role`.execute(t.db);
    expect(rows[0]?.role ?? '').toBe('');
  });
});

describe('lead agency seed', () => {
  it('creates the lead agency once; a later name does not rename it', async () => {
    const db = await openTestDatabase();
    try {
      const first = await ensureLeadAgency(db.store, {
        name: 'Agencia Uno',
        sector: 'social_protection',
      });
      const second = await ensureLeadAgency(db.store, { name: 'Agencia Dos', sector: 'justice' });
      expect(first.created).toBe(true);
      expect(second).toEqual({ created: false, institution: first.institution });
      expect(first.institution).toMatchObject({ name: 'Agencia Uno', isLeadAgency: true });
    } finally {
      await db.close();
    }
  });

  it('allows a single lead agency even when two instances seed at once', async () => {
    const db = await openTestDatabase();
    try {
      const results = await Promise.all([
        ensureLeadAgency(db.store, { name: 'Agencia Uno', sector: 'social_protection' }),
        ensureLeadAgency(db.store, { name: 'Agencia Uno', sector: 'social_protection' }),
      ]);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const leads = await inActorTransaction(db.store, SYSTEM_ACTOR, (trx) =>
        trx.selectFrom('institutions').select('id').where('is_lead_agency', '=', true).execute(),
      );
      expect(leads).toHaveLength(1);
    } finally {
      await db.close();
    }
  });
});

describe('demo institutions', () => {
  it('adds the missing demo partners once, one per name', async () => {
    const db = await openTestDatabase();
    try {
      expect(await ensureDemoInstitutions(db.store)).toBe(5);
      expect(await ensureDemoInstitutions(db.store)).toBe(0);
      const sectors = await inActorTransaction(db.store, SYSTEM_ACTOR, (trx) =>
        trx.selectFrom('institutions').select('sector').execute(),
      );
      expect(sectors.map((row) => row.sector).sort()).toEqual([
        'education',
        'health',
        'justice',
        'legal_aid',
        'shelter',
      ]);
    } finally {
      await db.close();
    }
  });
});
