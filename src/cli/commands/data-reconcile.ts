import { InvalidArgumentError, Option, type Command } from 'commander';
import type { FieldPair } from '../../data/reconcile.js';
import { UsageError } from '../../errors.js';
import { reconcileDocument, renderReconcileMarkdown, renderReconcileText, type Reconciliation } from '../../report/reconcile.js';
import { format, printJson, style } from '../common.js';
import { collect, EXIT, examples, withFormats, type Run } from '../program.js';
import { exampleCount } from './data-common.js';

interface ReconcileCliOptions {
  source: string[];
  target: string[];
  key: string;
  keyTarget?: string;
  compare: string[];
  sum?: string;
  currency?: string;
  tolerance: number;
  examples: number;
}

/** `price` names the field on both sides; `price=total` names the source's field, then the target's. */
export function fieldPair(spec: string, option: string): FieldPair {
  const parts = spec.split('=').map((p) => p.trim());
  const [source, target = source] = parts;
  if (parts.length > 2 || !source || !target) throw new UsageError(`${option} ${spec}: expected a field name, or source=target when the sides name it differently`, { hint: `e.g. ${option} price or ${option} price=totalPrice` });
  return { source, target };
}

function tolerance(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of 0 or more, e.g. 0.01.');
  return n;
}

function pairs(opts: ReconcileCliOptions) {
  const compare = opts.compare.flatMap((list) => list.split(',')).filter((f) => f.trim() !== '').map((f) => fieldPair(f, '--compare'));
  if (opts.currency !== undefined && opts.sum === undefined) throw new UsageError('--currency splits the sums of --sum by currency, and --sum is missing', { hint: 'add --sum <field>, e.g. --sum price --currency currencyCode' });
  return {
    key: { source: opts.key, target: opts.keyTarget ?? opts.key },
    compare,
    ...(opts.sum ? { sum: fieldPair(opts.sum, '--sum') } : {}),
    ...(opts.currency ? { currency: fieldPair(opts.currency, '--currency') } : {}),
  };
}

/** `golive data reconcile`. */
export function dataReconcileCommand(data: Command, run: Run): void {
  const command = data
    .command('reconcile')
    .description('reconcile a source-system extract with a platform export by key: rows and keys per side, keys missing in the target or only in it, duplicate keys, rows without a key, '
      + 'values that differ per compared field (numbers within --tolerance, text exactly after trimming) and sums per currency; each with examples as file:line '
      + '(file#n for JSON arrays and Parquet). Reads CSV/TSV with a header, NDJSON/JSONL, JSON arrays and Parquet, gzip or not, files or globs; keys are compared as trimmed text. '
      + 'Exit 0 when the sides agree, 1 on any difference, 2 when a file or a field cannot be read')
    .addOption(new Option('--source <file>', 'the source-system extract: a file or a glob (repeatable)').argParser(collect).makeOptionMandatory())
    .addOption(new Option('--target <file>', 'the platform export: a file or a glob (repeatable)').argParser(collect).makeOptionMandatory())
    .addOption(new Option('--key <field>', 'the field that identifies a row: a CSV column or a JSON field, dotted for nested ones (value.referenceId)').makeOptionMandatory())
    .option('--key-target <field>', 'the key\'s name in the target when it differs')
    .addOption(new Option('--compare <fields>', 'fields to compare on matched keys, comma-separated; source=target when the names differ (repeatable)').argParser(collect).default([]))
    .option('--sum <field>', 'a numeric field to total on each side (source=target when the names differ)')
    .option('--currency <field>', 'total --sum per value of this field (source=target when the names differ)')
    .addOption(new Option('--tolerance <n>', 'largest difference between two numbers that still counts as equal, for compared values and sums').argParser(tolerance).default(0))
    .addOption(new Option('--examples <n>', 'examples shown per finding (0 to 1000)').argParser(exampleCount).default(5));
  withFormats(command, ['text', 'md', 'json'])
    .addHelpText('after', examples([
      'golive data reconcile --source crm/orders.csv --target exports/orders.ndjson --key referenceId --sum price',
      '# batch upload records nest the order under value, and the sides name the price differently',
      'golive data reconcile --source crm/orders.csv --target upload/orders.json.gz --key referenceId --key-target value.referenceId --compare status,price=value.price',
      '# sums per currency, cents of rounding allowed',
      'golive data reconcile --source "crm/orders-*.csv.gz" --target exports/orders.parquet --key referenceId --sum price --currency currencyCode --tolerance 0.01',
      'golive data reconcile --source crm/guests.csv --target exports/guests.ndjson --key email --format md > reconcile.md',
      'golive data reconcile --source a.csv --target b.ndjson --key id --json | jq \'.missing.examples[].key\'',
      '',
      '# a key repeated on one side is compared by its first row; sums cover every row',
      '# exit codes: 0 the sides agree, 1 a difference, 2 a file or field cannot be read, or a usage error',
    ]))
    .action(async (opts: ReconcileCliOptions, cmd) => {
      const fmt = format(cmd, ['text', 'md', 'json']);
      const fields = pairs(opts);
      // DuckDB loads only when data is reconciled, not at every golive start.
      const { reconcile, reconciled } = await import('../../data/reconcile.js');
      const result = await reconcile({ source: opts.source, target: opts.target, base: run.io.cwd, ...fields, tolerance: opts.tolerance, examples: opts.examples });
      const v: Reconciliation = { source: opts.source, target: opts.target, result, ok: reconciled(result) };
      if (fmt === 'json') printJson(run, reconcileDocument(v));
      else run.io.out(fmt === 'md' ? renderReconcileMarkdown(v) : renderReconcileText(v, style(run, cmd)));
      run.exitCode = v.ok ? EXIT.ok : EXIT.noGo;
    });
}
