import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isIP } from 'node:net';
import type { NetOptions } from '../checks/types.js';
import { UsageError } from '../errors.js';
import type { NetworkSettings } from '../playbook/model.js';
import { durationMs } from '../playbook/resolve.js';
import { DURATION_PATTERN } from '../playbook/schema.js';

/** Network controls given on the command line; each wins over the environment's settings in golive.yaml. */
export interface NetFlags {
  resolver?: string[];
  resolve?: string[];
  caFile?: string;
  timeout?: string;
  concurrency?: string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_CONCURRENCY = 8;

/** "10s", "1500ms", or a bare number of seconds. */
export function parseTimeout(text: string): number {
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (DURATION_PATTERN.test(text)) return durationMs(text);
  throw new UsageError(`--timeout ${text} is not a duration`, { hint: 'use seconds (10) or a duration such as 1500ms, 10s or 2m' });
}

/** "HOST:PORT:ADDRESS" (ADDRESS may be [v6]) into the override map key and address. */
export function parseResolve(spec: string): [string, string] {
  const m = /^([^:\s]+):(\d{1,5}|\*):(\S+)$/.exec(spec.trim());
  const address = m?.[3]?.replace(/^\[|\]$/g, '');
  if (!m || !address || !isIP(address)) throw new UsageError(`--resolve ${spec} is not HOST:PORT:ADDRESS`, { hint: 'e.g. --resolve shop.example.com:443:10.0.0.5 (port * matches every port; an IPv6 address goes in brackets)' });
  return [`${m[1]!.toLowerCase().replace(/\.$/, '')}:${m[2]}`, address];
}

function validateResolver(spec: string): string {
  const s = spec.trim();
  const ok = isIP(s) || /^\[[0-9a-f:.]+\](:\d{1,5})?$/i.test(s) || /^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/.test(s);
  if (!ok) throw new UsageError(`--resolver ${spec} is not a DNS server address`, { hint: 'use IP or IP:PORT, e.g. --resolver 127.0.0.1:5353 or --resolver [::1]:53' });
  return s;
}

function readCa(file: string, cwd: string): string[] {
  const abs = path.resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read the CA file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err, hint: 'give a PEM file with one or more certificates (-----BEGIN CERTIFICATE-----)' });
  }
  const certs = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (certs.length === 0) throw new UsageError(`${file} holds no PEM certificate`, { hint: 'the file must contain -----BEGIN CERTIFICATE----- blocks' });
  return certs;
}

/** The effective network options: command line over golive.yaml over defaults. */
export function netOptions(flags: NetFlags, settings: NetworkSettings, cwd: string): { net: NetOptions; concurrency: number } {
  const resolvers = (flags.resolver?.length ? flags.resolver : settings.resolvers ?? []).map(validateResolver);
  const resolve = Object.fromEntries([...(settings.resolve ?? []), ...(flags.resolve ?? [])].map(parseResolve));
  const caFile = flags.caFile ?? settings.caFile;
  const timeoutMs = flags.timeout !== undefined ? parseTimeout(flags.timeout) : settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const concurrency = flags.concurrency !== undefined ? Number(flags.concurrency) : settings.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) throw new UsageError(`--concurrency ${flags.concurrency} is not a whole number from 1 to 256`, { hint: 'e.g. --concurrency 8 (the default)' });
  if (timeoutMs < 1) throw new UsageError('--timeout must be positive', { hint: 'e.g. --timeout 10s (the default)' });
  return { net: { resolvers, resolve, ca: caFile ? readCa(caFile, cwd) : [], timeoutMs }, concurrency };
}
