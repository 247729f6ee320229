import { formatDiagnostic, type Diagnostic } from '../errors.js';
import type { Style } from './style.js';

export function renderDiagnosticsText(diagnostics: Diagnostic[], style: Style): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const lines = diagnostics.map((d) => {
    const [head, ...rest] = formatDiagnostic(d).split('\n');
    const painted = d.severity === 'error' ? style.red(head ?? '') : style.yellow(head ?? '');
    return [painted, ...rest.map((r) => style.dim(r))].join('\n');
  });
  const tally = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  const verdict = errors ? style.red(tally) : style.green(`valid (${tally})`);
  return [...lines, ...(lines.length ? [''] : []), verdict].join('\n');
}
