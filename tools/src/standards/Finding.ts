/** One break of the standards, located by subgraph and schema coordinate (`Person.name`). */
export interface Finding {
  /** The rule that found it, e.g. `description`, `classification`. */
  rule: string;
  /** The subgraph (department) at fault; `supergraph` when no single subgraph is. */
  subgraph: string;
  /** Schema coordinate: `Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`. */
  coordinate: string;
  /** What is wrong and what to do about it. */
  message: string;
}

/** `population: Person.name — has no description; ...` */
export function formatFinding(finding: Finding): string {
  return `${finding.subgraph}: ${finding.coordinate} — ${finding.message}`;
}
