/**
 * The committed model, for tests that need the real ONNX graph. Returns null (and the reason) when
 * resources/models holds no model yet, so those tests skip with a message instead of failing.
 */
import { resolveModelDir } from '../../../src-main/core/data-dir.ts';

export function realModelDir(): { dir: string | null; reason: string } {
  try {
    return { dir: resolveModelDir(), reason: '' };
  } catch (error) {
    return { dir: null, reason: (error as Error).message };
  }
}
