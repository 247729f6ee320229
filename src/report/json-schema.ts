import { z } from 'zod';
import { EXPERIMENT_JSON_DOCUMENTS } from './experiment.js';
import { LOAD_JSON_DOCUMENTS } from './load-json.js';

/**
 * The JSON that `--json` prints, one schema per command. Stable: fields are only added within a
 * schema version; a breaking change bumps the version in `schema`.
 */
const instant = z.string().describe('ISO 8601 instant in UTC, e.g. 2026-12-14T08:00:00.000Z');
const status = z.enum(['todo', 'in_progress', 'done', 'blocked', 'na']);
const severity = z.enum(['blocker', 'major', 'minor']);
const phase = z.enum(['prepare', 'cutover', 'hypercare']);

export const ProjectSummaryJson = z.object({
  id: z.string(),
  name: z.string(),
  goLive: instant,
  goLiveLocal: z.string().describe('Local go-live time as written in golive.yaml'),
  timeZone: z.string(),
  playbooks: z.array(z.object({ id: z.string(), version: z.string(), title: z.string() })),
});

export const PlanTaskJson = z.object({
  id: z.string(),
  title: z.string(),
  area: z.string(),
  owner: z.string(),
  people: z.array(z.string()).describe('People holding the owner role'),
  severity,
  phase,
  offset: z.string(),
  due: instant,
  dueLocal: z.string(),
  movedFrom: instant.optional().describe('Set when a weekend or holiday moved the due date earlier'),
  movedBecause: z.string().optional(),
  requires: z.array(z.string()),
  signoff: z.array(z.string()),
  playbook: z.string(),
  changes: z.array(z.object({ kind: z.string(), reason: z.string(), from: z.string().optional() })),
  status: status.optional().describe('Present when the plan is printed with state (report)'),
});

export const PlanJson = z.object({
  goLive: instant,
  freeze: instant,
  timeZone: z.string(),
  tasks: z.array(PlanTaskJson),
  findings: z.array(z.object({ code: z.string(), task: z.string(), requires: z.string(), message: z.string() })),
  dropped: z.array(z.object({ task: z.string(), reason: z.string() })),
});

export const StatusTaskJson = z.object({
  id: z.string(), title: z.string(), area: z.string(), owner: z.string(), severity, phase,
  due: instant, status, assignee: z.string().nullable(), waived: z.boolean(), signoffsNeeded: z.array(z.string()),
});

const ReadinessJson = z.object({
  key: z.string(), title: z.string(), total: z.number(), closed: z.number(), overdue: z.number(), blocked: z.number(), percent: z.number(), people: z.array(z.string()).optional(),
});

export const StatusJson = z.object({
  now: instant,
  goLive: instant,
  freeze: instant,
  totals: z.object({ total: z.number(), todo: z.number(), in_progress: z.number(), done: z.number(), blocked: z.number(), na: z.number(), overdue: z.number() }),
  overdue: z.array(StatusTaskJson),
  dueThisWeek: z.array(StatusTaskJson),
  upcoming: z.array(StatusTaskJson),
  byArea: z.array(ReadinessJson),
  byOwner: z.array(ReadinessJson),
});

const GateTaskJson = z.object({
  id: z.string(), title: z.string(), severity, owner: z.string(), people: z.array(z.string()), due: instant, status,
  signoffs: z.array(z.object({ role: z.string(), state: z.enum(['missing', 'expired', 'lapsed']) })).optional(),
  waiver: z.object({ person: z.string(), reason: z.string(), until: instant }).optional(),
  checks: z.array(z.object({ rule: z.string(), target: z.string(), status: z.string(), summary: z.string(), at: instant.optional() })).optional().describe('Check results behind a checks reason'),
});

export const GateJson = z.object({
  verdict: z.enum(['GO', 'GO-WITH-RISKS', 'NO-GO']),
  at: instant,
  goLive: instant,
  freeze: instant,
  frozen: z.boolean().describe('The freeze point has passed: every pre-launch task must be done'),
  recommendation: z.string().optional(),
  reasons: z.array(z.object({ rule: z.enum(['blockers-due', 'signoffs', 'freeze', 'waivers', 'checks', 'warnings']), level: z.enum(['no-go', 'risk', 'note']), message: z.string(), tasks: z.array(GateTaskJson) })),
});

export const BurndownJson = z.array(z.object({ date: z.string(), open: z.number().optional(), planned: z.number() }));

export const SignoffJson = z.object({ task: z.string(), person: z.string(), role: z.string(), at: instant, evidence: z.string().nullable(), expiresAt: instant.nullable(), state: z.enum(['valid', 'expired', 'lapsed', 'revoked']) });
export const WaiverJson = z.object({ task: z.string(), person: z.string(), reason: z.string(), at: instant, until: instant, state: z.enum(['active', 'expired', 'revoked']) });

const verdictStatus = z.enum(['pass', 'warn', 'fail', 'error', 'skipped', 'manual']);
const FindingJson = z.object({ severity: z.enum(['fail', 'warn', 'info']), code: z.string(), message: z.string(), hint: z.string().optional(), subject: z.string().optional() });
export const CheckResultJson = z.object({
  task: z.string().optional().describe('Task the check belongs to (absent for golive probe)'),
  rule: z.string(),
  target: z.string(),
  status: verdictStatus,
  summary: z.string(),
  code: z.string().optional().describe('Probe error code when status is error, e.g. TIMEOUT'),
  findings: z.array(FindingJson),
  evidence: z.unknown().describe('What the probe saw, redacted of secrets'),
  durationMs: z.number(),
  attempts: z.number(),
  docs: z.string().optional(),
});
const countsJson = z.object({ pass: z.number(), warn: z.number(), fail: z.number(), error: z.number(), skipped: z.number(), manual: z.number() });
const RuleOptionJson = z.object({ name: z.string(), type: z.string(), default: z.unknown().optional(), description: z.string().optional(), required: z.boolean() });

const version = (name: string) => z.literal(`golive.${name}/1`).describe('Document kind and version');

const locationJson = z.object({ file: z.string(), line: z.number().nullable().describe('Physical line (CSV: the header is line 1); null for JSON arrays and Parquet'), record: z.number().describe('Position of the record in its file, from 1') });
const examplesOf = <T extends z.ZodType>(item: T) => z.object({ count: z.number(), examples: z.array(item) });
const fieldPairJson = z.object({ source: z.string(), target: z.string() }).describe('A field as each side names it');
const keyAtJson = z.object({ key: z.string(), at: locationJson });
const valueAtJson = z.object({ at: locationJson, value: z.string().nullable().describe('Trimmed; null when empty') });
const recordFileJson = z.object({ file: z.string(), format: z.enum(['csv', 'tsv', 'ndjson', 'json', 'parquet']), records: z.number() });
const badRecordJson = z.object({ file: z.string(), line: z.number().nullable(), reason: z.string() });
const reconcileSideJson = z.object({
  files: z.array(recordFileJson),
  rows: z.number(),
  keys: z.number().describe('Distinct keys'),
  withoutKey: examplesOf(locationJson),
  duplicates: examplesOf(z.object({ key: z.string(), rows: z.number(), at: z.array(locationJson).describe('The first rows holding the key') })).extend({ rows: z.number().describe('Rows beyond each key\'s first') }),
  unreadable: examplesOf(badRecordJson).describe('Records that could not be read: malformed CSV records, lines that are not JSON objects'),
});

const idWhereJson = z.object({ file: z.string(), line: z.number() });
const idKeyJson = z.object({ provider: z.string(), id: z.string() });
const idBrowserJson = idWhereJson.extend({ browserId: z.string() }).describe('A browser and its first event');
const idLinesJson = z.object({
  files: z.array(z.object({ file: z.string(), lines: z.number(), error: z.string().optional().describe('Set when the file was not read') })),
  lines: z.number(), validLines: z.number(), invalidLineCount: z.number(),
  invalidLines: z.array(z.object({ file: z.string(), line: z.number(), reason: z.string() })).describe('The first invalid lines in file order; invalidLineCount counts all'),
});

export const JSON_DOCUMENTS = {
  plan: z.object({ schema: version('plan'), project: ProjectSummaryJson, plan: PlanJson }),
  'what-if': z.object({
    schema: version('what-if'),
    project: ProjectSummaryJson,
    diff: z.object({
      from: instant, to: instant, shiftDays: z.number(), freeze: z.object({ from: instant, to: instant }),
      changes: z.array(z.object({ task: z.string(), title: z.string(), from: instant, to: instant, shiftDays: z.number(), nowPast: z.boolean(), uneven: z.boolean() })),
      findings: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
    }),
  }),
  status: z.object({ schema: version('status'), project: ProjectSummaryJson, status: StatusJson }),
  gate: z.object({ schema: version('gate'), project: ProjectSummaryJson, gate: GateJson }),
  report: z.object({
    schema: version('report'),
    generatedAt: instant,
    project: ProjectSummaryJson,
    gate: GateJson,
    status: StatusJson,
    plan: PlanJson,
    burndown: BurndownJson,
    signoffs: z.array(SignoffJson),
    waivers: z.array(WaiverJson),
    audit: z.object({ entries: z.number(), head: z.string().nullable() }),
  }),
  validate: z.object({
    schema: version('validate'),
    ok: z.boolean(),
    tasks: z.number().optional(),
    diagnostics: z.array(z.object({ severity: z.enum(['error', 'warning']), code: z.string(), file: z.string(), line: z.number(), column: z.number(), path: z.string(), message: z.string(), hint: z.string().optional() })),
  }),
  'audit-verify': z.object({
    schema: version('audit-verify'),
    ok: z.boolean(), entries: z.number(), head: z.string().nullable(),
    chain: z.array(z.object({ seq: z.number(), problem: z.string() })),
    state: z.array(z.string()),
  }),
  check: z.object({
    schema: version('check'),
    title: z.string(),
    environment: z.string().optional(),
    startedAt: instant,
    finishedAt: instant,
    cancelled: z.boolean(),
    counts: countsJson,
    results: z.array(CheckResultJson),
  }),
  rules: z.object({
    schema: version('rules'),
    rules: z.array(z.object({ id: z.string(), probe: z.string(), title: z.string(), failureTitle: z.string(), description: z.string(), docs: z.string(), target: z.string(), options: z.array(RuleOptionJson) })),
  }),
  'spryker-analyze': z.object({
    schema: version('spryker-analyze'),
    file: z.string().describe('The deploy file as given'),
    ok: z.boolean().describe('No finding fails'),
    domains: z.array(z.string()).describe('The declared final domains the hosts were checked against'),
    repo: z.string().optional().describe('The repository the recipe checks read, when given'),
    counts: z.object({ fail: z.number(), warn: z.number(), info: z.number() }),
    summary: z.object({
      file: z.string(), files: z.array(z.string()).describe('The deploy file and every imported template'),
      version: z.string().nullable(), namespace: z.string().nullable(), environment: z.string().nullable(), pipeline: z.string().nullable(), dynamicStore: z.boolean(),
      markers: z.object({ environment: z.string().nullable(), composerMode: z.string().nullable(), assetsMode: z.string().nullable(), ssl: z.boolean(), debug: z.boolean(), xdebug: z.boolean(), maintenance: z.boolean(), mount: z.string() }),
      regions: z.array(z.object({ name: z.string(), stores: z.array(z.string()), mailSender: z.object({ name: z.string().optional(), email: z.string().optional() }).optional() })),
      endpoints: z.array(z.object({
        host: z.string(), port: z.number().optional(), app: z.string(), application: z.string(), entryPoint: z.string().optional(), store: z.string().optional(), region: z.string().optional(), primal: z.boolean(),
        auth: z.object({ engine: z.string(), users: z.number() }).optional(), corsAllowOrigin: z.string().optional(), realIp: z.boolean(), redirect: z.object({ code: z.number().optional(), url: z.string().optional() }).optional(), line: z.number(),
      })).describe('At most 100; endpointsTotal counts all'),
      endpointsTotal: z.number(),
      services: z.array(z.object({ service: z.string(), host: z.string(), port: z.number().optional(), protocol: z.string() })),
      hooks: z.array(z.object({ name: z.string(), recipe: z.string().optional() })),
      imageEnvironment: z.array(z.string()).describe('Names of image.environment variables (values are never printed)'),
      repository: z.object({ root: z.string(), recipes: z.array(z.object({ name: z.string(), hook: z.string(), exists: z.boolean() })) }).optional(),
    }),
    findings: z.array(z.object({
      severity: z.enum(['fail', 'warn', 'info']), code: z.string(), message: z.string(), hint: z.string(),
      file: z.string(), line: z.number(), column: z.number(), path: z.string().describe('Field path in the merged deploy file; empty for repository files'),
      topic: z.enum(['production', 'endpoints', 'security', 'mail', 'recipes']),
    })),
  }),
  'data-validate': z.object({
    schema: version('data-validate'),
    kind: z.enum(['events', 'batch']).describe('What the files hold: event exports or batch upload files'),
    ok: z.boolean().describe('No failing rule has violations, every line is a JSON object and every file was read'),
    project: z.string().optional().describe('golive.yaml the declared lists come from, when one was found'),
    declared: z.object({
      languages: z.array(z.string()).nullable(), currencies: z.array(z.string()).nullable(), pointsOfSale: z.array(z.string()).nullable(),
    }).describe('Lists from cdp: in golive.yaml; null = not declared (languages and currencies: the ISO list; points of sale: any non-empty)'),
    files: z.array(z.object({
      file: z.string(), lines: z.number(), error: z.string().optional().describe('Set when the file was not read'),
      bytes: z.number().optional().describe('Batch files: size on disk'),
      md5: z.string().optional().describe('Batch files: MD5 of the file as uploaded (hex), which the upload step asks for'),
      members: z.number().nullable().optional().describe('Batch files: gzip members (one expected); null when the file was too large to inflate'),
    })),
    lines: z.number().describe('Physical lines in the files that could be read'),
    validLines: z.number(),
    invalidLineCount: z.number(),
    invalidLines: z.array(z.object({ file: z.string(), line: z.number(), reason: z.string() })).describe('The first invalid lines in file order; invalidLineCount counts all'),
    rules: z.array(z.object({
      id: z.string(), title: z.string(), severity: z.enum(['fail', 'warn']),
      applicable: z.number().describe('Events the rule applies to'), violations: z.number(), rate: z.number().describe('violations / applicable, 0 when nothing applies'),
      ok: z.boolean().describe('The rule holds: no violation, or for a rule with a threshold, a share at or above its minimum'),
      subject: z.string().optional().describe('What the result is about when a rule yields one result per declared item, e.g. ext.loyaltyTier'),
      threshold: z.object({
        measure: z.string().describe('What value measures, e.g. fill rate'),
        value: z.number().describe('(applicable - violations) / applicable; 0 when nothing applies'),
        min: z.number().describe('The declared minimum'),
      }).optional().describe('Aggregate rules (events/ext-fill-rate): the rule fails only when value < min; violations list the events that lower it'),
      examples: z.array(z.object({ file: z.string(), line: z.number(), value: z.string().nullable().describe('The offending value, shortened; null when missing') })),
    })),
  }),
  'data-reconcile': z.object({
    schema: version('data-reconcile'),
    ok: z.boolean().describe('The sides agree: every key once on each side, values and sums agree, every record read'),
    given: z.object({ source: z.array(z.string()), target: z.array(z.string()) }).describe('The files or globs as given'),
    key: fieldPairJson,
    tolerance: z.number().describe('Largest difference between two numbers that still counts as equal'),
    source: reconcileSideJson,
    target: reconcileSideJson,
    matched: z.number().describe('Keys on both sides'),
    missing: examplesOf(keyAtJson).describe('Keys in the source and not in the target, each at its first source row'),
    extra: examplesOf(keyAtJson).describe('Keys in the target and not in the source, each at its first target row'),
    mismatches: z.array(examplesOf(z.object({ key: z.string(), source: valueAtJson, target: valueAtJson })).extend({ field: fieldPairJson })).describe('Per compared field, the matched keys whose values differ'),
    sums: z.object({
      field: fieldPairJson,
      currency: fieldPairJson.nullable().describe('null: one total over all rows'),
      totals: z.array(z.object({
        currency: z.string().nullable().describe('null: rows without a currency, or the one total'),
        source: z.number(), target: z.number(), difference: z.number().describe('target - source'),
        sourceRows: z.number(), targetRows: z.number(), ok: z.boolean(),
      })),
      notNumbers: z.object({ source: examplesOf(valueAtJson), target: examplesOf(valueAtJson) }).describe('Values of the sum field that are not numbers (empty ones are skipped)'),
    }).nullable().describe('Present with --sum'),
  }),
  'data-segments': z.object({
    schema: version('data-segments'),
    ok: z.boolean().describe('Every segment was read and every expectation holds'),
    project: z.string().describe('golive.yaml the segments are declared in'),
    segments: z.array(z.object({
      name: z.string(), export: z.string().describe('The export as declared, relative to golive.yaml'), match: z.string(),
      ok: z.boolean(),
      files: z.array(recordFileJson), rows: z.number(), guests: z.number().describe('Distinct non-empty match values'), withoutMatch: z.number(),
      unreadable: examplesOf(badRecordJson),
      checks: z.array(z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('includes'), ok: z.boolean(), expected: z.array(z.string()), missing: z.array(z.string()) }),
        z.object({ kind: z.literal('excludes'), ok: z.boolean(), expected: z.array(z.string()), unexpected: z.array(z.object({ guest: z.string(), at: locationJson })) }),
        z.object({ kind: z.literal('size'), ok: z.boolean(), rows: z.number(), min: z.number().nullable(), max: z.number().nullable() }),
        z.object({
          kind: z.literal('source-count'), ok: z.boolean(), rows: z.number(), source: z.string(), files: z.array(recordFileJson),
          counted: z.string().describe('rows, or distinct <sourceMatch>'), count: z.number(), tolerance: z.number(), low: z.number(), high: z.number(),
        }),
      ])),
      error: z.object({ message: z.string(), hint: z.string().optional() }).optional().describe('Set when the export or the source could not be read'),
    })),
  }),
  'data-identities': z.object({
    schema: version('data-identities'),
    ok: z.boolean().describe('No failing finding: every file read, no invalid line, no shared identifier over the threshold; with guests also no split person, merging guest, identified browser reaching no guest or line without a guest record'),
    project: z.string().optional().describe('golive.yaml the identity rules come from, when declared there'),
    rules: z.array(z.string()).describe('Identity-rule providers used, in priority order (case-sensitive)'),
    rulesSource: z.enum(['golive.yaml', '--rules', 'none declared']).describe('none declared: every provider seen in the events, most used first'),
    note: z.string().describe('Where the rules come from, in words'),
    findings: z.array(z.object({ level: z.enum(['fail', 'info']), text: z.string() })).describe('fail findings make the exit code 1'),
    events: idLinesJson,
    eventsWithoutBrowser: z.number().describe('Valid event lines without browser_id (no record to stitch)'),
    browsers: z.number(), identifiedBrowsers: z.number().describe('Browsers with an identifier of a rule on an IDENTITY event'), anonymousBrowsers: z.number(),
    identifiers: z.number().describe('Distinct (browser, identifier) pairs of rule providers'),
    keys: z.number().describe('Distinct identifiers (provider and id) of rule providers'),
    ignored: z.array(z.object({ provider: z.string().nullable(), reason: z.enum(['not a rule', 'empty id']), count: z.number() })).describe('Identifiers CDP ignores with these rules'),
    persons: z.number().describe('Expected persons: browsers joined by shared identifiers, transitively'),
    multiBrowserPersons: z.number(),
    largestPersons: z.array(z.object({ browsers: z.number(), identifier: idKeyJson.describe('The person\'s smallest identifier'), browserId: z.string().describe('The person\'s smallest browser id') })),
    sharedThreshold: z.number(),
    sharedKeys: z.object({ count: z.number(), examples: z.array(idKeyJson.extend({ browsers: z.number(), lines: z.array(idWhereJson).describe('First IDENTITY events carrying it') })) })
      .describe('Identifiers linking more browsers than sharedThreshold (a test address, "undefined")'),
    guests: z.object({
      lines: idLinesJson,
      notGuests: z.object({ count: z.number(), examples: z.array(idWhereJson.extend({ reason: z.string() })) }).describe('Valid lines without a ref, or batch records of another schema'),
      guests: z.number().describe('Distinct guest refs'),
      splitPersons: z.object({ count: z.number(), examples: z.array(z.object({
        browsers: z.number(), browserIds: z.array(z.string()), guests: z.number(), guestRefs: z.array(z.string()).describe('At most 20; guests counts all'),
      })) }).describe('Persons whose identifiers sit on several guests, by smallest browser id'),
      mergingGuests: z.object({ count: z.number(), examples: z.array(idWhereJson.extend({ guestRef: z.string(), provider: z.string(), ids: z.array(z.string()) })) })
        .describe('Guests holding two different ids of the top-priority provider'),
      unreached: z.object({
        browsers: z.number(), events: z.number(), identifiedBrowsers: z.number(), identifiedEvents: z.number(),
        examples: z.array(idBrowserJson), identifiedExamples: z.array(idBrowserJson),
      }).describe('Browsers (and their events) whose person shares no identifier with a guest; identified*: those with an identifier of a rule (a failure), the rest are anonymous'),
      nonCustomerGuests: z.object({ count: z.number(), examples: z.array(idWhereJson.extend({ guestRef: z.string(), guestType: z.string().nullable() })) })
        .describe('Guests with identifiers whose guestType is not customer (information)'),
    }).optional().describe('Present with --guests'),
  }),
  ...EXPERIMENT_JSON_DOCUMENTS,
  ...LOAD_JSON_DOCUMENTS,
} as const;

export type JsonDocumentKind = keyof typeof JSON_DOCUMENTS;
