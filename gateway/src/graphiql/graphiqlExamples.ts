import { readFileSync } from 'node:fs';

/** One tab GraphiQL opens with (its `defaultTabs`). */
export interface ExampleTab {
  query: string;
  variables?: string;
}

/** The standard's published sample ID: valid, but in no synthetic world (the answer is null). */
export const SAMPLE_NATIONAL_ID = '11010519491231002X';

/** What an anonymous caller can run at once: every field in it is PUBLIC. */
export const PUBLIC_START = `# govgraph: one graph over the departments' registers.
#
# Without a credential you are anonymous and read PUBLIC
# fields only: company search, penalties, published tax
# ratings, statistics. For personal data, fill in the bar
# above (credential, purpose, case, operator): the schema
# and the docs (book icon) then show what your agency may
# read. The other tabs are examples.
#
# Run with Ctrl-Enter or the ▶ button.
query PublicStart {
  indicators(first: 5) {
    totalCount
    nodes {
      code
      name
      unit
      latestPeriod
      total
    }
  }
}
`;

export const COMPANY_SEARCH = `# Company search (PUBLIC): registered names containing the text, by name.
query CompanySearch($name: String!, $first: Int = 5) {
  searchLegalEntities(name: $name, first: $first) {
    totalCount
    nodes {
      creditCode
      name
      kind
      status
      established
      administrativePenalties(first: 3) {
        totalCount
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`;

export const STATISTICS = `# Statistics (PUBLIC): one indicator with its latest observations by county.
query Statistics($code: String! = "POP_REGISTERED") {
  indicator(code: $code) {
    code
    name
    unit
    frequency
    sourceDepartment
    releaseDate
    latestPeriod
    total
    observations(first: 10) {
      totalCount
      nodes {
        period
        divisionCode
        value
      }
    }
  }
}
`;

export interface ExampleOptions {
  /** The first tab; also what a new tab opens with. @default PUBLIC_START */
  defaultQuery?: string;
  /** The national ID the citizen-record tab's variables name. @default SAMPLE_NATIONAL_ID */
  nationalId?: string;
  /** Where `citizen-record.graphql` is read from. @default the repository root */
  citizenRecordPath?: string | URL;
}

/**
 * The tabs GraphiQL opens with on a first visit: the public start, the citizen record (the
 * repository's `citizen-record.graphql`, read once at start-up), a company search and the
 * statistics. GraphiQL keeps the tabs a person has open in its own storage after that.
 */
export function exampleTabs(options: ExampleOptions = {}): ExampleTab[] {
  const citizenRecord = readFileSync(
    options.citizenRecordPath ?? new URL('../../../citizen-record.graphql', import.meta.url),
    'utf8',
  );
  const variables = (value: Record<string, unknown>) => JSON.stringify(value, null, 2);
  return [
    { query: options.defaultQuery ?? PUBLIC_START },
    {
      query: citizenRecord,
      variables: variables({ nationalId: options.nationalId ?? SAMPLE_NATIONAL_ID }),
    },
    { query: COMPANY_SEARCH, variables: variables({ name: '有限公司' }) },
    { query: STATISTICS, variables: variables({ code: 'POP_REGISTERED' }) },
  ];
}
