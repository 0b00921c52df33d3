/** What ran a benchmark: machine, runtime, package versions, commit and date. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { REPO_ROOT } from './paths.ts';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  platform: string;
  node: string;
  packages: Record<string, string>;
}

function installedVersion(name: string): string {
  try {
    const manifest = JSON.parse(readFileSync(resolve(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
    return manifest.version ?? 'unknown';
  } catch {
    return 'not installed';
  }
}

export function machineInfo(packageNames: readonly string[] = ['onnxruntime-node', '@lancedb/lancedb']): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    packages: Object.fromEntries(packageNames.map((name) => [name, installedVersion(name)])),
  };
}

/** The checked-out commit, marked "+dirty" when the working tree has uncommitted changes. */
export function currentCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${commit}+dirty` : commit;
  } catch {
    return 'unknown';
  }
}

export function describeMachine(info: MachineInfo): string {
  const packages = Object.entries(info.packages)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  return `${info.cores} cores (${info.cpuModel}), ${info.memoryGiB} GiB RAM, ${info.platform}, Node ${info.node}, ${packages}`;
}
