/** Tiny HTTP servers the e2e tests start themselves: an embedding course page on another origin, the build under a sub-path. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

export interface TestServer {
  origin: string;
  close(): Promise<void>;
}

/** Serve `handle` on 127.0.0.1 at `port` (a free one by default; loopback, so the browser lets it frame the lab). */
export async function startServer(handle: (req: IncomingMessage, res: ServerResponse) => void, port = 0): Promise<TestServer> {
  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${bound}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A page holding `body`, with a script that records what `labOrigin` posts and a `send` that posts to the iframe. */
export function parentPage(body: string, labOrigin: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course</title></head><body>${body}
<script>
  window.received = [];
  addEventListener('message', (e) => { if (e.origin === ${JSON.stringify(labOrigin)}) window.received.push(e.data); });
  window.send = (m) => document.querySelector('iframe').contentWindow.postMessage(m, ${JSON.stringify(labOrigin)});
</script></body></html>`;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** Serve the directory `root` under `prefix` (e.g. `/courses/sre/lab/`) only; everything else is 404, as on a shared host. */
export function staticUnder(root: string, prefix: string, log: string[] = []) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    log.push(path);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    const rel = normalize(path.slice(prefix.length) || 'index.html');
    const file = join(root, rel);
    if (rel.startsWith('..') || !file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  };
}
