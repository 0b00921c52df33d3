/**
 * Turns ONNX Runtime's telemetry off for this process. Import it (for its side effect) before
 * anything that loads onnxruntime-node: every entry point does so as its first import, and
 * onnx-embedder.ts does as well, so the order holds even for a new entry that forgets. The
 * embedder loads onnxruntime-node only when it creates its session (a dynamic import after
 * assertOrtTelemetryOff), so a bundler that hoists static imports cannot reorder the two.
 *
 * Why an environment variable: onnxruntime-node's JavaScript API has no telemetry switch. Its
 * Linux and macOS builds (1.29 on) collect usage events through Microsoft's 1DS client, keep them
 * under ~/.cache/Microsoft/DeveloperTools/.onnxruntime/ (an event database and a device id) and
 * upload them to mobile.events.data.microsoft.com. The native runtime reads ORT_DISABLE_TELEMETRY
 * from the process environment when it sets itself up; with "1" it creates no uploader, no device
 * id and no event queue (checked on the installed 1.30.0: test/integration/no-telemetry.test.ts).
 *
 * Why the main thread: native code reads the real process environment, and in a worker thread
 * `process.env` is a private copy whose writes never reach it. So the variable is set here, on
 * the main thread, before any worker starts; a worker inherits a copy of the main thread's
 * environment, and a worker importing this module checks that copy (assertOrtTelemetryOff) and
 * fails to start, before onnxruntime-node is evaluated, when the variable is missing.
 */
import { isMainThread } from 'node:worker_threads';
import { FacetError } from '../../common/contract.ts';

export const ORT_TELEMETRY_ENV = 'ORT_DISABLE_TELEMETRY';

/**
 * Throws unless the process environment has telemetry off. In a worker thread this means the
 * main thread imported this module before starting the worker; without it the runtime would
 * collect events, so the worker refuses to load it.
 */
export function assertOrtTelemetryOff(): void {
  if (process.env[ORT_TELEMETRY_ENV] !== '1') {
    throw new FacetError(
      'MODEL',
      'ONNX Runtime telemetry could not be turned off in this thread (the process that started it did not set it off first); the model is not loaded',
    );
  }
}

if (isMainThread) process.env[ORT_TELEMETRY_ENV] = '1';
else assertOrtTelemetryOff();
