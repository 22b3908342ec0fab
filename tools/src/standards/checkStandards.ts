import type { Composition } from '../composeDepartments.js';
import type { AcceptedChange } from './acceptedChanges.js';
import { breakingChangeRule } from './breakingChangeRule.js';
import { cacheHintRule } from './cacheHintRule.js';
import { classificationRule } from './classificationRule.js';
import { compositionErrorRule } from './compositionErrorRule.js';
import { descriptionRule } from './descriptionRule.js';
import { entityKeyRule } from './entityKeyRule.js';
import type { Finding } from './Finding.js';
import { listSizeRule } from './listSizeRule.js';
import { namingRule } from './namingRule.js';

export interface StandardsOptions {
  /** The last published supergraph to check breaking changes against; undefined skips that rule. */
  previousSupergraphSdl?: string | undefined;
  /** Breaking changes accepted in `gateway/accepted-changes.json`. */
  acceptedChanges?: readonly AcceptedChange[];
  /** `--accept-breaking`: accept every breaking change of this run. */
  acceptBreaking?: boolean;
}

export interface StandardsReport {
  /** Every break of the standards; any one fails the check. */
  findings: Finding[];
  /** Breaking changes that were accepted, reported for the record. */
  acceptedBreakingChanges: Finding[];
  /** accepted-changes.json entries that no longer match a change (safe to remove). */
  unusedAcceptances: AcceptedChange[];
}

/**
 * The standards check (README: The standards): every rule runs, so one report lists every finding.
 * The per-subgraph rules read each department's own SDL; the breaking-change rule needs a
 * composed supergraph and is skipped when composition failed (its errors are findings).
 */
export function checkStandards(
  composition: Composition,
  options: StandardsOptions = {},
): StandardsReport {
  const { subgraphs } = composition;
  const findings = [
    ...compositionErrorRule(
      composition.errors,
      subgraphs.map((s) => s.name),
    ),
    ...descriptionRule(subgraphs),
    ...classificationRule(subgraphs),
    ...namingRule(subgraphs),
    ...entityKeyRule(subgraphs),
    ...cacheHintRule(subgraphs),
    ...listSizeRule(subgraphs),
  ];
  const report: StandardsReport = { findings, acceptedBreakingChanges: [], unusedAcceptances: [] };
  if (composition.supergraphSdl !== undefined) {
    const breaking = breakingChangeRule({
      previousSupergraphSdl: options.previousSupergraphSdl,
      supergraphSdl: composition.supergraphSdl,
      accepted: options.acceptedChanges ?? [],
      acceptAll: options.acceptBreaking ?? false,
    });
    findings.push(...breaking.findings);
    report.acceptedBreakingChanges = breaking.accepted;
    report.unusedAcceptances = breaking.unused;
  }
  return report;
}
