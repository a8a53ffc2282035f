import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { record } from '../../server/modules/audit';
import { engine } from '../helpers/engine';
import { runScript, scriptSubject } from '../helpers/script-subject';

jest.setTimeout(120_000);

it(`npm run verify-audit passes an intact log and names the first tampered event (${engine})`, async () => {
  const s = await scriptSubject();
  try {
    await s.withStore((store) =>
      inActorTransaction(store, SYSTEM_ACTOR, (trx) => {
        for (const action of ['institution.create', 'institution.update', 'user.create']) {
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
