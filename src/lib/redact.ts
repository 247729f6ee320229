const SECRET_WORD = /^(token|key|apikey|secret|password|passwd|pwd|sig|signature|auth|code|session|sessionid|credential|accesstoken|clientsecret)$/i;

/** A query parameter that may hold a secret: one of its parts (split at - _ .) is a secret word, e.g. sc_apikey, client_secret, subscription-key, X-Amz-Signature. */
const isSecretParam = (name: string): boolean => name.split(/[-_.]/).some((part) => SECRET_WORD.test(part));

/**
 * A URL safe to store and show: user-info passwords and secret-looking query parameters are
 * replaced by "***". Anything that is not a URL comes back unchanged.
 */
export function redactUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  let changed = false;
  if (url.password) {
    url.password = '***';
    changed = true;
  } else if (url.username) {
    // A user name alone is usually a token (https://TOKEN@host).
    url.username = '***';
    changed = true;
  }
  for (const key of [...url.searchParams.keys()]) {
    if (isSecretParam(key)) {
      url.searchParams.set(key, '***');
      changed = true;
    }
  }
  return changed ? url.toString() : text;
}

const SECRET_KEY = /^(authorization|proxy-authorization|cookie|set-cookie|password|passwd|secret|token|api[-_]?key|client[-_]?secret|access[-_]?token)$/i;

/** Percent-encoding as forms and URLSearchParams write it: also !'()~ (encodeURIComponent leaves them), space as %20. */
const strictEncode = (text: string): string => encodeURIComponent(text).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const lowerHex = (text: string): string => text.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());

/**
 * The ways a secret's text can appear in what a probe records: as typed, percent-encoded in a URL
 * or a form body (as encodeURIComponent, URLSearchParams and browsers write it: a space as %20 or
 * +, hex digits in either case), through encodeURI, and escaped inside JSON.
 */
export function secretForms(secret: string): string[] {
  const encoded = [encodeURIComponent(secret), strictEncode(secret)];
  const spaced = encoded.flatMap((e) => [e, e.replaceAll('%20', '+')]);
  const forms = [secret, ...spaced, ...spaced.map(lowerHex), encodeURI(secret), JSON.stringify(secret).slice(1, -1)];
  return [...new Set(forms)];
}

/**
 * A deep copy of evidence safe to store: URLs lose their secrets, values under secret-looking
 * keys become "***", and every occurrence of a known secret value (from the environment) is
 * blanked, also in its encoded forms (secretForms).
 */
export function redactEvidence<T>(value: T, secrets: string[] = []): T {
  // Longest first, so an encoded form is blanked whole before a shorter one could split it.
  const known = [...new Set(secrets.filter((s) => s.length >= 4).flatMap(secretForms))].sort((a, b) => b.length - a.length);
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string') {
      if (key !== undefined && SECRET_KEY.test(key)) return '***';
      let s = redactUrl(v).replace(/\u0000/g, "\uFFFD");
      for (const secret of known) s = s.split(secret).join('***');
      return s;
    }
    if (Array.isArray(v)) return key !== undefined && SECRET_KEY.test(key) ? v.map(() => '***') : v.map((x) => walk(x));
    if (v instanceof Date) return v;
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(value) as T;
}
