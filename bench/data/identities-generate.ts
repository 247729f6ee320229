// Seeded generator of a CDP event export and a guest export with planted identity defects, for
// bench/data/identities.ts. Same seed and sizes, same bytes. What is planted is returned so the
// bench can check that `golive data identities` finds every defect, exactly.
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { mulberry32 } from '../../src/lib/prng.js';

export interface GenerateOptions {
  events: number;
  guests: number;
  seed: number;
  dir: string;
  /** Event files written (events spread round-robin by browser). */
  eventFiles?: number;
}

/** What the generator planted: the counts the report must show. */
export interface Planted {
  eventFiles: string[];
  guestFile: string;
  rules: string[];
  events: number;
  browsers: number;
  identifiedBrowsers: number;
  invalidLines: { file: string; line: number }[];
  ignoredIdentifiers: number;
  persons: number;
  splitPersons: number;
  mergingGuests: number;
  unreachedBrowsers: number;
  unreachedIdentifiedBrowsers: number;
  unreachedEvents: number;
  sharedKey: { provider: string; id: string; browsers: number };
  guestLines: number;
  guests: number;
  nonCustomerGuests: number;
}


/** A random version-4 UUID; each call of `next` gives 32 bits, so no part takes more than 8 hex digits from one. */
function uuid(next: () => number): string {
  const hex = (n: number) => Math.floor(next() * 16 ** n).toString(16).padStart(n, '0');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(next() * 4)).toString(16)}${hex(3)}-${hex(4)}${hex(8)}`;
}

/** Buffered line writer that respects back-pressure. */
class Lines {
  private buffer: string[] = [];
  private size = 0;
  count = 0;
  constructor(private readonly out: WriteStream) {}
  async push(line: string): Promise<void> {
    this.buffer.push(line);
    this.size += line.length;
    this.count += 1;
    if (this.size > 1 << 20) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const ok = this.out.write(`${this.buffer.join('\n')}\n`);
    this.buffer = [];
    this.size = 0;
    if (!ok) await new Promise<void>((resolve) => this.out.once('drain', () => resolve()));
  }
  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve) => this.out.end(() => resolve()));
  }
}

const PAGES = ['/', '/products/shoes', '/products/bags', '/cart', '/checkout', '/account', '/search?q=boots'];
const STAMP = '2026-11-02T10:15:00.000Z';

function viewEvent(browser: string, next: () => number): string {
  const page = PAGES[Math.floor(next() * PAGES.length)]!;
  return `{"browser_id":"${browser}","channel":"WEB","type":"VIEW","language":"EN","currency":"EUR","pos":"myshop-de","page":"${page}","created_at":"${STAMP}"}`;
}

function identityEvent(browser: string, identifiers: { provider: string; id: string }[]): string {
  const ids = identifiers.map((i) => `{"provider":"${i.provider}","id":"${i.id}"}`).join(',');
  return `{"browser_id":"${browser}","channel":"WEB","type":"IDENTITY","language":"EN","currency":"EUR","pos":"myshop-de","identifiers":[${ids}],"created_at":"${STAMP}"}`;
}

type Shape = 'rest' | 'batch';
function guestLine(ref: string, guestType: string, identifiers: { provider: string; id: string }[], shape: Shape): string {
  const ids = identifiers.map((i) => `{"provider":"${i.provider}","id":"${i.id}"}`).join(',');
  return shape === 'rest'
    ? `{"ref":"${ref}","guestType":"${guestType}","firstName":"Ann","identifiers":[${ids}]}`
    : `{"ref":"${ref}","schema":"guest","mode":"upsert","value":{"guestType":"${guestType}","identifiers":[${ids}]}}`;
}

interface Counts { split: number; merging: number; unreached: number; shared: number }

function plantedCounts(guests: number): Counts {
  const n = Math.max(3, Math.round(guests / 10_000));
  return { split: n, merging: n, unreached: n, shared: 120 };
}

/** Writes the files and returns what was planted. Needs about 4 events per guest. */
export async function generate(options: GenerateOptions): Promise<Planted> {
  const next = mulberry32(options.seed);
  const counts = plantedCounts(options.guests);
  const fileCount = Math.max(1, options.eventFiles ?? 2);
  const eventFiles = Array.from({ length: fileCount }, (_, i) => path.join(options.dir, `events-${i + 1}.ndjson`));
  const guestFile = path.join(options.dir, 'guests.ndjson');
  const outs = eventFiles.map((f) => new Lines(createWriteStream(f)));
  const guestOut = new Lines(createWriteStream(guestFile));
  const planted: Planted = {
    eventFiles, guestFile, rules: ['email', 'crm'], events: 0, browsers: 0, identifiedBrowsers: 0, invalidLines: [],
    ignoredIdentifiers: 0, persons: 0, splitPersons: counts.split, mergingGuests: counts.merging,
    unreachedBrowsers: 0, unreachedIdentifiedBrowsers: 0, unreachedEvents: 0,
    sharedKey: { provider: 'email', id: 'test@example.com', browsers: counts.shared },
    guestLines: 0, guests: 0, nonCustomerGuests: 0,
  };
  let browserNo = 0;
  /** One browser's events, all to one file; returns the number of events written. */
  const writeBrowser = async (lines: string[]): Promise<void> => {
    const out = outs[browserNo % fileCount]!;
    browserNo += 1;
    for (const line of lines) await out.push(line);
    planted.events += lines.length;
    planted.browsers += 1;
  };
  // Identified persons: guests - split have one guest, split persons two, unreached persons none.
  const personCount = options.guests - counts.split + counts.unreached;
  const minEvents = personCount * 4 + counts.shared * 2;
  if (options.events < minEvents) throw new Error(`--events must be at least ${minEvents} for ${options.guests} guests`);
  let guestNo = 0;
  const writeGuest = async (guestType: string, identifiers: { provider: string; id: string }[]) => {
    guestNo += 1;
    const ref = `g-${String(guestNo).padStart(9, '0')}`;
    await guestOut.push(guestLine(ref, guestType, identifiers, guestNo % 10 === 0 ? 'batch' : 'rest'));
    planted.guests += 1;
    if (guestType !== 'customer') planted.nonCustomerGuests += 1;
  };
  for (let p = 0; p < personCount; p++) {
    const email = { provider: 'email', id: `p${p}@mail.example` };
    const crm = { provider: 'crm', id: `C${String(p).padStart(9, '0')}` };
    const browsers = 1 + (next() < 0.4 ? 1 : 0) + (next() < 0.1 ? 1 : 0);
    const unreached = p < counts.unreached;
    for (let b = 0; b < browsers; b++) {
      const browser = uuid(next);
      // Browser 0 sends both identifiers, browser 1 only crm, browser 2 only email: the person stitches through them.
      const ids = b === 0 ? [email, crm] : b === 1 ? [crm] : [email];
      if (b === 0 && p % 50 === 7) {
        ids.push({ provider: 'Email', id: email.id });
        planted.ignoredIdentifiers += 1;
      }
      const lines = [identityEvent(browser, ids), viewEvent(browser, next)];
      await writeBrowser(lines);
      planted.identifiedBrowsers += 1;
      if (unreached) {
        planted.unreachedBrowsers += 1;
        planted.unreachedIdentifiedBrowsers += 1;
        planted.unreachedEvents += lines.length;
      }
    }
    planted.persons += 1;
    if (unreached) continue;
    if (p < counts.unreached + counts.split) {
      await writeGuest('customer', [email]);
      await writeGuest('customer', [crm]);
    } else if (p < counts.unreached + counts.split + counts.merging) {
      await writeGuest('customer', [email, crm, { provider: 'email', id: `other${p}@mail.example` }]);
    } else {
      await writeGuest(p % 1000 === 3 ? 'visitor' : 'customer', [email, crm]);
    }
  }
  // A test address typed on the shop by many otherwise anonymous browsers: one large person, no guest.
  for (let s = 0; s < counts.shared; s++) {
    const browser = uuid(next);
    await writeBrowser([identityEvent(browser, [{ provider: 'email', id: planted.sharedKey.id }]), viewEvent(browser, next)]);
    planted.identifiedBrowsers += 1;
    planted.unreachedBrowsers += 1;
    planted.unreachedIdentifiedBrowsers += 1;
    planted.unreachedEvents += 2;
  }
  planted.persons += 1;
  // A broken line in the middle of the first file: counted and listed with its line, never stitched.
  await outs[0]!.push('{"browser_id":"broken", "type":');
  planted.invalidLines.push({ file: eventFiles[0]!, line: outs[0]!.count });
  // Anonymous browsers fill the rest: 1 to 4 events each.
  while (planted.events < options.events) {
    const browser = uuid(next);
    const n = Math.min(options.events - planted.events, 1 + Math.floor(next() * 4));
    await writeBrowser(Array.from({ length: n }, () => viewEvent(browser, next)));
    planted.persons += 1;
    planted.unreachedBrowsers += 1;
    planted.unreachedEvents += n;
  }
  for (const out of outs) await out.close();
  planted.guestLines = guestOut.count;
  await guestOut.close();
  return planted;
}
