/**
 * Proves that nothing leaves the machine while Facet works: a real `facet import` and a `facet
 * search` (committed model, fixture BibTeX) run under `unshare -n strace -f -e trace=network` with
 * HOME pointed at a fresh folder. The test fails on any connect/sendto/sendmsg to an address other
 * than loopback or a local socket, and on any file ONNX Runtime's telemetry would leave under
 * $HOME/.cache/Microsoft/DeveloperTools/.onnxruntime/ (its event queue and device id).
 *
 * A control run loads onnxruntime-node directly, without Facet's switch, under the same harness
 * and must leave those files: that shows the runtime would collect here, so an empty folder after
 * Facet's runs is Facet's doing and not the runtime's own suppression (it stays quiet when it sees
 * a CI variable, which is why those are removed from the children's environment).
 *
 * Skips with a message where strace or unshare is missing or not permitted (ptrace or user
 * namespaces disabled), or where the committed model is absent.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src-main/core/data-dir.ts';
import { externalNetworkCalls } from '../support/strace-network.ts';
import { realModelDir } from '../unit/embed/model-fixture.ts';

const root = repoRoot();
const bin = path.join(root, 'bin', 'facet.mjs');
const fixture = path.join(root, 'test', 'fixtures', 'import', 'good.bib');
const model = realModelDir();

// Environment variables that make ONNX Runtime suppress telemetry on its own (it treats them as
// "running in CI"); left in place they would hide a missing switch.
const RUNTIME_QUIETING_VARIABLES = [
  'CI', 'TF_BUILD', 'GITHUB_ACTIONS', 'GITLAB_CI', 'CIRCLECI', 'TRAVIS', 'JENKINS_URL', 'CODEBUILD_BUILD_ID',
  'BUILDKITE', 'TEAMCITY_VERSION', 'APPVEYOR', 'BITBUCKET_BUILD_NUMBER', 'ORT_RUNNING_UNIT_TESTS', 'ORT_DISABLE_TELEMETRY',
];

function toolsMissing(): string {
  for (const [tool, args] of [['unshare', ['-n', 'true']], ['strace', ['-f', '-qq', '-e', 'trace=network', 'true']]] as const) {
    try {
      execFileSync(tool, [...args], { stdio: 'pipe', timeout: 20_000 });
    } catch (error) {
      const detail = (error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message;
      return `\`${tool} ${args.join(' ')}\` is not available or not permitted here (${detail.split('\n')[0]})`;
    }
  }
  try {
    execFileSync('unshare', ['-n', 'strace', '-qq', '-e', 'trace=network', 'true'], { stdio: 'pipe', timeout: 20_000 });
  } catch (error) {
    return `strace cannot run inside \`unshare -n\` here (${(error as Error).message.split('\n')[0]})`;
  }
  return '';
}

const skipReason = model.dir === null ? model.reason : toolsMissing();
const browserClient = path.join(root, 'test', 'integration', 'support', 'browser-mode-client.ts');

/** Browser mode needs loopback inside the namespace (`unshare -n` starts with lo down). */
function loopbackMissing(): string {
  if (skipReason) return skipReason;
  try {
    execFileSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up'], { stdio: 'pipe', timeout: 20_000 });
    return '';
  } catch (error) {
    return `cannot bring loopback up inside \`unshare -n\` (${(error as Error).message.split('\n')[0]})`;
  }
}
const browserSkipReason = loopbackMissing();

interface TracedRun {
  code: number;
  stdout: string;
  stderr: string;
  trace: string;
}

function childEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CACHE_HOME: path.join(home, '.cache'), NODE_OPTIONS: '' };
  for (const name of RUNTIME_QUIETING_VARIABLES) delete env[name];
  return env;
}

/**
 * Runs `node args…` with no network (unshare -n) under strace, HOME set to `home`; with
 * `loopback`, the namespace's loopback interface is brought up first (browser mode serves on it).
 */
function traced(home: string, traceFile: string, args: string[], loopback = false): Promise<TracedRun> {
  const strace = ['strace', '-f', '-qq', '-e', 'trace=network', '-o', traceFile, process.execPath, ...args];
  const command = loopback ? ['-n', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', ...strace] : ['-n', ...strace];
  return new Promise((resolve) => {
    execFile(
      'unshare',
      command,
      { cwd: root, env: childEnv(home), maxBuffer: 64 * 1024 * 1024, timeout: 240_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr, trace: fs.existsSync(traceFile) ? fs.readFileSync(traceFile, 'utf8') : '' });
      },
    );
  });
}

function runtimeCacheDir(home: string): string {
  return path.join(home, '.cache', 'Microsoft', 'DeveloperTools', '.onnxruntime');
}

/** Every file under `dir` (relative paths), for a message that says what was left. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

describe('reading strace network output', () => {
  it('lists calls to outside addresses and ignores loopback, local sockets and the kernel', () => {
    const trace = [
      '101 socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_IP) = 5',
      '101 connect(5, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.0.0.2")}, 16) = -1 ENETUNREACH (Network is unreachable)',
      '101 connect(6, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT (No such file or directory)',
      '101 connect(7, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
      '101 connect(8, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2603:1030::1", &sin6_addr), sin6_scope_id=0}, 28) = -1 ENETUNREACH',
      '101 connect(9, {sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0',
      '101 sendto(10, "\\1\\2", 2, 0, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("8.8.8.8")}, 16) = -1 ENETUNREACH',
      '101 sendto(11, {{len=20, type=RTM_GETADDR}}, 20, 0, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, 12) = 20',
      '101 sendto(12, "x", 1, MSG_NOSIGNAL, NULL, 0) = 1',
    ].join('\n');
    const external = externalNetworkCalls(trace);
    expect(external).toHaveLength(3);
    expect(external[0]).toContain('10.0.0.2');
    expect(external[1]).toContain('2603:1030::1');
    expect(external[2]).toContain('8.8.8.8');
  });
});

describe.skipIf(skipReason !== '')(`no telemetry and no network use${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-no-telemetry-'));
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the control: onnxruntime-node loaded without the switch starts collecting under HOME', async () => {
    const home = path.join(dir, 'control-home');
    fs.mkdirSync(home);
    const script = [
      `const ort = require(${JSON.stringify(path.join(root, 'node_modules', 'onnxruntime-node'))});`,
      `ort.InferenceSession.create(${JSON.stringify(path.join(model.dir!, 'model.onnx'))}).then(() => console.log('session ok'));`,
    ].join('\n');
    const run = await traced(home, path.join(dir, 'control.strace'), ['-e', script]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('session ok');
    expect(filesUnder(runtimeCacheDir(home)).length, 'ONNX Runtime left no telemetry files: this check can no longer tell').toBeGreaterThan(0);
  });

  it('a CLI import and a search reach no outside address and leave no runtime telemetry files', async () => {
    const home = path.join(dir, 'home');
    fs.mkdirSync(home);
    const dataDir = path.join(dir, 'data');

    const imported = await traced(home, path.join(dir, 'import.strace'), [bin, 'import', fixture, '--data-dir', dataDir, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout).added).toBeGreaterThan(0);

    const searched = await traced(home, path.join(dir, 'search.strace'), [bin, 'search', 'sentence embeddings', '--data-dir', dataDir, '--json']);
    expect(searched.code, searched.stderr).toBe(0);
    expect(searched.stdout.length).toBeGreaterThan(2);

    // The traces must really cover the runs (strace followed the worker threads that load the model).
    for (const run of [imported, searched]) expect(run.trace).toMatch(/\b(socket|socketpair|connect|bind)\(/);
    expect(externalNetworkCalls(imported.trace)).toEqual([]);
    expect(externalNetworkCalls(searched.trace)).toEqual([]);
    expect(filesUnder(runtimeCacheDir(home))).toEqual([]);
    expect(filesUnder(path.join(home, '.cache')).filter((file) => /microsoft|onnxruntime/i.test(file))).toEqual([]);
  });
});

describe.skipIf(browserSkipReason !== '')(`no telemetry in browser mode${browserSkipReason ? ` (skipped: ${browserSkipReason})` : ''}`, () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-no-telemetry-serve-'));
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the bridge server importing and searching over its WebSocket talks only to loopback and leaves no runtime telemetry files', async () => {
    const home = path.join(dir, 'home');
    fs.mkdirSync(home);
    const run = await traced(home, path.join(dir, 'serve.strace'), ['--import', 'tsx', browserClient, path.join(dir, 'data'), fixture], true);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { added: number; hits: number; serverExit: number | null };
    expect(result.added).toBeGreaterThan(0);
    expect(result.hits).toBeGreaterThan(0);
    expect(result.serverExit).toBe(0);
    // The client's connection to the bridge is in the trace (so strace saw the traffic), on loopback.
    expect(run.trace).toMatch(/connect\(\d+, \{sa_family=AF_INET, sin_port=htons\(\d+\), sin_addr=inet_addr\("127\.0\.0\.1"\)/);
    expect(externalNetworkCalls(run.trace)).toEqual([]);
    expect(filesUnder(runtimeCacheDir(home))).toEqual([]);
    expect(filesUnder(path.join(home, '.cache')).filter((file) => /microsoft|onnxruntime/i.test(file))).toEqual([]);
  });
});
