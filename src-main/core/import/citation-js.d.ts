// citation.js ships no type declarations; these cover the small part of its plugin API that the
// BibTeX and RIS importers call (see node_modules/@citation-js/core/lib/plugins/input/data.js).
declare module '@citation-js/core' {
  export const plugins: {
    input: {
      /** Runs the one parser registered for `type` on `input`; throws on malformed input. */
      data(input: unknown, type: string): unknown;
    };
  };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
