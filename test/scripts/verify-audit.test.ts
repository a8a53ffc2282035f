import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { record, sealPending } from '../../server/modules/audit';
import { engine } from '../helpers/engine';
import { runScript, scriptSubject } from '../helpers/script-subject';

jest.setTimeout(120_000);

it(`npm run verify-audit passes an intact log and names the first tampered event (${engine})`, async () => {
  const s = await scriptSubject();
  try {
    await s.withStore((store) =>
      inActorTransaction(store, SYSTEM_ACTOR, (trx) => {
        for (const action of ['institution.create', 'institution.update', 'user.create'] as const) {
          record(trx, { action, outcome: 'success' });
        }
        return Promise.resolve();
      }),
    );
    const intact = await runScript('scripts/verify-audit.ts', [], s.env);
    expect(intact.output).toContain('Audit log intact: 3 events, last seq 3.');
    expect(intact.code).toBe(0);

    await s.asSuperuser(`update audit_events set outcome = 'denied' where seq = 2`);
    const tampered = await runScript('scripts/verify-audit.ts', [], s.env);
    expect(tampered.code).toBe(2);
    expect(tampered.output).toMatch(/TAMPERED at seq 2 \(event [0-9a-f-]{36}\): modified/);
  } finally {
    await s.cleanup();
  }
});

it(`npm run verify-audit -- --anchor SEQ:HASH detects a log cut back together with its head (${engine})`, async () => {
  const s = await scriptSubject();
  const verifyAudit = (args: string[] = []) => runScript('scripts/verify-audit.ts', args, s.env);
  try {
    let anchor = '';
    await s.withStore(async (store) => {
      for (let n = 0; n < 5; n++) {
        await inActorTransaction(store, SYSTEM_ACTOR, (trx) => {
          record(trx, { action: 'institution.update', outcome: 'success' });
          return Promise.resolve();
        });
      }
      await sealPending(store, { wait: true });
      const head = await inActorTransaction(store, SYSTEM_ACTOR, (trx) =>
        trx.selectFrom('audit_chain_head').select(['seq', 'hash']).executeTakeFirstOrThrow(),
      );
      anchor = `${head.seq}:${Buffer.from(head.hash).toString('hex')}`;
    });
    expect(anchor).toMatch(/^5:[0-9a-f]{64}$/);

    const reached = await verifyAudit(['--anchor', anchor.toUpperCase()]);
    expect(reached.output).toContain(
      'Audit log intact: 5 events, last seq 5. It reaches the anchor at seq 5.',
    );
    expect(reached.code).toBe(0);

    for (const malformed of [['--anchor', '5'], ['--anchor', `5:${'0'.repeat(63)}`], ['--anchr']]) {
      const refused = await verifyAudit(malformed);
      expect(refused.code).toBe(1);
      expect(refused.output).toContain('usage: npm run verify-audit [-- --anchor SEQ:HASH ...]');
    }

    // Events 4 and up (5, and 6: the first verification's own event) deleted,
    // the head moved back to event 3: a consistent, shorter chain.
    await s.asSuperuser(
      `delete from audit_events where seq > 3;
       update audit_chain_head set (seq, hash) = (select seq, hash from audit_events where seq = 3)`,
    );
    const withoutAnchor = await verifyAudit();
    expect(withoutAnchor.output).toContain('Audit log intact: 3 events, last seq 3.');
    expect(withoutAnchor.code).toBe(0); // the known limit the anchor is for

    const truncated = await verifyAudit(['--anchor', anchor]);
    expect(truncated.code).toBe(2);
    expect(truncated.output).toContain(
      'Audit log TAMPERED: it no longer reaches the anchor seq 5 (the head is at 4): ' +
        'events were deleted from its end.',
    );
    expect(truncated.output).toContain('The chain itself is consistent: 4 events, last seq 4.');

    // Each run wrote its own audit.verify event: the log has grown back to seq 5.
    const regrown = await verifyAudit(['--anchor', anchor]);
    expect(regrown.code).toBe(2);
    expect(regrown.output).toContain(
      `Audit log TAMPERED: the event at seq 5 does not match the anchor ${anchor}`,
    );
  } finally {
    await s.cleanup();
  }
});
