import {
  documentHash,
  FILE_COMPLAINT,
  RECORD_SECTIONS,
  recordDocument,
  SUBMIT_APPLICATION,
} from '@govgraph/desk';
import type { AccessRegistry, Caller, ClassificationLevel } from '@govgraph/governance';
import { type GraphQLSchema, type OperationDefinitionNode, parse } from 'graphql';
import {
  type ClassificationIndex,
  classificationIndex,
  strictest,
} from '../access/classificationIndex.js';
import { collectOperation } from '../access/collectOperation.js';
import { type Declared, judgeCoordinates } from '../access/policy.js';
import { judgeWrites } from '../access/writePolicy.js';
import { buildCatalog } from '../catalog/buildCatalog.js';

/** One record section as the desk shows it, judged for the signed-in caller. */
export interface SectionPlan {
  key: string;
  title: string;
  /** The department that answers it (its supergraph name, e.g. `tax`). */
  department: string;
  /** The strictest classification among its fields. */
  classification: ClassificationLevel;
  granted: boolean;
  /** Why not, when not granted. */
  reason?: string;
}

/** What the desk asks before it asks for a record: which sections, and under which document. */
export interface DeskPlan {
  sections: SectionPlan[];
  /** The trusted record document of the granted sections, by hash; null when none is granted. */
  recordHash: string | null;
  /** Each write the desk offers: whether the caller may, and its trusted document's hash. */
  writes: Record<
    'fileComplaint' | 'submitApplication',
    { allowed: boolean; reason?: string; hash: string }
  >;
}

interface SectionFacts {
  key: string;
  title: string;
  department: string;
  coordinates: readonly string[];
  classification: ClassificationLevel;
}

/**
 * Plans the desk's record from the loaded supergraph: each section's fields, department and
 * classification, judged by the same rules as the access policy (docs/access.md), so the desk
 * asks only for what the caller's grants cover and the policy never refuses the whole record.
 */
export function createDeskPlanner(registry: AccessRegistry) {
  let loaded: { sections: SectionFacts[]; index: ClassificationIndex } | undefined;
  return {
    update({
      apiSchema,
      coreSupergraphSdl,
    }: {
      apiSchema: GraphQLSchema;
      coreSupergraphSdl: string;
    }) {
      const index = classificationIndex(coreSupergraphSdl, 'CONFIDENTIAL');
      // The data catalog's view of the supergraph: the department that owns each Person field.
      const person = buildCatalog(coreSupergraphSdl).types.find((t) => t.name === 'Person');
      const departments = new Map(person?.fields.map((f) => [f.name, f.departments[0]]) ?? []);
      const sections = RECORD_SECTIONS.map((section) => {
        const document = parse(recordDocument([section.key]));
        const operation = document.definitions[0] as OperationDefinitionNode;
        const coordinates = collectOperation(apiSchema, document, operation).coordinates.filter(
          (c) => c !== 'Query.person',
        );
        return {
          key: section.key,
          title: section.title,
          department: departments.get(section.key) ?? 'unknown',
          coordinates,
          classification: coordinates.reduce<ClassificationLevel>(
            (level, c) => strictest(index.levelOf(c), level),
            'PUBLIC',
          ),
        };
      });
      loaded = { sections, index };
    },
    plan(caller: Caller, declared: Declared): DeskPlan | undefined {
      if (!loaded) return undefined;
      const { index } = loaded;
      const sections = loaded.sections.map((s): SectionPlan => {
        const denied = judgeCoordinates(
          ['Query.person', ...s.coordinates],
          index,
          caller,
          declared,
          registry,
        );
        // The tracker's own rule first: for a non-auditor agency no grant would change it.
        const reason =
          trackerReason(s.key, caller) ??
          (denied[0] ? `${denied[0].coordinate}: ${denied[0].reason}` : undefined);
        return {
          key: s.key,
          title: s.title,
          department: s.department,
          classification: s.classification,
          granted: reason === undefined,
          ...(reason !== undefined && { reason }),
        };
      });
      const granted = sections.filter((s) => s.granted).map((s) => s.key);
      const write = (coordinate: string, text: string) => {
        const denied = judgeWrites([coordinate], index, caller, declared, registry);
        const hash = documentHash(text);
        return denied[0]
          ? { allowed: false, reason: denied[0].reason, hash }
          : { allowed: true, hash };
      };
      return {
        sections,
        recordHash: granted.length > 0 ? documentHash(recordDocument(granted)) : null,
        writes: {
          fileComplaint: write('Mutation.fileComplaint', FILE_COMPLAINT),
          submitApplication: write('Mutation.submitApplication', SUBMIT_APPLICATION),
        },
      };
    },
  };
}

/**
 * The data tracker shows a person's access trail to auditor agencies and to that person only
 * (docs/access.md), whatever the grants say.
 */
function trackerReason(key: string, caller: Caller): string | undefined {
  if (key !== 'accessLog') return undefined;
  if (caller.kind === 'agency' && caller.roles.includes('auditor')) return undefined;
  return 'the access trail is shown to auditor agencies and to the citizen themself only';
}
