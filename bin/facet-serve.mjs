#!/usr/bin/env node
// Browser mode (`npm run serve -- [options]`): the compiled server in out/node when it is built
// and current, else the TypeScript sources through tsx (see node-entry.mjs).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importEntry } from './node-entry.mjs';

const serve = await importEntry(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), 'serve');
serve.runServe();
