import type { Server } from 'node:http';

export const DIST: string;
/** Starts a static server for `root` on 127.0.0.1 (`port` 0: a free one). */
export function startServer(root?: string, port?: number): Promise<{ server: Server; url: string }>;
