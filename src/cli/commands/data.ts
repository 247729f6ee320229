import type { Command } from 'commander';
import { examples, type Register, type Run } from '../program.js';
import { dataIdentitiesCommand } from './data-identities.js';
import { dataReconcileCommand } from './data-reconcile.js';
import { dataSegmentsCommand } from './data-segments.js';
import { dataValidateCommand } from './data-validate.js';

/** The `golive data` subcommands, one module each; heavy modules (DuckDB) load inside their actions. */
const SUBCOMMANDS: ((data: Command, run: Run) => void)[] = [
  dataValidateCommand,
  dataIdentitiesCommand,
  dataReconcileCommand,
  dataSegmentsCommand,
];

export const dataCommand: Register = (program, run) => {
  const data = program
    .command('data')
    .description('Sitecore CDP / Personalize: check exported data offline against the platform\'s formats and the tenant facts declared under cdp: in golive.yaml')
    .addHelpText('after', examples(['golive data validate --kind events events-2026-11-*.ndjson.gz', 'golive data validate --kind batch guests.json.gz']));
  for (const register of SUBCOMMANDS) register(data, run);
};
