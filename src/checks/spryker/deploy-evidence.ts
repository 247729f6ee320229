import type { DeployFinding, DeployTopic } from '../../spryker/deploy/model.js';
import type { DeploySummary } from '../../spryker/deploy/summary.js';

/** What spryker/deploy-file gathers: the model without secrets, and every finding of the analysis. */
export interface DeployFileEvidence {
  summary: DeploySummary;
  findings: DeployFinding[];
  /** Findings left out per topic to keep the evidence small (the rules say so). */
  omitted: Partial<Record<DeployTopic, number>>;
  /** Whether a repository was read, so the recipe rule can tell "checked" from "not asked". */
  repositoryChecked: boolean;
}
