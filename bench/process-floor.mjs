#!/usr/bin/env node
// The whole-process baseline for `pnpm bench`: walk a folder, read and JSON.parse every .json
// file, as a linter would at the very least. Prints the document count.
import fs from 'node:fs';
import path from 'node:path';

let n = 0;
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile() && e.name.endsWith('.json')) {
      JSON.parse(fs.readFileSync(p, 'utf8'));
      n++;
    }
  }
};
walk(process.argv[2]);
console.log(n);
