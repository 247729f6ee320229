/**
 * Deploy hooks (`image.environment.SPRYKER_HOOK_*`) and the install recipes they run (pure).
 * `vendor/bin/install -r EU/production --no-ansi -vvv` runs `config/install/EU/production.yml`.
 */

export const HOOK_PREFIX = 'SPRYKER_HOOK_';

/** The normal-deploy install hook and its Spryker Cloud default when the file does not set it. */
export const INSTALL_HOOK = 'SPRYKER_HOOK_INSTALL';
export const DEFAULT_INSTALL_RECIPE = 'EU/production';

/** The recipe a hook command runs with `vendor/bin/install`, or undefined for other commands. */
export function recipeOf(command: string): string | undefined {
  const words = command.trim().split(/\s+/);
  const at = words.findIndex((w) => /(^|\/)install$/.test(w) && w.includes('bin/'));
  if (at < 0) return undefined;
  for (let i = at + 1; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-r' || w === '--recipe') return words[i + 1];
    const glued = /^(?:-r|--recipe=)(.+)$/.exec(w);
    if (glued) return glued[1];
  }
  return undefined;
}

/** Repository path of a recipe: `config/install/<name>.yml`. */
export const recipePath = (name: string): string => `config/install/${name.replace(/\.ya?ml$/, '')}.yml`;
