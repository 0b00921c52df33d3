/**
 * The error shape every transport carries back to its caller, and the error the core throws.
 * Zod-free, so every layer and transport may import it at run time.
 */
import type { ErrorCode } from './vocabulary.ts';

/** The serialisable error every transport carries back to the caller. */
export interface WireError {
  code: ErrorCode;
  message: string;
}

export class FacetError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** `cause`: the underlying error, kept for logs; only `message` travels to the caller. */
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'FacetError';
  }

  toWire(): WireError {
    return { code: this.code, message: this.message };
  }

  static fromWire(wire: WireError): FacetError {
    return new FacetError(wire.code, wire.message);
  }

  /**
   * Any thrown value as a wire error. Errors of Facet's own code become INTERNAL with their
   * message; an error raised inside a dependency (thirdPartyOrigin) is never quoted to the
   * person: its text is for the log, and the caller gets a sentence in Facet's words.
   */
  static toWire(error: unknown): WireError {
    if (error instanceof FacetError) return error.toWire();
    const origin = thirdPartyOrigin(error);
    if (origin !== null) return { code: 'INTERNAL', message: internalFailureMessage(origin) };
    const message = error instanceof Error ? error.message : String(error);
    return { code: 'INTERNAL', message };
  }
}

/** A thrown value in full, for a log: its stack where it has one. */
export function errorDetail(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** What a person reads when a dependency failed; `detailsAt` says where the raw error went. */
export function internalFailureMessage(origin: string, detailsAt = "the details are in Facet's log"): string {
  return `Facet hit an internal error in ${COMPONENTS[origin] ?? `a component it uses (${origin})`}; ${detailsAt}. Try again, and restart Facet if it keeps happening.`;
}

const COMPONENTS: Readonly<Record<string, string>> = {
  '@lancedb/lancedb': 'its paper storage (LanceDB)',
  'apache-arrow': 'its paper storage (Arrow)',
  'onnxruntime-node': 'its model runtime (ONNX Runtime)',
};

/** Texts only LanceDB's native core writes: its error prefix, Rust source locations, N-API statuses. */
const LANCE_NATIVE_TEXT = /\blance error\b|\blance(?:db)?::|\.rs:\d+:\d+|\bGenericFailure\b|\bdatafusion\b/i;

/**
 * The dependency a thrown value came from, or null for Facet's own errors (and plain values).
 * LanceDB's native errors carry no JavaScript frames, so they are known by their text; others by
 * their first stack frame in a file, when that lies under node_modules.
 */
export function thirdPartyOrigin(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  if (LANCE_NATIVE_TEXT.test(error.message)) return '@lancedb/lancedb';
  // The first frame in a file: V8's builtins (<anonymous>) and Node's own modules (node:…) are
  // passed over, so an error is placed where code of Facet or of a package called them.
  const frame = (error.stack ?? '').split('\n').find((line) => /^\s+at /.test(line) && /[\\/]/.test(line) && !/\(node:|at node:/.test(line));
  const inPackage = frame === undefined ? null : /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(frame);
  return inPackage ? inPackage[1]!.replace(/\\/g, '/') : null;
}
