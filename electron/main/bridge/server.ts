import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { EventName, Events } from '../../../shared/contract/api';
import { wireLimit } from '../../../shared/contract/api';
import { decodeWire, encodeWire } from '../../../shared/contract/wire';
import type { Dispatch } from '../app/dispatch';
import { CSP } from '../security';

/**
 * The test-only bridge: the built renderer and the same handlers the window reaches over IPC,
 * served on 127.0.0.1 so that Chromium (driven by playwright-core) runs the real UI against the
 * real services. Never part of the desktop app. A random token guards every call and the Host
 * header must be the loopback address (no DNS rebinding); bodies are bounded.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** A path part decoded, or null when its % escapes are malformed (a 400, not an exception). */
function decodePath(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

class TooLarge extends Error {}

export interface Bridge {
  url: string;
  token: string;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  close(): Promise<void>;
}

export async function startBridge(opts: {
  dispatch: Dispatch;
  rendererDir: string;
  port?: number;
}): Promise<Bridge> {
  const token = randomBytes(16).toString('hex');
  const root = resolve(opts.rendererDir);
  const listeners = new Set<ServerResponse>();
  let host = '';

  const send = (
    res: ServerResponse,
    status: number,
    body: string,
    type = 'application/json; charset=utf-8',
  ) => {
    res.writeHead(status, {
      'Content-Type': type,
      'Cache-Control': 'no-store',
      'Content-Security-Policy': CSP,
    });
    res.end(body);
  };
  /** The body of a call, refused (TooLarge) as soon as it passes `limit` bytes: never held whole. */
  const readBody = (req: IncomingMessage, limit: number) =>
    new Promise<string>((ok, no) => {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > limit) return no(new TooLarge());
      const chunks: Buffer[] = [];
      let n = 0;
      req.on('data', (c: Buffer) => {
        n += c.length;
        if (n > limit) {
          chunks.length = 0;
          no(new TooLarge());
          req.pause();
        } else chunks.push(c);
      });
      req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
      req.on('error', no);
    });

  const server = createServer((req, res) => {
    void (async () => {
      if (req.headers.host !== host) return send(res, 421, '{}');
      const url = new URL(req.url ?? '/', `http://${host}`);
      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST' || req.headers['x-bridge-token'] !== token) return send(res, 403, '{}');
        const channel = decodePath(url.pathname.slice('/api/'.length));
        if (channel === null) return send(res, 400, '{"error":"请求路径中的 % 转义不完整"}');
        let input: unknown;
        try {
          input = decodeWire(await readBody(req, wireLimit(channel)));
        } catch (e) {
          if (e instanceof TooLarge) {
            res.setHeader('Connection', 'close'); // the rest of the body is not read
            return send(res, 413, '{"error":"请求内容超过该调用所能接受的大小"}');
          }
          return send(res, 400, '{}');
        }
        return send(res, 200, encodeWire(await opts.dispatch(channel, input)));
      }
      if (url.pathname === '/events') {
        if (url.searchParams.get('token') !== token) return send(res, 403, '{}');
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
        res.write(':\n\n');
        listeners.add(res);
        req.on('close', () => listeners.delete(res));
        return;
      }
      // static files of the built renderer; index.html gets the token
      const path = decodePath(url.pathname);
      if (path === null) return send(res, 400, '{"error":"请求路径中的 % 转义不完整"}');
      const wanted = normalize(join(root, path));
      const file =
        wanted.startsWith(root + sep) && existsSync(wanted) && statSync(wanted).isFile()
          ? wanted
          : join(root, 'index.html');
      let body = readFileSync(file);
      if (file.endsWith('index.html'))
        body = Buffer.from(
          body.toString('utf8').replace('<head>', `<head><meta name="bridge-token" content="${token}">`),
        );
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': CSP,
        'Cache-Control': 'no-store',
      });
      res.end(body);
    })().catch(() => send(res, 500, '{}'));
  });
  await new Promise<void>((ok, no) => {
    server.once('error', no); // a port in use, say
    server.listen(opts.port ?? 0, '127.0.0.1', ok);
  });
  const port = (server.address() as AddressInfo).port;
  host = `127.0.0.1:${port}`;
  return {
    url: `http://${host}/`,
    token,
    emit(event, payload) {
      const line = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const l of listeners) l.write(line);
    },
    close: () =>
      new Promise<void>((ok) => {
        for (const l of listeners) l.end();
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
