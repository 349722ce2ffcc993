#!/usr/bin/env node
// Generates packages/core/src/model/generated/*.ts from schemas/*.schema.json with
// json-schema-to-typescript. With --check, fails (exit 1) when the committed files are stale.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const targets = [
  { schema: 'schemas/iam-policy.schema.json', out: 'packages/core/src/model/generated/iam-policy.ts' },
];
const check = process.argv.includes('--check');
let stale = 0;
for (const { schema, out } of targets) {
  const json = JSON.parse(readFileSync(join(root, schema), 'utf8'));
  const ts = await compile(json, json.title, {
    bannerComment: `/* eslint-disable */\n/**\n * Generated from ${schema} by scripts/gen-types.mjs (json-schema-to-typescript).\n * Do not edit by hand: change the schema and run \`pnpm gen:types\`.\n */`,
    additionalProperties: false,
    unreachableDefinitions: true,
    style: { singleQuote: true },
  });
  emit(out, ts);
  // The schema itself, as a module the core can import wherever it runs (no file system).
  emit(out.replace(/\.ts$/, '.schema.ts'), `/* eslint-disable */\n// Generated from ${schema} by scripts/gen-types.mjs. Do not edit by hand.\nconst schema = ${JSON.stringify(json, null, 2)} as const;\nexport default schema;\n`);
}

function emit(out, ts) {
  const path = join(root, out);
  let current = null;
  try { current = readFileSync(path, 'utf8'); } catch { /* missing */ }
  if (current === ts) return;
  if (check) {
    console.error(`${out} is stale: it does not match its schema in schemas/. Run \`pnpm gen:types\` and commit the result.`);
    stale++;
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, ts);
    console.log(`wrote ${out}`);
  }
}
if (stale) process.exit(1);
if (check) console.log('generated types are up to date');
