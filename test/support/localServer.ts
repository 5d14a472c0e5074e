/** A hand-written loopback server for what FakeDefender cannot do (stalled bodies, header capture, dropped sockets). */
import type http from 'node:http';
import { startHttp } from './http';

/** A request a local server received. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
}

/** A started local server, the requests it saw, and how to stop it. */
export interface LocalServer {
  readonly url: string;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

export type LocalHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  later: (ms: number, fn: () => void) => void,
) => void;

/** Starts a local server on 127.0.0.1; its pending timers are cleared on close so nothing lingers. */
export async function startLocal(handle: LocalHandler): Promise<LocalServer> {
  const requests: SeenRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const started = await startHttp((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handle(req, res, later);
  });
  return {
    url: started.url,
    requests,
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return started.close();
    },
  };
}

/** Answers like Defender's success envelope. */
export function sendJson(res: http.ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
