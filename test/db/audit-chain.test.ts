import { sql } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR, type DbActor } from '../../server/db/actor-transaction';
import { record, sealPending, verifyAuditChain, type AuditEntry } from '../../server/modules/audit';
import { openServerDatabase } from '../../server/db/database';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { engine } from '../helpers/engine';
import { asSuperuser } from '../helpers/superuser';

const caseworker: DbActor = {
  id: '22222222-2222-4222-8222-222222222222',
  role: 'caseworker',
  institutionId: null,
  requestId: '0b8f6a9e-2f0c-4d7e-9a43-0f1f5d8c9b11',
};
const auditor: DbActor = {
  ...caseworker,
  id: '33333333-3333-4333-8333-333333333333',
  role: 'auditor',
};

const entry = (n: number): AuditEntry => ({
  action: 'case.read',
  outcome: 'success',
  resourceType: 'case',
  resourceId: `TRT-2026-${String(n).padStart(6, '0')}`,
  purpose: 'view',
});

/** Audited use cases, one event each, then the sealer's round (unless `seal` is false). */
async function writeEvents(t: TestDatabase, count: number, { seal = true } = {}): Promise<void> {
  for (let n = 1; n <= count; n++) {
    await inActorTransaction(t.store, caseworker, (trx) => {
      record(trx, entry(n));
      return Promise.resolve();
    });
  }
  if (seal) await sealPending(t.store, { wait: false });
}

/** As the auditor endpoint and verify-audit do: seal what has committed, then check. */
const verify = async (t: TestDatabase, options: { seal: boolean } = { seal: true }) => {
  if (options.seal) await sealPending(t.store, { wait: true });
  return inActorTransaction(
    t.store,
    SYSTEM_ACTOR,
    (trx) => verifyAuditChain(trx, t.store.auditKey),
    {
      isolation: 'repeatable read',
    },
  );
};

describe(`audit chain (${engine})`, () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await openTestDatabase();
  });
  afterEach(() => t.close());

  it('chains events written by concurrent transactions, gap-free, and verifies', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        inActorTransaction(t.store, caseworker, (trx) => {
          record(trx, entry(n));
          record(trx, { ...entry(n), action: 'case.update', purpose: 'edit' });
          return Promise.resolve();
        }),
      ),
    );
    expect(await verify(t)).toEqual({ ok: true, events: 16, lastSeq: '16', unsealed: 0 });
  });

  it('seals a backlog in one batch: one transaction, no empty second round', async () => {
    await writeEvents(t, 12, { seal: false });
    const { result, statements } = await t.recordStatements(() =>
      sealPending(t.store, { wait: false }),
    );
    expect(result).toBe(12);
    expect(statements.filter((text) => /^begin/i.test(text))).toHaveLength(1);
    expect(
      statements.filter((text) => /^update "?audit_events/i.test(text.replace(/\s+/g, ' '))),
    ).toHaveLength(1);
    expect(await verify(t, { seal: false })).toEqual({
      ok: true,
      events: 12,
      lastSeq: '12',
      unsealed: 0,
    });
  });

  it('lets one sealer at a time seal: concurrent sealers leave one gap-free chain', async () => {
    await writeEvents(t, 20, { seal: false });
    const sealed = await Promise.all(
      Array.from({ length: 4 }, () => sealPending(t.store, { wait: false })),
    );
    const total =
      sealed.reduce((sum, n) => sum + n, 0) + (await sealPending(t.store, { wait: true }));
    expect(total).toBe(20);
    expect(await verify(t, { seal: false })).toEqual({
      ok: true,
      events: 20,
      lastSeq: '20',
      unsealed: 0,
    });
  });

  it('seals past rows it must skip: a forged row ahead never holds the chain back', async () => {
    const forge = (count: number) =>
      asSuperuser(
        t,
        `insert into audit_events (id, occurred_at, actor_role, action, outcome, mac)
           select gen_random_uuid(), now(), 'system', 'case.erase', 'success',
                  sha256(('forged' || n)::bytea)
           from generate_series(1, ${count}) n`,
      );
    const writeMany = (count: number) =>
      inActorTransaction(t.store, caseworker, (trx) => {
        for (let n = 1; n <= count; n++) record(trx, entry(n));
        return Promise.resolve();
      });
    await forge(1);
    await writeMany(600);
    expect(await sealPending(t.store, { wait: true })).toBe(600);
    await forge(500);
    await writeMany(10);
    expect(await sealPending(t.store, { wait: false })).toBe(10);
    expect(await verify(t, { seal: false })).toMatchObject({ ok: false, problem: 'inserted' });
  });

  it('records the actor, request id and codes, and commits nothing when the use case fails', async () => {
    await writeEvents(t, 1);
    await expect(
      inActorTransaction(t.store, caseworker, () => {
        throw new Error('use case failed');
      }),
    ).rejects.toThrow('use case failed');
    await expect(
      inActorTransaction(t.store, caseworker, async (trx) => {
        record(trx, entry(2));
        await sql`select 1/0`.execute(trx);
      }),
    ).rejects.toThrow();
    const rows = await inActorTransaction(t.store, auditor, (trx) =>
      trx.selectFrom('audit_events').selectAll().execute(),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_id: caseworker.id,
      actor_role: 'caseworker',
      action: 'case.read',
      resource_type: 'case',
      resource_id: 'TRT-2026-000001',
      purpose: 'view',
      outcome: 'success',
      request_id: caseworker.requestId,
    });
    expect((await verify(t)).ok).toBe(true);
  });

  it('is readable by auditors only, and nobody writes in another actor’s name', async () => {
    await writeEvents(t, 2);
    const seenByCaseworker = await inActorTransaction(t.store, caseworker, (trx) =>
      trx.selectFrom('audit_events').select('seq').execute(),
    );
    expect(seenByCaseworker).toEqual([]);
    const forged = inActorTransaction(t.store, caseworker, (trx) =>
      trx
        .insertInto('audit_events')
        .values({
          seq: '99',
          id: '44444444-4444-4444-8444-444444444444',
          occurred_at: new Date(),
          actor_id: auditor.id,
          actor_role: 'auditor',
          institution_id: null,
          action: 'audit.read',
          resource_type: null,
          resource_id: null,
          purpose: null,
          outcome: 'success',
          request_id: null,
          prev_hash: Buffer.alloc(32),
          hash: Buffer.alloc(32),
        })
        .execute(),
    );
    await expect(forged).rejects.toThrow(/row-level security/);
  });

  it('cannot be changed or deleted by the application role', async () => {
    await writeEvents(t, 1);
    const asAuditor = (statement: string) =>
      inActorTransaction(t.store, auditor, (trx) => sql.raw(statement).execute(trx));
    await expect(asAuditor(`update audit_events set action = 'x.y'`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(asAuditor('delete from audit_events')).rejects.toThrow(/permission denied/);
  });

  it('rejects UPDATE and DELETE by trigger even for the table owner', async () => {
    await writeEvents(t, 1);
    const owner = (statement: string) =>
      asSuperuser(t, `set session_replication_role = origin; ${statement}`);
    await expect(owner(`update audit_events set action = 'x.y'`)).rejects.toThrow(/append-only/);
    await expect(owner('delete from audit_events')).rejects.toThrow(/append-only/);
    expect((await verify(t)).ok).toBe(true);
  });

  it('lets the application role seal an event once, and change nothing else', async () => {
    await writeEvents(t, 1);
    const asSystem = (statement: string) =>
      inActorTransaction(t.store, SYSTEM_ACTOR, (trx) => sql.raw(statement).execute(trx));
    await expect(asSystem(`update audit_events set seq = 99 where seq = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(asSystem(`update audit_events set action = 'x.y'`)).rejects.toThrow(
      /permission denied/,
    );
    expect(await verify(t)).toEqual({ ok: true, events: 1, lastSeq: '1', unsealed: 0 });
  });

  it('reports an unsealed row forged without the key, and the sealer leaves it alone', async () => {
    await writeEvents(t, 2);
    await asSuperuser(
      t,
      `insert into audit_events (id, occurred_at, actor_id, actor_role, action, outcome, mac)
         values (gen_random_uuid(), now(), null, 'system', 'case.erase', 'success',
                 sha256('forged'::bytea))`,
    );
    await writeEvents(t, 1); // the sealer must skip the forged row
    const result = await verify(t);
    expect(result).toMatchObject({ ok: false, problem: 'inserted', firstBadSeq: '4' });
    const forged = await inActorTransaction(t.store, SYSTEM_ACTOR, (trx) =>
      trx
        .selectFrom('audit_events')
        .select(['id', 'seq'])
        .where('action', '=', 'case.erase')
        .execute(),
    );
    expect(forged).toEqual([{ id: result.ok ? '' : result.firstBadId, seq: null }]);
  });

  // Two connections are needed to hold the head while a use case runs: a server only.
  const onServer = engine === 'postgres' ? it : undefined;
  onServer?.('commits audited use cases while the chain head is locked elsewhere', async () => {
    const release = await holdChainHead(t);
    try {
      await writeEvents(t, 3, { seal: false }); // would wait forever if use cases locked the head
      expect(await unsealedCount(t)).toBe(3);
    } finally {
      await release();
    }
    expect(await verify(t, { seal: false })).toMatchObject({ ok: true, events: 0, unsealed: 3 });
    expect(await verify(t)).toEqual({ ok: true, events: 3, lastSeq: '3', unsealed: 0 });
  });

  describe('tampering through a privileged connection is detected and named', () => {
    beforeEach(() => writeEvents(t, 5));

    it('a modified row', async () => {
      await asSuperuser(t, `update audit_events set purpose = 'export' where seq = 3`);
      expect(await verify(t)).toMatchObject({ ok: false, problem: 'modified', firstBadSeq: '3' });
    });

    it('a deleted row', async () => {
      await asSuperuser(t, 'delete from audit_events where seq = 2');
      expect(await verify(t)).toMatchObject({ ok: false, problem: 'deleted', firstBadSeq: '2' });
    });

    it('deleted rows at the end of the log', async () => {
      await asSuperuser(t, 'delete from audit_events where seq >= 4');
      expect(await verify(t)).toMatchObject({ ok: false, problem: 'deleted', firstBadSeq: '4' });
    });

    it('an inserted row, even with the head moved to cover it', async () => {
      await asSuperuser(
        t,
        `insert into audit_events
           select seq + 1, gen_random_uuid(), occurred_at, actor_id, actor_role, institution_id,
                  'case.erase', resource_type, resource_id, purpose, outcome, request_id, hash, hash
           from audit_events where seq = 5;
         update audit_chain_head set seq = 6`,
      );
      expect(await verify(t)).toMatchObject({ ok: false, problem: 'modified', firstBadSeq: '6' });
      await asSuperuser(t, 'update audit_chain_head set seq = 5');
      expect(await verify(t)).toMatchObject({ ok: false, problem: 'inserted', firstBadSeq: '6' });
    });

    it('a row rewritten with a recomputed plain hash (no key)', async () => {
      await asSuperuser(
        t,
        `update audit_events set action = 'case.export',
           hash = sha256(prev_hash || convert_to(action, 'UTF8')) where seq = 1`,
      );
      expect(await verify(t)).toMatchObject({ ok: false, firstBadSeq: '1' });
    });
  });
});

function unsealedCount(t: TestDatabase): Promise<number> {
  return inActorTransaction(t.store, SYSTEM_ACTOR, async (trx) => {
    const rows = await trx
      .selectFrom('audit_events')
      .select('id')
      .where('seq', 'is', null)
      .execute();
    return rows.length;
  });
}

/** Locks the chain head from another connection (as a running sealer would) until released. */
async function holdChainHead(t: TestDatabase): Promise<() => Promise<void>> {
  const database = await openServerDatabase(t.urls!.app, 1);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holder = inActorTransaction({ ...t.store, db: database.db }, SYSTEM_ACTOR, async (trx) => {
    await trx.selectFrom('audit_chain_head').select('seq').forUpdate().execute();
    locked();
    await released;
  });
  await isLocked;
  return async () => {
    release();
    await holder;
    await database.close();
  };
}
