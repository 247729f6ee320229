import { Document, isScalar, isSeq, visit } from 'yaml';

export interface InitAnswers {
  id: string;
  name: string;
  goLive: string;
  timeZone: string;
  playbooks: string[];
  environments: { name: string; url: string; hosts?: string[]; vars?: Record<string, string>; deployFile?: string }[];
  people: { id: string; name: string; roles: string[]; email?: string }[];
  holidays: string[];
}

/** A project id from a name: "Acme Shop (EU)" -> "acme-shop-eu". */
export function slug(name: string): string {
  const s = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(s) ? s : `p-${s || 'project'}`;
}

/** Parse `--person alice:Alice Example:delivery-lead,tech-lead[:alice@example.com]`. */
export function parsePerson(spec: string): InitAnswers['people'][number] | undefined {
  const [id, name, roles, email] = spec.split(':');
  if (!id || !name || !roles) return undefined;
  return { id: id.trim(), name: name.trim(), roles: roles.split(',').map((r) => r.trim()).filter(Boolean), ...(email ? { email: email.trim() } : {}) };
}

/** YAML with lists of plain values on one line ([sat, sun]), as the docs write them. */
function compact(body: Record<string, unknown>): string {
  const doc = new Document(body);
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((i) => isScalar(i))) node.flow = true;
    },
    Map(_, node, path) {
      if (isSeq(path[path.length - 1])) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd();
}

/** golive.yaml text with comments that teach the format. */
export function projectYaml(a: InitAnswers, schemaPath: string): string {
  const body: Record<string, unknown> = {
    id: a.id,
    name: a.name,
    goLive: a.goLive,
    timeZone: a.timeZone,
    playbooks: a.playbooks,
    calendar: { weekend: ['sat', 'sun'], holidays: a.holidays },
    environments: Object.fromEntries(a.environments.map(({ name, ...rest }) => [name, rest])),
    people: a.people,
    policy: { freeze: 'T-7d', blockingSeverities: ['blocker'] },
  };
  if (a.environments.length === 0) delete body.environments;
  return [
    `# yaml-language-server: $schema=${schemaPath}`,
    '# golive project file. Reference: docs/playbooks.md; check it with `golive validate`.',
    '# goLive is local time in timeZone. Due dates count back from it; weekends and holidays move them earlier.',
    '# Departures from the playbooks go under overrides: (add, drop, reschedule, reown), each with a reason.',
    compact(body),
    '',
  ].join('\n');
}
