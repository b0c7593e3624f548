#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm install` through the prepare script).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/entry.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('assay: dist/ is missing; run `npm install` (or `npm run build`) in the Assay folder first.\n');
  process.exit(70);
}
await import(entry.href);
