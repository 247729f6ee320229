// Pure: the tag=value lists of DKIM key records (RFC 6376 §3.2) and DMARC records (RFC 7489 §6.4).

/** tag=value pairs; names lower-cased, whitespace inside values removed, repeated tags reported. */
export function parseTagList(text: string): { tags: Record<string, string>; duplicates: string[] } {
  const tags: Record<string, string> = {};
  const duplicates: string[] = [];
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim().toLowerCase();
    if (!name) continue;
    if (name in tags) duplicates.push(name);
    else tags[name] = part.slice(eq + 1).replace(/\s+/g, '');
  }
  return { tags, duplicates };
}
