/**
 * The renderer's contract has no field that could carry a file-system path, checked on the schemas
 * themselves, while the core's contract (the CLI's) keeps its path fields.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { requestSchemas } from '../../../src-main/common/contract.ts';
import { RENDERER_REQUEST_NAMES, parseRendererRequest, rendererRequestSchemas } from '../../../src-main/common/contract-renderer.ts';

/** Every object key anywhere inside a schema, as dotted paths. */
function fieldPaths(schema: z.ZodType, prefix = ''): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      return Object.entries(shape).flatMap(([key, inner]) => [`${prefix}${key}`, ...fieldPaths(inner, `${prefix}${key}.`)]);
    }
    case 'union':
      return (def.options as z.ZodType[]).flatMap((option) => fieldPaths(option, prefix));
    case 'array':
      return fieldPaths(def.element as z.ZodType, `${prefix}[].`);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      return fieldPaths(def.innerType as z.ZodType, prefix);
    case 'pipe':
      return [...fieldPaths(def.in as z.ZodType, prefix), ...fieldPaths(def.out as z.ZodType, prefix)];
    default:
      return [];
  }
}

const PATH_LIKE = /(^|\.)(path|dataDir|dir|file|folder)$/i;

describe('renderer contract', () => {
  it('has no field named like a path in any renderer request', () => {
    for (const name of RENDERER_REQUEST_NAMES) {
      const fields = fieldPaths(rendererRequestSchemas[name]);
      expect(fields.filter((field) => PATH_LIKE.test(field)), name).toEqual([]);
    }
    // The walk does reach into unions and arrays: the grant fields are found.
    expect(fieldPaths(rendererRequestSchemas['import.run'])).toContain('sources.[].grant');
    expect(fieldPaths(rendererRequestSchemas['export.run'])).toContain('saveTo.grant');
  });

  it('the walker does find the path fields of the core contract the CLI uses', () => {
    expect(fieldPaths(requestSchemas['export.run'])).toContain('path');
    expect(fieldPaths(requestSchemas['import.run'])).toContain('sources.[].path');
    expect(fieldPaths(requestSchemas['library.import'])).toEqual(expect.arrayContaining(['source.path', 'source.dataDir']));
  });

  it('has every core request, with the same schema where no file is involved', () => {
    for (const name of Object.keys(requestSchemas) as Array<keyof typeof requestSchemas>) {
      expect(RENDERER_REQUEST_NAMES).toContain(name);
      if (!['import.run', 'export.run', 'library.import'].includes(name)) expect(rendererRequestSchemas[name]).toBe(requestSchemas[name]);
    }
  });

  it('refuses paths and unknown fields with BAD_REQUEST naming the request', () => {
    expect(() => parseRendererRequest('export.run', { format: 'bibtex', selection: { kind: 'ids', ids: ['a'] }, path: '/tmp/x' })).toThrow(/^export\.run: .*path/);
    expect(() => parseRendererRequest('import.run', { sources: [{ kind: 'file', path: '/etc/passwd' }] })).toThrow(/^import\.run: sources\.0/);
    expect(() => parseRendererRequest('library.import', { source: { kind: 'pdf-folder', path: '/' } })).toThrow(/^library\.import: source/);
    expect(() => parseRendererRequest('import.run', { sources: [{ kind: 'grant', grant: '../../etc/passwd' }] })).toThrow(/grant id the app issued/);
  });

  it('accepts text, grants and exports without a target', () => {
    const grant = 'A'.repeat(43);
    expect(parseRendererRequest('import.run', { sources: [{ kind: 'grant', grant }, { kind: 'text', name: 'x', text: 'y' }] }).sources).toHaveLength(2);
    expect(parseRendererRequest('library.import', { source: { kind: 'zotero', grant } }).source).toEqual({ kind: 'zotero', grant, full: false });
    expect(parseRendererRequest('export.run', { format: 'markdown', selection: { kind: 'reading' } })).toEqual({ format: 'markdown', selection: { kind: 'reading' } });
    expect(parseRendererRequest('grants.list', undefined)).toEqual({});
  });
});
