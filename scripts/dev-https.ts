/**
 * An https front for the local server, so Office can sideload the pane: Office loads add-ins
 * over https only, while `npm start` serves plain http on 8787. Listens on
 * https://localhost:3000 with the Office dev certificate and forwards everything (WebSocket
 * upgrades for `/v1/sync` included) to http://localhost:8787.
 *
 *   npm start                            # the server on :8787
 *   npm run dev-https                    # this proxy on :3000
 *
 * The certificate comes from `office-addin-dev-certs`' `getHttpsServerOptions()`, which creates
 * and trusts it on first use (it may ask for your password) and renews it when it has expired.
 * Options: --port 3000 --target http://localhost:8787; --cert <file> --key <file> use your own.
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer, type ServerOptions } from 'node:https';
import { connect } from 'node:net';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3000' },
    target: { type: 'string', default: 'http://localhost:8787' },
    cert: { type: 'string' },
    key: { type: 'string' },
  },
});

/** The one function of `office-addin-dev-certs` used here. */
interface DevCerts {
  getHttpsServerOptions(days?: number): Promise<{ ca: Buffer; cert: Buffer; key: Buffer }>;
}

/** Certificate and key: the given files, or Office's dev certificate (created, trusted, renewed). */
async function tlsOptions(): Promise<ServerOptions> {
  if (values.cert || values.key) {
    if (!values.cert || !values.key) throw new Error('Give both --cert and --key, or neither (then the Office dev certificate is used).');
    return { cert: readFileSync(values.cert), key: readFileSync(values.key) };
  }
  // A dev dependency; loaded only when this script runs.
  const devCerts = (await import('office-addin-dev-certs' as string)) as DevCerts;
  return devCerts.getHttpsServerOptions();
}

const target = new URL(values.target);
let tls: ServerOptions;
try {
  tls = await tlsOptions();
} catch (err) {
  process.stderr.write(`No https certificate: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}

const server = createServer(tls, (req, res) => {
  const upstream = httpRequest(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`The Samplan server at ${target.origin} does not answer. Is \`npm start\` running?\n`);
  });
  req.pipe(upstream);
});

// WebSockets: replay the upgrade request to the server and splice the two sockets.
server.on('upgrade', (req, socket, head) => {
  const upstream = connect(Number(target.port || 80), target.hostname, () => {
    const lines = [`${req.method} ${req.url} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i] as string;
      lines.push(`${name}: ${name.toLowerCase() === 'host' ? target.host : req.rawHeaders[i + 1]}`);
    }
    upstream.write(lines.join('\r\n') + '\r\n\r\n');
    if (head.length) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  upstream.on('error', () => socket.destroy());
  socket.on('error', () => upstream.destroy());
});

server.listen(Number(values.port), () => {
  process.stdout.write(`https://localhost:${values.port} → ${target.origin}\n`);
});
