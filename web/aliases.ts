/**
 * The web's names for the parts of src it shares (the pure domain and the API contract), for Vite and Vitest;
 * web/tsconfig.json's `paths` say the same to TypeScript.
 */
import { fileURLToPath } from 'node:url';

const src = (folder: string) => fileURLToPath(new URL(`../src/${folder}`, import.meta.url));

export const aliases = [
  { find: /^@assay\/domain$/, replacement: `${src('domain')}/index.ts` },
  { find: /^@assay\/domain\//, replacement: `${src('domain')}/` },
  { find: /^@assay\/contract$/, replacement: `${src('contract')}/index.ts` },
  { find: /^@assay\/contract\//, replacement: `${src('contract')}/` },
];
