import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinPlaybookIds } from '../src/playbook/builtin.js';
import { loadProject } from '../src/playbook/load.js';

const NOW = new Date('2026-01-05T10:00:00Z');

function projectUsing(playbooks: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'golive-builtin-'));
  const file = path.join(dir, 'golive.yaml');
  writeFileSync(
    file,
    ['id: builtin-check', 'name: Built-in check', 'goLive: 2026-06-15T09:00', 'timeZone: Europe/Berlin', `playbooks: [${playbooks.join(', ')}]`].join('\n'),
  );
  return file;
}

describe('built-in playbooks', () => {
  it('are the three the project ships', () => {
    expect(builtinPlaybookIds()).toEqual(['sitecore-cdp-personalize', 'spryker-cloud', 'web-launch']);
  });

  for (const id of ['sitecore-cdp-personalize', 'spryker-cloud', 'web-launch']) {
    it(`${id} loads without errors, alone`, () => {
      const { project, warnings } = loadProject(projectUsing([id]), { now: NOW });
      expect(warnings.filter((w) => w.severity === 'error')).toEqual([]);
      expect(project.tasks.length).toBeGreaterThan(8);
      for (const task of project.tasks) {
        expect(task.why.length, `${task.id} why`).toBeGreaterThan(30);
        expect(task.how.length, `${task.id} how`).toBeGreaterThan(30);
      }
    });
  }

  it('vendor playbooks include web-launch instead of repeating it', () => {
    const { project } = loadProject(projectUsing(['spryker-cloud', 'sitecore-cdp-personalize']), { now: NOW });
    const fromWeb = project.tasks.filter((t) => t.playbook === 'web-launch');
    expect(fromWeb.length).toBeGreaterThan(5);
    expect(new Set(project.tasks.map((t) => t.id)).size).toBe(project.tasks.length);
  });

  it('every vendor task but the ones it adds on top cites a seed requirement', () => {
    const { project } = loadProject(projectUsing(['spryker-cloud', 'sitecore-cdp-personalize']), { now: NOW });
    const vendor = project.tasks.filter((t) => t.playbook !== 'web-launch');
    const uncited = vendor.filter((t) => t.sources.length === 0).map((t) => t.id);
    expect(uncited.length).toBeLessThanOrEqual(Math.ceil(vendor.length * 0.15));
  });
});
