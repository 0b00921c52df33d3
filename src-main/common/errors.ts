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

  /** Any thrown value as a wire error; unknown errors keep their message but become INTERNAL. */
  static toWire(error: unknown): WireError {
    if (error instanceof FacetError) return error.toWire();
    const message = error instanceof Error ? error.message : String(error);
    return { code: 'INTERNAL', message };
  }
}
