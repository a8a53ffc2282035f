import net from 'node:net';

/**
 * A loopback TCP relay to a server (the test PostgreSQL): `cut()` destroys
 * every relayed connection and refuses new ones, as a server that went away
 * would; `restore()` lets connections through again.
 */
export interface TcpProxy {
  port: number;
  /** How many connections have been relayed so far. */
  readonly relayed: number;
  cut(): void;
  /**
   * Cuts (as `cut()`) when a client sends bytes containing `marker`, before
   * they reach the server: e.g. the simple-protocol `commit`, which the
   * server then never sees.
   */
  cutBefore(marker: string): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let refusing = false;
  let relayed = 0;
  let marker: Buffer | undefined;
  const cut = () => {
    refusing = true;
    for (const socket of sockets) socket.resetAndDestroy();
  };
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    // A reset is what the test causes; nothing to report.
    socket.on('error', () => undefined);
  };
  const server = net.createServer((client) => {
    track(client);
    if (refusing) return void client.resetAndDestroy();
    relayed += 1;
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    client.on('data', (chunk: Buffer) => {
      if (marker && chunk.includes(marker)) {
        marker = undefined;
        return cut();
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    get relayed() {
      return relayed;
    },
    cut,
    cutBefore(text) {
      marker = Buffer.from(text, 'utf8');
    },
    restore() {
      refusing = false;
    },
    close() {
      cut();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The same PostgreSQL URL, through the proxy. */
export function throughProxy(url: string, proxy: TcpProxy): string {
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  return proxied.toString();
}
