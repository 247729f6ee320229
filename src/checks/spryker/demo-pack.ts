import type { AnyRule } from '../types.js';

/** The demo rules of the spryker pack. */
export const demoRules: AnyRule[] = [];
