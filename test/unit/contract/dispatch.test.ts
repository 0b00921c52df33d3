/** The one request dispatch every transport uses: parse with a contract, then call the handler. */
import { describe, expect, it } from 'vitest';
import { FacetError, REQUEST_NAMES, parseRequest, type FacetHandlers } from '../../../src-main/common/contract.ts';
import { callRequest, dispatchRequest } from '../../../src-main/common/dispatch.ts';

function handlersWith(overrides: Partial<Record<string, (args: never) => Promise<unknown>>>): FacetHandlers {
  const handlers: Record<string, (args: unknown) => Promise<unknown>> = {};
  for (const name of REQUEST_NAMES) handlers[name] = async (args) => ({ name, args });
  return { ...handlers, ...overrides } as unknown as FacetHandlers;
}

describe('dispatchRequest', () => {
  it('calls the named handler with the parsed arguments, defaults filled in', async () => {
    const reply = await dispatchRequest(parseRequest, handlersWith({}), 'papers.search', { query: 'contrastive' });
    expect(reply).toEqual({ ok: true, value: { name: 'papers.search', args: { query: 'contrastive', mode: 'hybrid', limit: 20 } } });
  });

  it('answers an unknown name and bad arguments with BAD_REQUEST, without calling a handler', async () => {
    let called = 0;
    const getHandlers = () => {
      called += 1;
      return handlersWith({});
    };
    const unknown = await dispatchRequest(parseRequest, getHandlers, 'papers.nope', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: 'unknown request "papers.nope"' } });
    const bad = await dispatchRequest(parseRequest, getHandlers, 'papers.similar', { id: 'p1', aspect: 'colour' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/^papers\.similar: aspect: /);
    expect(called).toBe(0);
  });

  it('maps handler failures to the wire shape and keeps what was thrown', async () => {
    const notFound = new FacetError('NOT_FOUND', 'no paper p9');
    const crash = new TypeError('boom');
    const handlers = handlersWith({ 'papers.get': async () => Promise.reject(notFound), 'papers.list': async () => Promise.reject(crash) });
    expect(await dispatchRequest(parseRequest, handlers, 'papers.get', { id: 'p9' })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no paper p9' }, thrown: notFound });
    expect(await dispatchRequest(parseRequest, handlers, 'papers.list', {})).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'boom' }, thrown: crash });
  });

  it('answers a handler getter that throws like any other error', async () => {
    const reply = await dispatchRequest(parseRequest, () => { throw new FacetError('BUSY', 'no library open'); }, 'library.stats', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'BUSY', message: 'no library open' } });
  });
});

describe('callRequest', () => {
  it('resolves with the result and rethrows the very error that failed', async () => {
    const notFound = new FacetError('NOT_FOUND', 'no paper p9');
    const handlers = handlersWith({ 'papers.get': async () => Promise.reject(notFound) });
    await expect(callRequest(handlers, 'papers.list', {})).resolves.toEqual({ name: 'papers.list', args: { offset: 0, limit: 100, sort: 'imported' } });
    await expect(callRequest(handlers, 'papers.get', { id: 'p9' })).rejects.toBe(notFound);
    await expect(callRequest(handlers, 'papers.get', { id: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
