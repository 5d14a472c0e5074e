/** Raw HTTP/1.1 over a socket, for paths, headers and bodies a client library would fix or refuse to send. */
import net from 'node:net';

/** What came back before the server closed the connection. */
export interface RawAnswer {
  /** Status of the first response, 0 when none came. */
  readonly status: number;
  readonly text: string;
  /** Milliseconds from the first byte sent to the connection's close. */
  readonly ms: number;
}

/** Writes `head` (no blank line) and `body`, then waits until the server closes (our side stays open: Node aborts a request whose client half-closes). */
export function rawRequest(port: number, head: string, body = ''): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    // A reset after the answer still counts as the end of the connection.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, text, ms: Date.now() - started });
    });
    socket.write(`${head}\r\n\r\n`, 'latin1');
    if (body) socket.write(body, 'latin1');
  });
}
