/**
 * The aspects are one list: a fifth aspect added to a list flows through every type and value
 * derived from it (terms, the request schema, packed vectors, labelled tabs) with no other edit.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { aspectSchemaOf } from '../../../src-main/common/contract-fields.ts';
import { emptyAspectTerms, type AspectTerms, type AspectTermsOf } from '../../../src-main/common/contract-papers.ts';
import { ASPECTS, TERM_ASPECTS, labelledAspects, termAspectsOf, type Aspect, type TermAspect } from '../../../src-main/common/vocabulary.ts';
import type { PackedVectors, PackedVectorsOf } from '../../../src-main/core/embed/worker-protocol.ts';

const FIVE_ASPECTS = ['generic', 'task', 'method', 'dataset', 'venue'] as const;
type FiveAspect = (typeof FIVE_ASPECTS)[number];

describe('aspects as one list', () => {
  it('derives the term-carrying aspects and empty terms from the list', () => {
    const termAspects = termAspectsOf(FIVE_ASPECTS);
    expect(termAspects).toEqual(['task', 'method', 'dataset', 'venue']);
    expectTypeOf(termAspects).toEqualTypeOf<('task' | 'method' | 'dataset' | 'venue')[]>();
    const terms = emptyAspectTerms(termAspects);
    expect(terms).toEqual({ task: [], method: [], dataset: [], venue: [] });
    expectTypeOf(terms).toEqualTypeOf<AspectTermsOf<FiveAspect>>();
    expectTypeOf<AspectTermsOf<FiveAspect>>().toEqualTypeOf<{ task: string[]; method: string[]; dataset: string[]; venue: string[] }>();
  });

  it('builds the request field for an aspect from the list', () => {
    const schema = aspectSchemaOf(FIVE_ASPECTS);
    expectTypeOf<z.output<typeof schema>>().toEqualTypeOf<FiveAspect>();
    expect(schema.parse('venue')).toBe('venue');
    expect(schema.safeParse('colour').success).toBe(false);
  });

  it('sizes packed vectors and labelled tabs by the list', () => {
    expectTypeOf<keyof PackedVectorsOf<FiveAspect>>().toEqualTypeOf<FiveAspect>();
    const labels = { generic: 'Overall', task: 'Task', method: 'Method', dataset: 'Dataset', venue: 'Venue' } as const;
    expect(labelledAspects(FIVE_ASPECTS, labels).map((tab) => tab.label)).toEqual(['Overall', 'Task', 'Method', 'Dataset', 'Venue']);
  });

  it('gives the model four aspects, three with terms, by the same derivations', () => {
    expectTypeOf<keyof PackedVectors>().toEqualTypeOf<Aspect>();
    expectTypeOf<keyof AspectTerms>().toEqualTypeOf<TermAspect>();
    expect(emptyAspectTerms(TERM_ASPECTS)).toEqual({ task: [], method: [], dataset: [] });
    expect(termAspectsOf(ASPECTS)).toEqual([...TERM_ASPECTS]);
  });
});
