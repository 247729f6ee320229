import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

/**
 * One pass over a CSV file's bytes that owns the numbering DuckDB's CSV reader does not give:
 * the physical line each record starts on (quoted fields may span lines, blank lines are skipped),
 * the header's column names and delimiter, and the malformed records (wrong field count, text after
 * a closing quote, an unterminated quote) with their true line. It follows DuckDB's reading of
 * quote='"' escape='"': a quote opens a field only at its start (after spaces), `""` inside quotes
 * is a quote, an empty line is no record. DuckDB then reads the values; its rows are the good
 * records in order, so record k (1-based among the good ones) starts on line k + offset, with
 * offset from `steps` (a step function: it changes only after a blank line, a multi-line record
 * or a malformed record).
 */
export interface CsvScan {
  columns: string[];
  delimiter: string;
  /** Good data records. */
  records: number;
  /** Physical lines in the file. */
  lines: number;
  /** [first good record it applies to, offset]: record k starts on line k + offset of the last step with first <= k (the first step is record 1's). */
  steps: [number, number][];
  malformed: { line: number; reason: string }[];
  malformedCount: number;
  /** Set when the file is not UTF-8: the line of the first invalid byte sequence. */
  notUtf8Line?: number;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const KEEP_MALFORMED = 20;
const CANDIDATES = new Set([0x2c, 0x3b, TAB, 0x7c]);

const enum State { FieldStart, Unquoted, Quoted, AfterQuote, Bad }

/** The delimiter a header line uses: the most frequent of , ; tab | outside quotes (',' when none). */
export function detectDelimiter(header: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0], ['|', 0]]);
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [ch, n] of counts) if (n > (counts.get(best) ?? 0)) best = ch;
  return best;
}

/** Splits one CSV record (the header) into trimmed values, quotes removed and `""` unescaped. */
export function splitRecord(text: string, delimiter: string): string[] {
  const values: string[] = [];
  let value = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { value += '"'; i++; } else if (ch === '"') quoted = false;
      else value += ch;
    } else if (ch === '"' && value.trim() === '') { value = ''; quoted = true; } else if (ch === delimiter) { values.push(value.trim()); value = ''; } else value += ch;
  }
  values.push(value.trim());
  return values;
}

/** Byte-level scanner state, advanced chunk by chunk. */
class Scanner {
  state = State.FieldStart;
  line = 1;
  recordLine = 1;
  content = false;
  fields = 1;
  header: number[] | undefined = [];
  columns: string[] = [];
  /** -1 while the header is read: no field is counted before the delimiter is known. */
  delimiter = -1;
  records = 0;
  offset = Number.NaN;
  /** Bytes seen after the last line feed. */
  open = false;
  steps: [number, number][] = [];
  malformed: { line: number; reason: string }[] = [];
  malformedCount = 0;
  badReason = '';
  constructor(private readonly forcedDelimiter: string | undefined) {}

  private endHeader(): void {
    const text = Buffer.from(this.header ?? []).toString('utf8').replace(/^\uFEFF/, '').replace(/\r$/, '');
    const delimiter = this.forcedDelimiter ?? detectDelimiter(text);
    this.columns = text.trim() === '' ? [] : splitRecord(text, delimiter);
    this.delimiter = delimiter.charCodeAt(0);
    this.header = undefined;
  }

  private bad(reason: string): void {
    this.malformedCount++;
    if (this.malformed.length < KEEP_MALFORMED) this.malformed.push({ line: this.recordLine, reason });
  }

  /** Closes the record that started on recordLine; `nextLine` is the line after it. */
  endRecord(nextLine: number): void {
    if (this.content) {
      if (this.header) this.endHeader();
      else if (this.state === State.Bad) this.bad(this.badReason);
      else if (this.fields !== this.columns.length) this.bad(`${this.fields} field${this.fields === 1 ? '' : 's'}, the header has ${this.columns.length}`);
      else {
        this.records++;
        if (this.recordLine - this.records !== this.offset) {
          this.offset = this.recordLine - this.records;
          this.steps.push([this.records, this.offset]);
        }
      }
    }
    this.state = State.FieldStart;
    this.content = false;
    this.fields = 1;
    this.recordLine = nextLine;
  }

  scan(chunk: Buffer): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (b === LF) {
        this.line++;
        this.open = false;
        if (this.state !== State.Quoted) this.endRecord(this.line);
        else this.header?.push(b);
        continue;
      }
      this.open = true;
      if (b === CR) continue;
      this.header?.push(b);
      this.content = true;
      this.step(b);
    }
  }

  /** While the header is read, any candidate delimiter separates fields (only quoting matters then). */
  private isDelimiter(b: number): boolean {
    return this.delimiter === -1 ? CANDIDATES.has(b) : b === this.delimiter;
  }

  private step(b: number): void {
    switch (this.state) {
      case State.FieldStart:
        if (this.isDelimiter(b)) this.fields++;
        else if (b === QUOTE) this.state = State.Quoted;
        else if (b !== SPACE && b !== TAB) this.state = State.Unquoted;
        break;
      case State.Unquoted:
        if (this.isDelimiter(b)) { this.fields++; this.state = State.FieldStart; }
        break;
      case State.Quoted:
        if (b === QUOTE) this.state = State.AfterQuote;
        break;
      case State.AfterQuote:
        if (b === QUOTE) this.state = State.Quoted;
        else if (this.isDelimiter(b)) { this.fields++; this.state = State.FieldStart; } else if (b !== SPACE && b !== TAB) { this.state = State.Bad; this.badReason = 'text after a closing quote'; }
        break;
      case State.Bad:
        break;
    }
  }

  finish(): void {
    if (this.state === State.Quoted) {
      this.state = State.Bad;
      this.badReason = 'a quote is never closed: the record runs to the end of the file';
    }
    this.endRecord(this.line + 1);
    if (this.header) this.endHeader();
  }
}

/** Line of the first invalid UTF-8 sequence in `chunk`, whose first byte is on line `line`. */
function badUtf8Line(chunk: Buffer, line: number): number {
  let start = 0;
  let at = line;
  for (let i = 0; i <= chunk.length; i++) {
    if (i === chunk.length || chunk[i] === LF) {
      if (!isUtf8(chunk.subarray(start, i))) return at;
      start = i + 1;
      at++;
    }
  }
  return line;
}

/** Bytes at the end of `chunk` that may be the start of an unfinished UTF-8 character. */
function incompleteTail(chunk: Buffer): number {
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const b = chunk[chunk.length - back] as number;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** Scans a CSV file (gzip or not); `delimiter` forces one (TSV), otherwise the header decides. */
export async function scanCsv(path: string, gzip: boolean, delimiter?: string): Promise<CsvScan> {
  const scanner = new Scanner(delimiter);
  const stream = gzip ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  let carry = Buffer.alloc(0);
  let notUtf8Line: number | undefined;
  for await (const data of stream as AsyncIterable<Buffer>) {
    const bytes = carry.length ? Buffer.concat([carry, data]) : data;
    const cut = bytes.length - incompleteTail(bytes);
    const whole = bytes.subarray(0, cut);
    if (notUtf8Line === undefined && !isUtf8(whole)) notUtf8Line = badUtf8Line(whole, scanner.line);
    scanner.scan(whole);
    carry = Buffer.from(bytes.subarray(cut));
  }
  if (notUtf8Line === undefined && carry.length > 0) notUtf8Line = scanner.line;
  scanner.scan(carry);
  scanner.finish();
  return {
    columns: scanner.columns, delimiter: String.fromCharCode(scanner.delimiter), records: scanner.records,
    lines: scanner.open ? scanner.line : scanner.line - 1, steps: scanner.steps, malformed: scanner.malformed, malformedCount: scanner.malformedCount,
    ...(notUtf8Line === undefined ? {} : { notUtf8Line }),
  };
}
