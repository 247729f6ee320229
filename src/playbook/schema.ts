import { z } from 'zod';
import { CdpSchema } from './cdp.js';

/** `T0`, `T-3d`, `T+2w`, `T-10wd` (working days), `T-4h`. */
export const OFFSET_PATTERN = /^T(?:0|[+-][1-9]\d{0,2}(?:d|w|wd|h))$/;
const ID_PATTERN = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const id = (what: string, example: string) =>
  z.string().regex(ID_PATTERN, {
    message: `a ${what} id uses lower-case letters, digits, "-" and "." and starts with a letter (e.g. "${example}")`,
  });

export const TaskId = id('task', 'spryker.dns-strategy').describe('Task id, unique across every playbook a project uses.');
export const RoleId = id('role', 'delivery-lead').describe('Role id, declared in a playbook or the project.');
export const AreaId = id('area', 'dns').describe('Area id, declared in the playbook that uses it.');
export const PersonId = id('person', 'alice').describe('Person id, used with --as on the command line.');
export const PlaybookRef = z
  .string()
  .min(1)
  .describe('A built-in playbook id (e.g. "spryker-cloud") or a path to a playbook file relative to this file.');

export const Offset = z
  .string()
  .regex(OFFSET_PATTERN, { message: 'expected an offset from the go-live day such as T-3w, T-5d, T-10wd, T-4h, T0 or T+2w' })
  .describe('Due offset from go-live: T0, T-<n>d days, T-<n>w weeks, T-<n>wd working days, T-<n>h hours (n up to 999); T+ for after go-live.');

export const DateOnly = z
  .string()
  .regex(DATE_PATTERN, { message: 'expected a date as YYYY-MM-DD' })
  .describe('A calendar date, YYYY-MM-DD.');

export const Severity = z.enum(['blocker', 'major', 'minor']).describe('blocker stops the launch; major and minor are reported.');
export const Phase = z
  .enum(['prepare', 'cutover', 'hypercare'])
  .describe('prepare: before go-live; cutover: on the go-live day; hypercare: after go-live.');

export const Source = z
  .strictObject({
    doc: z.string().min(1).describe('Seed document id, e.g. "spryker-cloud-go-live-preparation".'),
    section: z.string().min(1).describe('Heading of the section the item is under, without its number.'),
    item: z.string().min(1).describe('A short phrase that occurs in exactly one requirement of that section.'),
  })
  .describe('The vendor checklist requirement this task encodes.');

/** "30s", "1500ms", "10m", "24h", "2d". */
export const DURATION_PATTERN = /^(\d{1,6})(ms|s|m|h|d)$/;
export const Duration = z
  .string()
  .regex(DURATION_PATTERN, { message: 'expected a duration such as 1500ms, 10s, 5m, 24h or 2d' })
  .describe('A duration: a whole number with ms, s, m, h or d, e.g. 10s or 24h.');

export const CheckTarget = z
  .union([z.string().min(1), z.record(z.string(), z.unknown())])
  .describe('What the rule looks at: a host, domain or URL (golive rules shows which), or a mapping such as {host: shop.example.com, port: 443}. ${env.<name>} is replaced per environment.');

export const CheckSchema = z
  .strictObject({
    rule: z.string().min(1).describe('Rule id, e.g. tls/cert-expiry (golive rules lists them).'),
    target: CheckTarget,
    with: z.record(z.string(), z.unknown()).optional().describe('Rule options, e.g. {minDaysAfterGoLive: 30}; golive rules <id> lists them.'),
    environments: z.array(id('environment', 'production')).optional().describe('Run only in these environments (default: every environment).'),
  })
  .describe('A rule applied to a target: evidence that the task is really done.');

export const TaskSchema = z
  .strictObject({
    id: TaskId,
    title: z.string().min(1).describe('What is true when the task is done, as a short sentence.'),
    area: AreaId,
    why: z.string().min(1).describe('Why it matters: what goes wrong on launch day without it.'),
    how: z.string().min(1).describe('What to do, concretely.'),
    owner: RoleId.describe('The role accountable for the task.'),
    due: Offset.optional(),
    phase: Phase.optional(),
    requires: z.array(TaskId).optional().describe('Tasks that must be done before this one.'),
    severity: Severity,
    signoff: z.array(RoleId).optional().describe('Roles that must sign the task off before go-live.'),
    source: z.union([Source, z.array(Source).min(1)]).optional(),
    links: z.array(z.url({ message: 'expected a full URL such as https://docs.example.com/page' })).optional().describe('Further reading.'),
    checks: z.array(CheckSchema).optional().describe('Checks that verify the task against reality (golive check runs them).'),
  })
  .describe('One thing that must be true before (or after) go-live.');

export const PlaybookSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: id('playbook', 'spryker-cloud'),
    version: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/, { message: 'expected a version as MAJOR.MINOR.PATCH' })
      .describe('Version of this playbook; bump it when tasks change.'),
    title: z.string().min(1).describe('Playbook title, shown in reports.'),
    description: z.string().optional().describe('What the playbook covers and when to use it.'),
    includes: z.array(PlaybookRef).optional().describe('Playbooks whose tasks this one builds on.'),
    roles: z.record(RoleId, z.string().min(1)).optional().describe('Roles this playbook introduces, with what they do.'),
    areas: z.record(AreaId, z.string().min(1)).optional().describe('Areas this playbook groups its tasks in, with their titles.'),
    tasks: z.array(TaskSchema),
  })
  .describe('A versioned list of go-live tasks grouped in areas.');

const reason = z.string().min(3).describe('Why the project departs from the playbook; kept in the plan for reviewers.');

export const PersonSchema = z.strictObject({
  id: PersonId,
  name: z.string().min(1).describe('Full name, shown in reports and calendar invitations.'),
  email: z.email().optional().describe('Email, used for calendar invitations (golive plan --format ics).'),
  roles: z.array(RoleId).min(1, { message: 'a person needs at least one role' }).describe('Roles this person holds, e.g. [delivery-lead, product].'),
});

export const NetworkSchema = z
  .strictObject({
    resolvers: z.array(z.string().min(1)).optional().describe('DNS servers to ask, as IP or IP:PORT, e.g. [10.0.0.2, "127.0.0.1:5353"] (default: the system\'s).'),
    resolve: z
      .array(z.string().regex(/^[^:\s]+:(\d{1,5}|\*):\S+$/, { message: 'expected HOST:PORT:ADDRESS such as shop.example.com:443:10.0.0.5' }).describe('HOST:PORT:ADDRESS, e.g. shop.example.com:443:10.0.0.5 (port * for every port; an IPv6 address in brackets)'))
      .optional()
      .describe('Host overrides like curl --resolve, HOST:PORT:ADDRESS: rehearse against the new platform before the DNS switch.'),
    caFile: z.string().min(1).optional().describe('PEM file of extra trusted CA certificates (relative to golive.yaml), e.g. a staging CA.'),
    timeout: Duration.optional().describe('Time limit of each probe (default 10s).'),
    concurrency: z.number().int().min(1).max(256).optional().describe('Probes running at once (default 8).'),
  })
  .describe('Network controls for checks in this environment; command-line options win.');

export const EnvironmentSchema = z.strictObject({
  url: z.url({ message: 'expected a full URL such as https://www.example.com' }).optional().describe('The main URL of this environment; checks read it as ${env.url} and its host as ${env.host}.'),
  hosts: z.array(z.string().min(1)).optional().describe('Host names that belong to this environment.'),
  vars: z.record(z.string(), z.string()).optional().describe('Variables that checks reference as ${env.<name>}.'),
  network: NetworkSchema.optional(),
  deployFile: z.string().min(1).optional().describe('Spryker deploy file of this environment (relative to golive.yaml): its endpoints, apex and mail sender become check targets.'),
  loginProbes: z.boolean().optional().describe('Let checks try to log in with known demo accounts here (one attempt per account and run); off by default, --allow-login-probes does the same for one run.'),
});

export const PolicySchema = z
  .strictObject({
    freeze: Offset.optional().describe('From this point every pre-launch task must be done (default T-7d).'),
    blockingSeverities: z
      .array(Severity)
      .optional()
      .describe('Severities whose overdue tasks make the gate NO-GO (default [blocker]).'),
    waiverRoles: z.array(RoleId).optional().describe('Roles allowed to accept a risk with a waiver (default: anyone declared).'),
    maxWaiverDays: z.number().int().positive().optional().describe('Longest a waiver may run, in days (default 30).'),
    checks: z
      .strictObject({
        environment: id('environment', 'production').optional().describe('Environment whose check results the gate judges (default production).'),
        freshness: Duration.optional().describe('How old a check result may be and still count (default 24h).'),
        unverified: z.enum(['note', 'no-go']).optional().describe('What a blocker check without a fresh result does to the verdict (default note).'),
      })
      .optional()
      .describe('How check results count in the gate: a blocking task whose latest fresh result is fail or error is NO-GO.'),
  })
  .describe('How the gate decides GO / NO-GO.');

export const ProjectSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: id('project', 'acme-shop').describe('Project id; keeps projects apart in a shared store, e.g. acme-shop.'),
    name: z.string().min(1).describe('Project name, shown in reports, e.g. Acme shop relaunch.'),
    goLive: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?$/, {
        message: 'expected the local go-live time as YYYY-MM-DDTHH:MM (the zone goes in timeZone)',
      })
      .describe('Local date and time the site goes live, e.g. 2026-12-14T09:00.'),
    timeZone: z.string().min(1).describe('IANA time zone of the go-live, e.g. Europe/Berlin.'),
    launched: z.boolean().optional().describe('Set once live, so a go-live in the past is expected.'),
    hypercare: Offset.optional().describe('End of hypercare, due date of hypercare tasks without one (default T+2w).'),
    playbooks: z.array(PlaybookRef).min(1, { message: 'a project uses at least one playbook' }),
    calendar: z
      .strictObject({
        weekend: z.array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])).optional(),
        holidays: z.array(z.union([DateOnly, z.strictObject({ date: DateOnly, name: z.string() })])).optional(),
      })
      .optional()
      .describe('Non-working days; a due date that falls on one moves to the working day before.'),
    environments: z.record(id('environment', 'production'), EnvironmentSchema).optional(),
    roles: z.record(RoleId, z.string().min(1)).optional().describe('Roles the project adds to those of its playbooks.'),
    people: z.array(PersonSchema).optional(),
    areas: z.record(AreaId, z.string().min(1)).optional().describe('Areas for tasks the project adds.'),
    overrides: z
      .strictObject({
        add: z.array(TaskSchema.extend({ reason })).optional(),
        drop: z.array(z.strictObject({ task: TaskId, reason })).optional(),
        reschedule: z
          .array(z.strictObject({ task: TaskId, due: Offset.optional(), phase: Phase.optional(), reason }))
          .optional(),
        reown: z.array(z.strictObject({ task: TaskId, owner: RoleId, reason })).optional(),
        checks: z
          .array(
            z.strictObject({
              task: TaskId.optional().describe('The task whose checks change; without it the override changes (or drops) the checks of every task whose rule matches `rule`.'),
              rule: z.string().min(1).describe('The rule of the check to change, add or drop, e.g. dns/records; without `task` also a pattern such as page/* (every page check).'),
              target: CheckTarget.optional().describe('New target (required when the task has no check with this rule yet).'),
              with: z.record(z.string(), z.unknown()).optional().describe('Options merged over the check\'s own, e.g. {A: [203.0.113.10]}.'),
              environments: z.array(id('environment', 'production')).optional().describe('Run only in these environments.'),
              drop: z.boolean().optional().describe('Remove every check with this rule from the task.'),
              reason,
            }),
          )
          .optional()
          .describe('Change, add or drop checks of tasks (also those of built-in playbooks), each with a reason.'),
      })
      .optional()
      .describe('How this project departs from its playbooks, each with a reason.'),
    policy: PolicySchema.optional(),
    cdp: CdpSchema.optional(),
  })
  .describe('A golive project: golive.yaml in your repository.');

export type TaskInput = z.infer<typeof TaskSchema>;
export type SourceRef = z.infer<typeof Source>;
export type PlaybookInput = z.infer<typeof PlaybookSchema>;
export type ProjectInput = z.infer<typeof ProjectSchema>;
export type PersonInput = z.infer<typeof PersonSchema>;
export type PolicyInput = z.infer<typeof PolicySchema>;
export type SeverityName = z.infer<typeof Severity>;
export type PhaseName = z.infer<typeof Phase>;
export type CheckInput = z.infer<typeof CheckSchema>;
export type NetworkInput = z.infer<typeof NetworkSchema>;
