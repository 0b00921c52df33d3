/**
 * What the CLI prints for a failed command: Facet's own message; for an error raised inside a
 * dependency, a sentence in Facet's words, with the raw error only when FACET_DEBUG=1 asks for it.
 * An unexpected error of Facet's own code keeps its stack, which is what a bug report needs.
 */
import { errorDetail, FacetError, internalFailureMessage, thirdPartyOrigin } from '../../common/contract.ts';

export function failureText(error: unknown, debug: boolean): string {
  if (error instanceof FacetError) return error.message;
  const raw = errorDetail(error);
  const origin = thirdPartyOrigin(error);
  if (origin === null) return raw;
  return `${internalFailureMessage(origin, 'FACET_DEBUG=1 prints the details')}${debug ? `\n${raw}` : ''}`;
}
