/**
 * The servers under test run as child processes (`node --import tsx ...`) so
 * that they never share an event loop with the load generator. A child is
 * ready when it prints a JSON line `{"port":N,"msg":<readyMessage>}`; after
 * that its stdout is drained and discarded, unless `onOutput` takes it.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export const AMPARO_LISTENING = 'Amparo is listening';
export const BARE_LISTENING = 'bare server is listening';

const STOP_TIMEOUT_MS = 20_000;
const TAIL_CHARS = 4_000;

export interface ChildSpec {
  name: string;
  /** A TypeScript entry point, relative to cwd. */
  script: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  readyMessage: string;
  startTimeoutMs: number;
  /** Node options (after tsx's --import, so they may --import TypeScript), e.g. --max-semi-space-size=16. */
  nodeArgs?: readonly string[];
  /** Every chunk the child writes, stdout and stderr, from start to exit (e.g. to search its logs). */
  onOutput?: (chunk: string) => void;
}

export interface RunningChild {
  name: string;
  port: number;
  /** The node process itself (tsx is a loader in it, not a wrapper process). */
  pid: number | undefined;
  /** Set when the process ended before stop() was called. */
  unexpectedExit(): string | undefined;
  stop(): Promise<void>;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const live = new Set<() => Promise<void>>();

/** Stops every child still running (used on failure and on Ctrl-C). */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...live].map((stop) => stop()));
}

export function startChild(spec: ChildSpec): Promise<RunningChild> {
  const args = ['--import', 'tsx', ...(spec.nodeArgs ?? []), spec.script];
  const child = spawn(process.execPath, args, {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stopping = false;
  let early: string | undefined;
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => {
      early = `could not spawn: ${error.message}`;
      resolve({ code: null, signal: null });
    });
  });

  const stop = async () => {
    stopping = true;
    await terminate(child, exited);
    live.delete(stop);
  };
  live.add(stop);

  let stderrTail = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-TAIL_CHARS);
    spec.onOutput?.(chunk);
  });
  if (spec.onOutput) child.stdout.on('data', (chunk: string) => spec.onOutput?.(chunk));
  void exited.then((exit) => {
    if (!stopping) early ??= `exited (${describe(exit)})`;
  });

  return new Promise<RunningChild>((resolve, reject) => {
    let stdoutTail = '';
    let pending = '';
    let settled = false;
    const onData = (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        stdoutTail = `${stdoutTail}${line}\n`.slice(-TAIL_CHARS);
        const port = readyPort(line, spec.readyMessage);
        if (port === undefined) continue;
        // From here on the output is drained to nothing.
        child.stdout.off('data', onData);
        child.stdout.resume();
        finish(() =>
          resolve({
            name: spec.name,
            port,
            pid: child.pid,
            unexpectedExit: () => early && `${early}${stderrTail ? `: ${stderrTail.trim()}` : ''}`,
            stop: () => stop(),
          }),
        );
        return;
      }
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onData);

    const failStart = (reason: string) => {
      finish(() => {
        void stop().then(() => {
          const output = [stderrTail.trim(), stdoutTail.trim()].filter(Boolean).join('\n');
          reject(new Error(`${spec.name} did not start: ${reason}${output ? `\n${output}` : ''}`));
        });
      });
    };
    const timer = setTimeout(
      () => failStart(`no "${spec.readyMessage}" line within ${spec.startTimeoutMs / 1000} s`),
      spec.startTimeoutMs,
    );
    void exited.then((exit) => failStart(early ?? `exited (${describe(exit)})`));

    function finish(action: () => void) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    }
  });
}

/** SIGTERM, then SIGKILL if the process has not exited in time. */
async function terminate(child: ChildProcess, exited: Promise<Exit>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    await exited;
    return;
  }
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
  });
  const outcome = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

function readyPort(line: string, message: string): number | undefined {
  if (!line.includes(message)) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null) return undefined;
    const { port, msg } = value as { port?: unknown; msg?: unknown };
    return msg === message && typeof port === 'number' && port > 0 ? port : undefined;
  } catch {
    return undefined;
  }
}

function describe(exit: Exit): string {
  return exit.signal ? `signal ${exit.signal}` : `code ${String(exit.code)}`;
}
