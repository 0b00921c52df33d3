/** Whole-process timings: a command run under /usr/bin/time, wall clock from spawn to exit. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export const GNU_TIME = '/usr/bin/time';

export interface ProcessRun {
  wallMs: number;
  userS: number | null;
  systemS: number | null;
  peakRssMiB: number | null;
  code: number;
  stdout: string;
  stderr: string;
}

const MARK = 'FACET-BENCH-TIME';

/** Runs `command args` (under /usr/bin/time when installed, for CPU time and peak RSS); never throws for a failing command. */
export function timedProcess(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<ProcessRun> {
  const timed = existsSync(GNU_TIME);
  const file = timed ? GNU_TIME : command;
  const argv = timed ? ['-f', `${MARK} %U %S %M`, command, ...args] : [...args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, { cwd: options.cwd, env: { ...process.env, NODE_OPTIONS: '', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const line = stderr.split('\n').find((l) => l.startsWith(MARK));
      const [, user, system, rssKb] = line ? line.split(' ') : [];
      resolve({
        wallMs,
        userS: user !== undefined ? Number(user) : null,
        systemS: system !== undefined ? Number(system) : null,
        peakRssMiB: rssKb !== undefined ? Number(rssKb) / 1024 : null,
        code: code ?? 1,
        stdout,
        stderr: stderr.split('\n').filter((l) => !l.startsWith(MARK)).join('\n'),
      });
    });
  });
}
