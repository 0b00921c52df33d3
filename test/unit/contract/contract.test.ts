import { describe, expect, it } from 'vitest';
import {
  EVENT_NAMES,
  FacetError,
  REQUEST_NAMES,
  isEventName,
  isRequestName,
  parseRequest,
  requestSchemas,
} from '../../../src-main/common/contract.ts';

describe('contract', () => {
  it('names every request once and exposes the names list', () => {
    expect(new Set(REQUEST_NAMES).size).toBe(REQUEST_NAMES.length);
    expect([...REQUEST_NAMES].sort()).toEqual(Object.keys(requestSchemas).sort());
    expect(isRequestName('papers.similar')).toBe(true);
    expect(isRequestName('toString')).toBe(false);
    expect(isRequestName('__proto__')).toBe(false);
  });

  it('names events onDid…', () => {
    for (const name of EVENT_NAMES) {
      expect(name).toMatch(/\.onDid[A-Z]/);
      expect(isEventName(name)).toBe(true);
    }
    expect(isEventName('import.progress')).toBe(false);
  });

  it('fills defaults for valid arguments', () => {
    expect(parseRequest('papers.similar', { id: 'p1', aspect: 'method' })).toEqual({ id: 'p1', aspect: 'method', k: 10 });
    expect(parseRequest('papers.list', undefined)).toEqual({ offset: 0, limit: 100, sort: 'imported' });
    expect(parseRequest('library.stats', undefined)).toEqual({});
  });

  it('rejects unknown requests and bad arguments with BAD_REQUEST naming the field', () => {
    expect(() => parseRequest('papers.drop', {})).toThrowError(/unknown request "papers.drop"/);
    try {
      parseRequest('papers.similar', { id: 'p1', aspect: 'colour', k: 5 });
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(FacetError);
      expect((error as FacetError).code).toBe('BAD_REQUEST');
      expect((error as FacetError).message).toMatch(/papers\.similar: aspect/);
    }
    expect(() => parseRequest('papers.list', { limit: 0 })).toThrowError(/limit/);
    expect(() => parseRequest('import.run', { sources: [{ kind: 'url', href: 'x' }] })).toThrowError(/sources/);
  });

  it('round-trips errors over the wire and hides nothing from the caller', () => {
    const wire = new FacetError('NOT_FOUND', 'no paper "x"').toWire();
    expect(FacetError.fromWire(wire)).toMatchObject({ code: 'NOT_FOUND', message: 'no paper "x"' });
    expect(FacetError.toWire(new Error('disk full'))).toEqual({ code: 'INTERNAL', message: 'disk full' });
    expect(FacetError.toWire('plain')).toEqual({ code: 'INTERNAL', message: 'plain' });
  });
});
