import type { AnyProbe } from '../types.js';
import { demoBackofficeProbe } from './demo-backoffice.probe.js';
import { demoCatalogueProbe } from './demo-catalogue.probe.js';
import { demoLoginProbe } from './demo-login.probe.js';

/** The demo probes of the spryker pack (spryker/health-check uses the http pack's http/fetch). */
export const demoProbes: AnyProbe[] = [demoLoginProbe, demoCatalogueProbe, demoBackofficeProbe];
