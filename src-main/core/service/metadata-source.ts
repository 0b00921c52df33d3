/**
 * The MetadataFetcher the service uses, made only when the library's settings allow network use.
 * Base URLs (and timing) can be overridden for tests and mirrors: through openFacet's
 * `metadataFetch` option, or the FACET_ARXIV_API_URL / FACET_CROSSREF_API_URL environment
 * variables (the CLI and the bridge pass the environment). None of this is exposed to the UI.
 */
import { MetadataFetcher, type MetadataFetcherOptions } from '../library/index.ts';
import { readSettings } from './settings-file.ts';

export const ARXIV_API_ENV = 'FACET_ARXIV_API_URL';
export const CROSSREF_API_ENV = 'FACET_CROSSREF_API_URL';

/** What may be overridden: where the APIs are and how requests are paced and retried. */
export type MetadataFetchOverrides = Partial<
  Pick<MetadataFetcherOptions, 'arxivApiUrl' | 'crossrefApiUrl' | 'arxivIntervalMs' | 'crossrefIntervalMs' | 'maxRetries' | 'backoffMs' | 'timeoutMs'>
>;

/** Base-URL overrides from the environment (empty values are ignored). */
export function metadataOverridesFromEnv(env: NodeJS.ProcessEnv = process.env): MetadataFetchOverrides {
  const overrides: MetadataFetchOverrides = {};
  const arxiv = env[ARXIV_API_ENV];
  const crossref = env[CROSSREF_API_ENV];
  if (arxiv) overrides.arxivApiUrl = arxiv;
  if (crossref) overrides.crossrefApiUrl = crossref;
  return overrides;
}

/** A fetcher when the settings allow network use, else undefined (nothing may reach the network). */
export function metadataFetcherFor(dataDir: string, overrides: MetadataFetchOverrides, signal: AbortSignal): MetadataFetcher | undefined {
  const settings = readSettings(dataDir);
  if (!settings.allowNetwork) return undefined;
  return new MetadataFetcher({
    ...overrides,
    allowNetwork: true,
    signal,
    ...(settings.crossrefMailto ? { mailto: settings.crossrefMailto } : {}),
  });
}
