const SECRET_PARAM = /^(token|access_token|id_token|key|api_key|apikey|secret|password|passwd|pwd|sig|signature|auth|code|session|sessionid|x-amz-signature|x-amz-credential)$/i;

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
  }
  for (const key of [...url.searchParams.keys()]) {
    if (SECRET_PARAM.test(key)) {
      url.searchParams.set(key, '***');
      changed = true;
    }
  }
  return changed ? url.toString() : text;
}
