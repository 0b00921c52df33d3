#!/usr/bin/env node
// The `facet` command: the compiled CLI in out/node when it is built and current, else the
// TypeScript sources through tsx (see node-entry.mjs).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importEntry } from './node-entry.mjs';

await importEntry(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), 'cli');
