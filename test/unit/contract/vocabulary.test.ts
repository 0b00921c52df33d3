/**
 * The vocabulary (plain data) and the contract's schemas name the same requests and events, so
 * neither can drift from the other: the transports loop over the vocabulary, the schemas validate.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { requestSchemas, type EventPayloads, type RequestResults } from '../../../src-main/common/contract.ts';
import { dialogArgSchemas, rendererRequestSchemas } from '../../../src-main/common/contract-renderer.ts';
import {
  ASPECTS,
  ASPECT_LABELS,
  DIALOG_NAMES,
  EVENT_NAMES,
  RENDERER_REQUEST_NAMES,
  REQUEST_NAMES,
  TERM_ASPECTS,
  type EventName,
  type RequestName,
} from '../../../src-main/common/vocabulary.ts';

describe('contract vocabulary', () => {
  it('names exactly the requests the contract has schemas for, in the same order', () => {
    expect([...REQUEST_NAMES]).toEqual(Object.keys(requestSchemas));
    expect(new Set(REQUEST_NAMES).size).toBe(REQUEST_NAMES.length);
    expectTypeOf<keyof typeof requestSchemas>().toEqualTypeOf<RequestName>();
    expectTypeOf<keyof RequestResults>().toEqualTypeOf<RequestName>();
  });

  it('names exactly the renderer requests and dialogs the renderer contract has schemas for', () => {
    expect([...RENDERER_REQUEST_NAMES]).toEqual(Object.keys(rendererRequestSchemas));
    expect([...DIALOG_NAMES]).toEqual(Object.keys(dialogArgSchemas));
  });

  it('names exactly the events the contract has payloads for, each once', () => {
    expectTypeOf<keyof EventPayloads>().toEqualTypeOf<EventName>();
    expect(new Set(EVENT_NAMES).size).toBe(EVENT_NAMES.length);
    for (const name of EVENT_NAMES) expect(name).toMatch(/^[a-z]+\.onDid[A-Z][A-Za-z]+$/);
  });

  it('labels every aspect and lists the term-carrying ones after the generic', () => {
    expect(Object.keys(ASPECT_LABELS)).toEqual([...ASPECTS]);
    expect(ASPECT_LABELS.generic).toBe('Overall');
    expect([...TERM_ASPECTS]).toEqual(['task', 'method', 'dataset']);
  });
});
