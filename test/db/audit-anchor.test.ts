import { randomBytes } from 'node:crypto';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { createLogger } from '../../server/http/logger';
import {
  auditAnchorLogger,
  checkAnchor,
  parseAnchor,
  record,
  sealPending,
  type AuditAnchor,
} from '../../server/modules/audit';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { engine } from '../helpers/engine';
import { asSuperuser } from '../helpers/superuser';

async function writeEvents(t: TestDatabase, count: number): Promise<void> {
  for (let n = 0; n < count; n++) {
    await inActorTransaction(t.store, SYSTEM_ACTOR, (trx) => {
      record(trx, { action: 'institution.update', outcome: 'success' });
      return Promise.resolve();
    });
  }
  await sealPending(t.store, { wait: true });
}

const head = (t: TestDatabase) =>
  inActorTransaction(t.store, SYSTEM_ACTOR, (trx) =>
    trx.selectFrom('audit_chain_head').select(['seq', 'hash']).executeTakeFirstOrThrow(),
  );
const headAnchor = async (t: TestDatabase) => {
  const { seq, hash } = await head(t);
  return `${seq}:${Buffer.from(hash).toString('hex')}`;
};
const check = (t: TestDatabase, anchor: AuditAnchor) =>
  inActorTransaction(t.store, SYSTEM_ACTOR, (trx) => checkAnchor(trx, anchor), {
    isolation: 'repeatable read',
  });

describe('parseAnchor', () => {
  const hex = 'ab'.repeat(32);

  it('accepts <decimal seq>:<64 hex digits>, in either case', () => {
    expect(parseAnchor(`42:${hex}`)).toEqual({ seq: 42n, hash: Buffer.from(hex, 'hex') });
    expect(parseAnchor(`0:${hex.toUpperCase()}`)).toEqual({
      seq: 0n,
      hash: Buffer.from(hex, 'hex'),
    });
    expect(parseAnchor(`9223372036854775807:${hex}`)?.seq).toBe(2n ** 63n - 1n);
  });

  it.each([
    ['', 'empty'],
    [hex, 'no seq'],
    ['42', 'no hash'],
    [`42:${hex.slice(2)}`, '63 hex digits'],
    [`42:${hex}00`, '65 hex digits'],
    [`42:${hex.slice(2)}zz`, 'not hex'],
    [`-1:${hex}`, 'negative seq'],
    [`4.2:${hex}`, 'not an integer'],
    [` 42:${hex}`, 'surrounding space'],
    [`42:${hex}\n`, 'trailing newline'],
    [`9223372036854775808:${hex}`, 'beyond bigint'],
  ])('refuses %j (%s)', (text) => {
    expect(parseAnchor(text)).toBeUndefined();
  });
});

describe(`audit chain anchor (${engine})`, () => {
  let t: TestDatabase;
  let lines: string[];
  beforeEach(async () => {
    t = await openTestDatabase();
    lines = [];
  });
  afterEach(() => t.close());

  const anchorLogger = () =>
    auditAnchorLogger(t.store, createLogger('info', { write: (line: string) => lines.push(line) }));
  const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

  it('logs the head as seq:hash once, and again only after it moved', async () => {
    await writeEvents(t, 3);
    const anchor = anchorLogger();
    await anchor.logIfMoved();
    const first = await headAnchor(t);
    expect(first).toMatch(/^\d+:[0-9a-f]{64}$/);
    expect(logged()).toEqual([expect.objectContaining({ auditAnchor: first })]);

    await anchor.logIfMoved();
    expect(lines).toHaveLength(1);

    await writeEvents(t, 2);
    await anchor.logIfMoved();
    const second = await headAnchor(t);
    expect(second).not.toBe(first);
    expect(logged().map((line) => line.auditAnchor)).toEqual([first, second]);
  });

  it('carries nothing but the anchor, with a fixed message', async () => {
    await writeEvents(t, 1);
    await anchorLogger().logIfMoved();
    const [line] = logged();
    expect(Object.keys(line!).sort()).toEqual(['auditAnchor', 'level', 'msg', 'service', 'time']);
    expect(line).toMatchObject({ level: 30, service: 'amparo', msg: 'audit chain anchor' });
  });

  it('logs at shutdown even when the head has not moved, after sealing what committed', async () => {
    await writeEvents(t, 1);
    const anchor = anchorLogger();
    await anchor.logIfMoved();
    await anchor.logFinal();
    expect(lines).toHaveLength(2);
    expect(logged()[1]!.auditAnchor).toBe(logged()[0]!.auditAnchor);
  });

  it('checks that the log still reaches an anchor', async () => {
    await writeEvents(t, 4);
    const anchor = parseAnchor(await headAnchor(t))!;
    expect(await check(t, anchor)).toEqual({ ok: true, anchor });
    const earlier = { seq: 2n, hash: randomBytes(32) };
    expect(await check(t, earlier)).toEqual({ ok: false, anchor: earlier, problem: 'mismatch' });

    await asSuperuser(
      t,
      `delete from audit_events where seq > 2;
       update audit_chain_head set (seq, hash) = (select seq, hash from audit_events where seq = 2)`,
    );
    expect(await check(t, anchor)).toEqual({
      ok: false,
      anchor,
      problem: 'truncated',
      headSeq: 2n,
    });
  });
});
