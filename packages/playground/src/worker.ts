/**
 * The Web Worker that lints: the page posts the editor's text, this answers with the findings
 * (service.ts), so a large policy never freezes typing.
 */
import type { Request, Response } from './protocol.js';
import { respond } from './service.js';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<Request>) => void) | null;
  postMessage(message: Response): void;
};

scope.onmessage = (event) => scope.postMessage(respond(event.data));
