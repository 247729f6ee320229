import type { SegmentCheck, SegmentResult } from '../data/segments.js';
import { where } from './reconcile.js';
import type { Style } from './style.js';
import { cell, mdTable } from './text.js';

/** `golive data segments`: each declared segment's expectations against its audience export, as text, Markdown or JSON (pure). */

export interface SegmentsReport {
  /** golive.yaml the segments are declared in. */
  project: string;
  segments: SegmentResult[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const count = (n: number) => n.toLocaleString('en-US');
const percent = (share: number) => `${Number((share * 100).toFixed(2))}%`;

/** A segment passes when it was read, every record of its export was readable and every expectation holds. */
export function segmentOk(s: SegmentResult): boolean {
  return s.error === undefined && s.unreadable.count === 0 && s.checks.every((c) => c.ok);
}

export const segmentsOk = (r: SegmentsReport) => r.segments.every(segmentOk);

/** One line per expectation: what was expected and, when it fails, who or what is off. */
export function describeCheck(c: SegmentCheck): string {
  switch (c.kind) {
    case 'includes':
      return c.ok ? `includes all ${plural(c.expected.length, 'test guest')}` : `includes: ${plural(c.missing.length, 'guest')} missing of ${c.expected.length}: ${c.missing.join(', ')}`;
    case 'excludes':
      return c.ok ? `excludes all ${plural(c.expected.length, 'test guest')}` : `excludes: ${plural(c.unexpected.length, 'guest')} present: ${c.unexpected.map((g) => `${g.guest} (${where(g.at)})`).join(', ')}`;
    case 'size': {
      const range = `${c.min === null ? 'at most' : `${count(c.min)}`}${c.min !== null && c.max !== null ? '..' : c.min !== null ? ' or more' : ' '}${c.max === null ? '' : count(c.max)}`;
      return `size: ${plural(c.rows, 'row')}, expected ${range}`;
    }
    case 'source-count':
      return `source count: ${plural(c.rows, 'row')}, expected ${count(c.count)} (${c.counted} of ${c.source}) ±${percent(c.tolerance)}, so ${c.low === c.high ? `exactly ${count(c.low)}` : `${count(c.low)}..${count(c.high)}`}`;
  }
}

function summary(s: SegmentResult): string {
  if (s.error) return `${s.export}: not read`;
  const extra = [s.withoutMatch ? `${plural(s.withoutMatch, 'row')} without ${s.match}` : '', s.unreadable.count ? `${plural(s.unreadable.count, 'record')} not readable` : ''].filter((x) => x !== '');
  return `${s.export}: ${plural(s.rows, 'row')}, ${plural(s.guests, 'guest')} by ${s.match}${extra.length ? ` (${extra.join(', ')})` : ''}`;
}

function headline(r: SegmentsReport): string {
  const failed = r.segments.filter((s) => !segmentOk(s) && !s.error).length;
  const unread = r.segments.filter((s) => s.error).length;
  const parts = [failed ? `${failed} failing` : '', unread ? `${unread} not read` : ''].filter((p) => p !== '');
  return `segments: ${parts.length ? parts.join(', ') : 'as expected'} · ${plural(r.segments.length, 'segment')} from ${r.project}`;
}

/** Terminal: each segment with its export, then one line per expectation. */
export function renderSegmentsText(r: SegmentsReport, style: Style): string {
  const out = [style.bold((segmentsOk(r) ? style.green : style.red)(headline(r)))];
  for (const s of r.segments) {
    const mark = s.error ? style.red('ERROR') : segmentOk(s) ? style.green('ok   ') : style.red('FAIL ');
    out.push('', `${mark} ${style.bold(s.name)}  ${style.dim(summary(s))}`);
    if (s.error) {
      out.push(...s.error.message.split('\n').map((l) => `      ${l}`));
      if (s.error.hint) out.push(style.dim(`      hint: ${s.error.hint}`));
    }
    for (const c of s.checks) out.push(`  ${c.ok ? style.green('ok  ') : style.red('FAIL')} ${describeCheck(c)}`);
    for (const b of s.unreadable.examples) out.push(`  ${style.red('FAIL')} ${where({ file: b.file, line: b.line, record: 0 })} ${b.reason}`);
  }
  return out.join('\n');
}

/** Markdown: one table row per expectation. */
export function renderSegmentsMarkdown(r: SegmentsReport): string {
  const rows = r.segments.flatMap((s) => {
    if (s.error) return [['error', cell(s.name), cell(summary(s)), cell(s.error.message.replaceAll('\n', ' '))]];
    const checks = s.checks.map((c) => [c.ok ? 'ok' : 'fail', cell(s.name), cell(summary(s)), cell(describeCheck(c))]);
    if (s.unreadable.count) checks.push(['fail', cell(s.name), cell(summary(s)), cell(`${plural(s.unreadable.count, 'record')} could not be read`)]);
    return checks;
  });
  return `## ${segmentsOk(r) ? '✅' : '❌'} ${cell(headline(r))}\n\n${mdTable(['Result', 'Segment', 'Export', 'Expectation'], rows)}\n`;
}

/** The golive.data-segments/1 document. */
export function segmentsDocument(r: SegmentsReport) {
  return { schema: 'golive.data-segments/1' as const, ok: segmentsOk(r), project: r.project, segments: r.segments.map((s) => ({ ...s, ok: segmentOk(s) })) };
}
