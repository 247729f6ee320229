// Real TLS (and misbehaving TCP) servers on loopback, port 0, for probe tests.
//
// API
//   const s = await startTlsServer(certs.cases.good)                         // a TlsCase from certs.ts works as is
//   const s = await startTlsServer({ key, cert, chain, minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: LEGACY_CIPHERS })
//   s.port, s.address ('127.0.0.1' unless `address` is given: any of 127.0.0.0/8 works), s.handshakes, await s.close()
//   const stall = await startStallServer()   // accepts TCP and never sends a byte: a TLS handshake that stalls
//   const raw = await startRawServer('HTTP/1.1 400 Bad Request\r\n\r\n')  // answers anything with these bytes, then closes (not TLS)
//   const port = await unusedPort()           // a port nothing listens on (connection refused)
// Close every server in afterAll/afterEach; close() also destroys open connections.
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer, type SecureVersion } from 'node:tls';

export interface TlsServerOptions {
  key: string;
  /** Leaf certificate PEM. */
  cert: string;
  /** Certificates sent after the leaf (PEM), e.g. the intermediate. */
  chain?: string;
  /** Alias of `chain` (the name the brief uses). */
  ca?: string;
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
  /** OpenSSL cipher string; legacy cases need 'DEFAULT@SECLEVEL=0' (LEGACY_CIPHERS in certs.ts). */
  ciphers?: string;
  /** Loopback address to listen on (default 127.0.0.1). */
  address?: string;
}

export interface RunningServer {
  port: number;
  address: string;
  /** Completed TLS handshakes (stall server: accepted connections). */
  readonly handshakes: number;
  close(): Promise<void>;
}

/** A TLS server that completes handshakes and then keeps quiet until the client leaves. */
export async function startTlsServer(options: TlsServerOptions): Promise<RunningServer> {
  const chain = options.chain ?? options.ca ?? '';
  let handshakes = 0;
  const server = createServer({
    key: options.key,
    cert: chain ? `${options.cert.trimEnd()}\n${chain}` : options.cert,
    ...(options.minVersion ? { minVersion: options.minVersion } : {}),
    ...(options.maxVersion ? { maxVersion: options.maxVersion } : {}),
    ...(options.ciphers ? { ciphers: options.ciphers } : {}),
  });
  server.on('secureConnection', () => {
    handshakes += 1;
  });
  // Failed handshakes (a probe trying an unsupported protocol) are expected here.
  server.on('tlsClientError', () => undefined);
  return listen(server, options.address, () => handshakes);
}

/** A TCP server that accepts and never answers: a TLS client waits for a ServerHello forever. */
export async function startStallServer(address = '127.0.0.1'): Promise<RunningServer> {
  let accepted = 0;
  const server = createTcpServer(() => {
    accepted += 1;
  });
  return listen(server, address, () => accepted);
}

/** A TCP server that answers every connection with `reply` and closes: a port that does not speak TLS. */
export async function startRawServer(reply: string, address = '127.0.0.1'): Promise<RunningServer> {
  let accepted = 0;
  const server = createTcpServer((socket) => {
    accepted += 1;
    // Read (and drop) what the client sends, or its FIN is never seen and the socket lingers.
    socket.resume();
    socket.end(reply);
  });
  return listen(server, address, () => accepted);
}

/** A loopback port with nothing listening (bound, then released). */
export async function unusedPort(address = '127.0.0.1'): Promise<number> {
  const s = await startStallServer(address);
  await s.close();
  return s.port;
}

async function listen(server: Server, address = '127.0.0.1', count: () => number): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, address, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    address,
    get handshakes() {
      return count();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
