import { engine } from '../helpers/engine';
import { runScript, scriptSubject } from '../helpers/script-subject';

jest.setTimeout(120_000);

/**
 * An operator command while this process has the database open: on the
 * embedded engine (single-process) it is refused, saying what to do; on a
 * PostgreSQL server it runs beside the other connection.
 */
it(`npm run verify-audit while the database is held open (${engine})`, async () => {
  const s = await scriptSubject();
  try {
    await s.withStore(async () => {
      const result = await runScript('scripts/verify-audit.ts', [], s.env);
      if (engine === 'pglite') {
        expect(result.code).not.toBe(0);
        expect(result.output).toContain(
          `verify-audit failed: the embedded database under ${s.env.DATA_DIR} ` +
            `is in use by process ${process.pid}`,
        );
        expect(result.output).toContain('Stop the server first');
      } else {
        expect(result.output).toContain('Audit log intact');
        expect(result.code).toBe(0);
      }
    });
    const alone = await runScript('scripts/verify-audit.ts', [], s.env);
    expect(alone.output).toContain('Audit log intact');
    expect(alone.code).toBe(0);
  } finally {
    await s.cleanup();
  }
});
