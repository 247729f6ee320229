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
    .addHelpText('after', examples([
      '# event exports against the platform\'s formats and the declared facts; batch files before the upload',
      'golive data validate --kind events exports/events-2026-11-*.ndjson.gz',
      'golive data validate --kind batch upload/guests.json.gz',
      '# the profiles the identity rules should give, and how the guests compare',
      'golive data identities --events exports/events-*.ndjson.gz --guests exports/guests.ndjson.gz',
      '# a source extract against a platform export, by key',
      'golive data reconcile --source crm/orders.csv --target exports/orders.ndjson --key referenceId --sum price',
      '# the segment expectations under cdp.segments against audience exports',
      'golive data segments',
      '',
      '# the same checks run in golive check on the Sitecore playbook\'s data tasks (docs/sitecore-cdp.md)',
    ]));
  for (const register of SUBCOMMANDS) register(data, run);
};
