import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../errors.js';
import { parseExpectStatus } from '../../load/status.js';
import { bodyTemplate } from '../../load/template.js';
import type { LoadRequest, StatusRange } from '../../load/types.js';
import { parseDuration, parseShare } from '../../load/units.js';

/** Reading `golive load`'s flags: every mistake is a usage error naming the flag, with a hint. */

export const MAX_CONNECTIONS = 10_000;
export const MAX_RATE = 1_000_000;
const MAX_DURATION_MS = 24 * 3_600_000;
const HEADER = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*)$/;
const ENV_REF = /\$\{env\.([A-Za-z_][A-Za-z0-9_]*)\}/g;
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|x-api-key|api-key|x-auth-token|x-access-token)$/i;

export function durationFlag(flag: string, text: string, min = 1, unit: 'optional' | 'required' = 'optional'): number {
  // A budget or a timeout written as a bare number is most often meant in ms: 300 would be five minutes.
  if (unit === 'required' && /^\d+(\.\d+)?$/.test(text.trim())) throw new UsageError(`${flag} ${text} has no unit`, { hint: `write the unit: ${flag} ${text.trim()}ms or ${flag} ${text.trim()}s` });
  const ms = parseDuration(text);
  if (ms === undefined) throw new UsageError(`${flag} ${text} is not a duration`, { hint: `use a number with a unit: 500ms, 10s, 2m (a bare number is seconds), e.g. ${flag} 30s` });
  if (ms < min) throw new UsageError(`${flag} ${text} is too short`, { hint: `${flag} must be at least ${min} ms` });
  if (ms > MAX_DURATION_MS) throw new UsageError(`${flag} ${text} is longer than a day`, { hint: 'a load run that long belongs in a soak-test tool; golive measures minutes' });
  return ms;
}

export function rateFlag(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} ${text} is not a positive number of requests per second`, { hint: `e.g. ${flag} 50 (fractions work: ${flag} 0.5 is one request every 2 s)` });
  if (n > MAX_RATE) throw new UsageError(`${flag} ${text} is above ${MAX_RATE} requests per second`, { hint: 'one Node process cannot send that much; use --find-peak to see what it can' });
  return n;
}

export function connectionsFlag(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > MAX_CONNECTIONS) throw new UsageError(`--connections ${text} is not a whole number from 1 to ${MAX_CONNECTIONS}`, { hint: 'open loop needs rate × latency connections at least: 50 req/s at 200 ms is 10; the default 100 opens only what is needed' });
  return n;
}

export function shareFlag(flag: string, text: string): number {
  const share = parseShare(text);
  if (share === undefined) throw new UsageError(`${flag} ${text} is not a share from 0% to 100%`, { hint: `e.g. ${flag} 1% or ${flag} 0.01` });
  return share;
}

export function expectFlag(text: string): StatusRange[] {
  try {
    return parseExpectStatus(text);
  } catch (err) {
    throw new UsageError(`--expect-status ${text}: ${(err as Error).message}`, { hint: 'e.g. --expect-status 2xx (the default), --expect-status 200,204 or --expect-status 2xx,304' });
  }
}

/** `text` is the URL with ${env.X} filled in; `shown` is the URL as written, for messages (it holds no secret). */
export function urlArg(text: string, shown = text): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${shown} is not a URL`, { hint: 'give the whole URL, e.g. https://edge.example.com/v1/personalize' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${shown} is not an http:// or https:// URL`, { hint: 'golive load sends HTTP requests' });
  // The pool connects to the origin and sends the path: user-info would be dropped silently, not sent.
  if (url.username || url.password) throw new UsageError('the URL carries a user name or password, which golive load does not send', { hint: "send credentials as a header: --header 'authorization: Basic ${env.EDGE_BASIC}' (the value is never printed)" });
  return url.toString();
}

/** ${env.NAME} replaced from the environment; each value used is a secret to keep out of the output. */
function expandEnv(text: string, what: string, env: NodeJS.ProcessEnv, secrets: string[]): string {
  return text.replace(ENV_REF, (_m, name: string) => {
    const value = env[name];
    if (value === undefined || value === '') throw new UsageError(`${what} uses \${env.${name}}, and ${name} is not set`, { hint: `export ${name}=... before running golive load (the value is sent, never printed)` });
    secrets.push(value);
    return value;
  });
}

export interface RequestFlags {
  method?: string;
  body?: string;
  header: string[];
}

/** The request to send, and the values that must never be shown (from the environment or secret-looking headers). */
export function requestFrom(urlText: string, flags: RequestFlags, env: NodeJS.ProcessEnv, cwd: string): { request: LoadRequest; secrets: string[] } {
  const secrets: string[] = [];
  const url = urlArg(expandEnv(urlText, 'the URL', env, secrets), urlText);
  const headers: Record<string, string> = {};
  for (const h of flags.header) {
    const m = HEADER.exec(h);
    if (!m) throw new UsageError(`--header ${JSON.stringify(h)} is not "name: value"`, { hint: "e.g. --header 'authorization: Bearer ${env.EDGE_TOKEN}' (quote it so the shell leaves ${...} alone)" });
    const name = m[1]!.toLowerCase();
    // Values from the environment lose surrounding white space (an env file with CRLF ends in CR); a
    // control character left inside would fail every request as a network error, so it is refused here.
    headers[name] = expandEnv(m[2]!.trim(), `--header ${name}`, env, secrets).trim();
    if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(headers[name])) throw new UsageError(`--header ${name} holds a control character (a line break?), which HTTP does not allow in a header`, { hint: 'check the value (and the environment variable it uses) for stray line breaks' });
    if (SECRET_HEADER.test(name)) secrets.push(headers[name]);
  }
  headers['user-agent'] ??= 'golive-load';
  let body: Buffer | undefined;
  if (flags.body !== undefined) {
    // Bytes as they are in the file: a binary body (protobuf, gzip) with its own content type is sent unchanged.
    body = readBody(flags.body, cwd);
    if (headers['content-type'] === undefined) {
      try {
        // Judged as sent: with its placeholders filled ({{n}} stands where a number goes).
        JSON.parse(bodyTemplate(body)?.(1) ?? body.toString('utf8'));
      } catch {
        throw new UsageError(`${flags.body} is not JSON, and no content type was given`, { hint: "the body is sent as application/json unless you say otherwise: --header 'content-type: text/plain'" });
      }
      headers['content-type'] = 'application/json';
    }
  }
  const method = (flags.method ?? (body === undefined ? 'GET' : 'POST')).toUpperCase();
  if (!/^[A-Z]+$/.test(method)) throw new UsageError(`--method ${flags.method} is not an HTTP method`, { hint: 'e.g. --method POST' });
  return { request: { url, method, headers, ...(body === undefined ? {} : { body }) }, secrets: secrets.filter((s) => s.length > 0) };
}

function readBody(file: string, cwd: string): Buffer {
  try {
    return readFileSync(path.resolve(cwd, file));
  } catch (err) {
    throw new UsageError(`cannot read the body file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err, hint: 'give a file holding the request body, e.g. --body flow.json' });
  }
}
