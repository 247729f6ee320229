import { z } from 'zod';

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
      examples: z.array(z.object({ file: z.string(), line: z.number(), value: z.string().nullable().describe('The offending value, shortened; null when missing') })),
    })),
  }),
} as const;

export type JsonDocumentKind = keyof typeof JSON_DOCUMENTS;
