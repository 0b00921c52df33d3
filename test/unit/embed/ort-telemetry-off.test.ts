import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { ORT_TELEMETRY_ENV, assertOrtTelemetryOff } from '../../../src-main/core/embed/ort-telemetry-off.ts';
import { workerEntry } from '../../../src-main/core/embed/index.ts';
import { realModelDir } from './model-fixture.ts';

/** Starts the real embed worker entry with `env` and resolves with its first message or error. */
function startWorker(env: NodeJS.ProcessEnv, modelDir: string): Promise<{ message?: { type: string }; error?: Error }> {
  const worker = new Worker(workerEntry(), { workerData: { modelDir }, execArgv: [], env });
  return new Promise((resolve) => {
    worker.once('message', (message: { type: string }) => resolve({ message }));
    worker.once('error', (error) => resolve({ error }));
  }).finally(() => worker.terminate()) as Promise<{ message?: { type: string }; error?: Error }>;
}

const model = realModelDir();

describe('ONNX Runtime telemetry switch', () => {
  it('sets the runtime variable in the main thread when imported', () => {
    expect(process.env[ORT_TELEMETRY_ENV]).toBe('1');
    expect(() => assertOrtTelemetryOff()).not.toThrow();
  });

  it('an embed worker whose environment lacks the switch refuses to load the runtime', async () => {
    const env = { ...process.env };
    delete env[ORT_TELEMETRY_ENV];
    const outcome = await startWorker(env, model.dir ?? '/nonexistent');
    expect(outcome.message).toBeUndefined();
    expect(outcome.error?.message).toMatch(/ONNX Runtime telemetry could not be turned off/);
  });

  it.skipIf(model.dir === null)(`an embed worker started from this thread loads the model${model.dir === null ? ` (skipped: ${model.reason})` : ''}`, async () => {
    const outcome = await startWorker({ ...process.env }, model.dir!);
    expect(outcome.error).toBeUndefined();
    expect(outcome.message?.type).toBe('ready');
  });
});
