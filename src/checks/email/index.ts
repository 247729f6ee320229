import type { AnyProbe, AnyRule } from '../types.js';
import { dkimProbe } from './dkim.probe.js';
import { dkimRule } from './dkim.rule.js';
import { dmarcProbe } from './dmarc.probe.js';
import { dmarcRule } from './dmarc.rule.js';
import { mxProbe } from './mx.probe.js';
import { mxRule } from './mx.rule.js';
import { spfProbe } from './spf.probe.js';
import { spfRule } from './spf.rule.js';

/** The email pack: its probes and rules, registered by src/checks/registry.ts. */
export const probes: AnyProbe[] = [spfProbe, dkimProbe, dmarcProbe, mxProbe];
export const rules: AnyRule[] = [spfRule, dkimRule, dmarcRule, mxRule];
