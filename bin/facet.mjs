#!/usr/bin/env node
// The `facet` command. Facet's Node code is TypeScript run without a build step, so this entry
// registers tsx's loader and then runs src-main/node/cli.ts.
import { register } from 'tsx/esm/api';

register();
await import('../src-main/node/cli.ts');
