/** Preloaded into a bot process (`NODE_OPTIONS=--require …/connectLog.js`): appends the target of every outgoing TCP or TLS connection the process opens (http, https, fetch) to the file CONNECT_LOG, one `host:port` a line, so a test can tell that nothing left loopback. */
import { appendFileSync } from 'node:fs';
import net from 'node:net';

const file = process.env.CONNECT_LOG;
if (file) {
  const prototype = net.Socket.prototype as unknown as { connect: (...args: unknown[]) => net.Socket };
  const connect = prototype.connect;
  prototype.connect = function (this: net.Socket, ...args: unknown[]): net.Socket {
    appendFileSync(file, `${target(args)}\n`);
    return connect.apply(this, args);
  };
}

/** `host:port` (or the socket path) from connect's arguments: (options), ([options, cb]) or (port, host). */
function target(args: unknown[]): string {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (first && typeof first === 'object') {
    const options = first as { host?: string; port?: number | string; path?: string };
    return options.path ?? `${options.host ?? 'localhost'}:${String(options.port)}`;
  }
  return `${typeof args[1] === 'string' ? args[1] : 'localhost'}:${String(first)}`;
}
