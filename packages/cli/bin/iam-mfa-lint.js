#!/usr/bin/env node
// CommonJS (bin/package.json): an ES module entry costs Node's module loader more at start-up.
require('../dist/bin.cjs');
