/**
 * Spryker deploy-file analysis: load (I/O) a deploy file into a DeployModel, analyse it (pure).
 * Pure code (rules, reports) imports model.ts, analyze.ts or summary.ts directly, not this index,
 * which also brings in the file-reading loader.
 */
export { analyzeDeploy, severityCounts } from './analyze.js';
export { loadDeployFile, type LoadOptions } from './load.js';
export * from './model.js';
export { summarizeModel, type DeploySummary } from './summary.js';
