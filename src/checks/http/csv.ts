/**
 * A small RFC 4180 reader for redirect maps: commas, double quotes with "" escapes, quoted line
 * breaks, CRLF or LF, a UTF-8 BOM. Each record keeps the line it starts on, so findings and
 * errors can name it. Pure.
 */

export interface CsvRecord {
  /** 1-based line the record starts on. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

interface Cursor {
  text: string;
  i: number;
  line: number;
}

/** One field starting at the cursor; leaves the cursor on the delimiter or line end after it. */
function field(c: Cursor): string {
  if (c.text[c.i] !== '"') {
    const start = c.i;
    while (c.i < c.text.length && !',\r\n'.includes(c.text[c.i]!)) c.i++;
    return c.text.slice(start, c.i);
  }
  const openedAt = c.line;
  let out = '';
  c.i++;
  for (;;) {
    if (c.i >= c.text.length) throw new CsvSyntaxError(openedAt, 'a quoted field is never closed');
    const ch = c.text[c.i]!;
    if (ch === '"' && c.text[c.i + 1] === '"') {
      out += '"';
      c.i += 2;
    } else if (ch === '"') break;
    else {
      if (ch === '\n') c.line++;
      out += ch;
      c.i++;
    }
  }
  c.i++;
  if (c.i < c.text.length && !',\r\n'.includes(c.text[c.i]!)) throw new CsvSyntaxError(c.line, 'text after a closing quote (a quote inside a quoted field must be doubled: "")');
  return out;
}

export function parseCsv(input: string): CsvRecord[] {
  const c: Cursor = { text: input.replace(/^\uFEFF/, ''), i: 0, line: 1 };
  const records: CsvRecord[] = [];
  while (c.i < c.text.length) {
    const line = c.line;
    const fields = [field(c)];
    while (c.text[c.i] === ',') {
      c.i++;
      fields.push(field(c));
    }
    if (c.text[c.i] === '\r') c.i++;
    if (c.text[c.i] === '\n') c.i++;
    c.line++;
    // Blank lines separate nothing; skip them.
    if (!(fields.length === 1 && fields[0]!.trim() === '')) records.push({ line, fields });
  }
  return records;
}
