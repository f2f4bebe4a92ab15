import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * Runs `code` in a second Node process writing the same SQLite file (DB_FILE), until STOP_FILE appears. It prints
 * `ready` once it is writing and a JSON summary as its last line; `done` answers that summary.
 */
export function startOtherProcess<T>(code: string, file: string, stopFile: string, label: string) {
  const child = spawn(process.execPath, ['-e', code], {
    env: {
      ...process.env,
      SQLITE_MODULE: createRequire(import.meta.url).resolve('better-sqlite3'),
      DB_FILE: file,
      STOP_FILE: stopFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const ready = new Promise<void>((ok, fail) => {
    child.stdout.on('data', () => out.includes('ready') && ok());
    child.on('exit', () => fail(new Error(`${label} exited before ready: ${err}`)));
  });
  const done = new Promise<T>((ok, fail) =>
    child.on('exit', (exit) =>
      exit === 0
        ? ok(JSON.parse(out.trim().split('\n').at(-1)!) as T)
        : fail(new Error(`${label} failed (${exit}): ${err}`)),
    ),
  );
  return { ready, done, child };
}
