import { sql } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { engine } from '../helpers/engine';
import { runScript, scriptSubject } from '../helpers/script-subject';

jest.setTimeout(120_000);

it(`npm run create-admin -- --email E --json prints the one-time password once (${engine})`, async () => {
  const s = await scriptSubject();
  try {
    const created = await runScript(
      'scripts/create-admin.ts',
      ['--email', 'Admin@Municipio.gob.ec', '--json'],
      s.env,
    );
    expect(created.code).toBe(0);
    const lines = created.output.trim().split('\n');
    expect(lines).toHaveLength(1);
    const printed = JSON.parse(lines[0]!) as { email: string; password: string };
    expect(printed.email).toBe('admin@municipio.gob.ec');
    expect(printed.password).toMatch(/^[a-zA-Z2-9]{20}$/);

    await s.withStore(async (store) => {
      const dump = await inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
        const { rows } = await sql`
          select (select json_agg(u)::text from users u) as users,
                 (select json_agg(a)::text from audit_events a) as audit`.execute(trx);
        return JSON.stringify(rows);
      });
      expect(dump).toContain('admin@municipio.gob.ec');
      expect(dump).not.toContain(printed.password);
    });

    const again = await runScript(
      'scripts/create-admin.ts',
      ['--email', 'otra@municipio.gob.ec'],
      s.env,
    );
    expect(again.code).toBe(1);
    expect(again.output).toContain('an active administrator already exists');
  } finally {
    await s.cleanup();
  }
});
