// The servers of the sweep in their own process (forked by sweep-world.ts), so that their work
// does not share an event loop with golive's probes while the exporter's probes run in another
// process. Talks over IPC: start, reset (clear the logs), logs, stop. Ends when the parent goes.
import { sites, startDnsWorld, type DnsWorld } from './sweep-dns.js';
import { startSites, type Sites } from './sweep-sites.js';
import type { FromWorld, ToWorld } from './sweep-world.js';

let dns: DnsWorld | undefined;
let web: Sites | undefined;

async function stop(): Promise<void> {
  await Promise.all([dns?.close(), web?.close()]);
  dns = undefined;
  web = undefined;
}

async function handle(msg: ToWorld): Promise<FromWorld> {
  switch (msg.type) {
    case 'start': {
      const list = sites(msg.hosts);
      dns = await startDnsWorld(list);
      web = await startSites(list, msg.tls);
      return { id: msg.id, type: 'ready', httpsPort: web.httpsPort, httpPort: web.httpPort, dnsPort: dns.port, resolver: dns.resolver };
    }
    case 'reset':
      for (const s of dns?.servers ?? []) s.queries.length = 0;
      if (web) web.requests.length = 0;
      return { id: msg.id, type: 'ok' };
    case 'logs':
      return {
        id: msg.id,
        type: 'logs',
        dns: (dns?.servers ?? []).map((s) => ({ address: s.address, port: s.port, recursive: dns!.isResolver(s), queries: [...s.queries] })),
        requests: [...(web?.requests ?? [])],
      };
    case 'stop':
      await stop();
      return { id: msg.id, type: 'ok' };
  }
}

process.on('message', (msg: ToWorld) => {
  handle(msg).then(
    (reply) => process.send?.(reply),
    (err: unknown) => process.send?.({ id: msg.id, type: 'error', message: err instanceof Error ? err.stack ?? err.message : String(err) }),
  );
});
// The parent ended (or crashed): close everything and leave.
process.on('disconnect', () => void stop().finally(() => process.exit(0)));
