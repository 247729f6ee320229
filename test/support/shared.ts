import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A path inside the shared folder next to the repository (../shared, or the nearest shared/ above
 * it; GOLIVE_SHARED_DIR wins). Samples there are read at test time, never copied into the repo.
 */
export function sharedPath(...parts: string[]): string {
  const rel = path.join(...parts);
  if (process.env.GOLIVE_SHARED_DIR) return path.join(process.env.GOLIVE_SHARED_DIR, rel);
  for (let dir = ROOT; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, '..', 'shared', rel);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`shared file not found: expected ../shared/${rel} next to ${ROOT} (or set GOLIVE_SHARED_DIR)`);
}

/** The three Spryker sample deploy files of ../shared/samples/spryker. */
export const SPRYKER_SAMPLES = {
  local: 'b2c-demo-shop.deploy.yml',
  template: 'b2c-demo-shop.deploy.aws-env-template.yml',
  production: 'b2c-demo-shop.deploy.spryker-b2c-production.yml',
} as const;

export const sprykerSample = (name: keyof typeof SPRYKER_SAMPLES): string => sharedPath('samples', 'spryker', SPRYKER_SAMPLES[name]);
