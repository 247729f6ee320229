/** The deploy file of `golive demo spryker`, written for the ports its loopback servers got. */
export interface DeployFileInput {
  hosts: { yves: string; glue: string; glueBackend: string; backoffice: string; gateway: string };
  apex: string;
  httpsPort: number;
  httpPort: number;
  /** Planted: the staging lock left on the storefront. */
  basicAuth: boolean;
}

export function sprykerDeployFile(d: DeployFileInput): string {
  const at = (host: string) => `${host}:${d.httpsPort}`;
  const storefrontAuth = d.basicAuth
    ? ['            auth:', '              engine: basic', '              users:', '                - username: cloud', '                  password: cloud']
    : [];
  const endpoint = (host: string, extra: string[] = []) => [`          ${at(host)}:`, '            store: DE', ...extra];
  return [
    '# Deploy file of the golive demo shop (a Spryker-like stand-in on loopback; not a Spryker project).',
    'version: "0.1"',
    'namespace: golive-demo',
    'environment: docker.production',
    'pipeline: docker',
    'x-real-ip: &real-ip',
    '  real-ip:',
    '    from: [10.0.0.0/8]',
    'image:',
    '  tag: golive-demo/php:8.3',
    '  environment:',
    '    SPRYKER_DEFAULT_STORE: DE',
    '    SPRYKER_ACTIVE_STORES: DE',
    '    SPRYKER_HOOK_INSTALL: vendor/bin/install -r EU/production --no-ansi -vvv',
    '    SPRYKER_HOOK_DESTRUCTIVE_INSTALL: vendor/bin/install -r EU/destructive --no-ansi -vvv',
    'composer:',
    '  mode: --no-dev',
    '  autoload: --classmap-authoritative',
    'assets:',
    '  mode: production',
    'regions:',
    '  EU:',
    '    services:',
    '      mail:',
    '        sender:',
    '          name: golive demo shop',
    `          email: shop@${d.apex}`,
    '    stores:',
    '      DE:',
    '        services:',
    '          broker: { namespace: de-queue }',
    '          key_value_store: { namespace: 1 }',
    '          search: { namespace: de_search }',
    'groups:',
    '  EU:',
    '    region: EU',
    '    applications:',
    '      Redirects:',
    '        application: static',
    '        endpoints:',
    `          ${d.apex}:${d.httpPort}:`,
    '            redirect:',
    '              code: 301',
    `              url: https://${at(d.hosts.yves)}`,
    '      Yves:',
    '        application: yves',
    '        endpoints:',
    ...endpoint(d.hosts.yves, ['            <<: *real-ip', ...storefrontAuth]),
    '      Glue:',
    '        application: glue',
    '        endpoints:',
    ...endpoint(d.hosts.glue, ['            <<: *real-ip']),
    '      glue_backend:',
    '        application: glue-backend',
    '        endpoints:',
    ...endpoint(d.hosts.glueBackend, ['            <<: *real-ip']),
    '      boffice:',
    '        application: backoffice',
    '        endpoints:',
    ...endpoint(d.hosts.backoffice, ['            primal: true', '            <<: *real-ip']),
    '      backgw:',
    '        application: backend-gateway',
    '        endpoints:',
    ...endpoint(d.hosts.gateway, ['            <<: *real-ip']),
    'docker:',
    '  ssl:',
    '    enabled: true',
    '    redirect: true',
    '  debug:',
    '    enabled: false',
    '    xdebug:',
    '      enabled: false',
    '  mount:',
    '    baked:',
    '',
  ].join('\n');
}
