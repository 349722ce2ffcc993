#!/usr/bin/env node
// Serves the built playground (dist/) on 127.0.0.1 for development and for the end-to-end test.
// Static files only; the site itself has no server code and deploys as plain files.
//   node scripts/serve.mjs [--port N]     (default 5178; 0 picks a free port)
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
};

export const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/** Starts a static server for `root`; resolves to the server and its base URL. */
export function startServer(root = DIST, port = 0) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    let ok = false;
    try {
      ok = (file + sep).startsWith(root.endsWith(sep) ? root : root + sep) && statSync(file).isFile();
    } catch {
      ok = false;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
    } else if (!ok) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    } else {
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/` });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 5178;
  try {
    statSync(join(DIST, 'index.html'));
  } catch {
    console.error(`playground: ${join(DIST, 'index.html')} is missing; run pnpm build first`);
    process.exit(2);
  }
  startServer(DIST, port).then(
    ({ url }) => console.log(`iam-mfa-lint playground: ${url} (Ctrl-C stops)`),
    (error) => {
      console.error(`playground: cannot listen on 127.0.0.1:${port}: ${error.message}`);
      process.exit(2);
    },
  );
}
