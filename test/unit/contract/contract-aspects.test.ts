import { describe, expect, it } from 'vitest';
import { FacetError, parseRequest, REQUEST_NAMES } from '../../../src-main/common/contract.ts';

describe('papers.crossAspect and papers.compare in the contract', () => {
  it('are requests of the one contract', () => {
    expect(REQUEST_NAMES).toEqual(expect.arrayContaining(['papers.crossAspect', 'papers.compare']));
  });

  it('fill k and check the two aspects', () => {
    expect(parseRequest('papers.crossAspect', { id: 'p1', aspect: 'method', unlike: 'task' })).toEqual({ id: 'p1', aspect: 'method', unlike: 'task', k: 10 });
    expect(() => parseRequest('papers.crossAspect', { id: 'p1', aspect: 'task', unlike: 'task' })).toThrow(/papers\.crossAspect: unlike: must differ from aspect/);
    expect(() => parseRequest('papers.crossAspect', { id: 'p1', aspect: 'method', unlike: 'colour' })).toThrow(FacetError);
    expect(() => parseRequest('papers.crossAspect', { id: 'p1', aspect: 'method', unlike: 'task', k: 201 })).toThrow(/k:/);
  });

  it('compare takes two different ids', () => {
    expect(parseRequest('papers.compare', { a: 'p1', b: 'p2' })).toEqual({ a: 'p1', b: 'p2' });
    expect(() => parseRequest('papers.compare', { a: 'p1', b: 'p1' })).toThrow(/papers\.compare: b: compare two different papers/);
    expect(() => parseRequest('papers.compare', { a: 'p1' })).toThrow(/b:/);
  });
});
