import type { AnyRule } from '../types.js';

/** The deploy rules of the spryker pack. */
export const deployRules: AnyRule[] = [];
