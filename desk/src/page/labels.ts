/** Department names as the clerk knows them, by the department's supergraph name. */
export const DEPARTMENT_TITLES: Readonly<Record<string, string>> = {
  population: 'Population registry',
  market: 'Business registry',
  housing: 'Real-estate registry',
  tax: 'Tax administration',
  social: 'Social insurance',
  complaints: 'Citizen hotline',
  approvals: 'Parallel approvals',
  statistics: 'Statistics office',
  tracker: 'Data tracker',
};

export function departmentTitle(name: string): string {
  return DEPARTMENT_TITLES[name] ?? name;
}

export const COMPLAINT_CATEGORIES = [
  'PRODUCT_QUALITY',
  'FOOD_SAFETY',
  'PRICING',
  'CONTRACT',
  'SERVICE',
  'ENVIRONMENT',
] as const;

export const APPLICATION_KINDS = [
  'BUSINESS_LICENSE',
  'FOOD_BUSINESS_LICENSE',
  'CONSTRUCTION_PERMIT',
  'FIRE_SAFETY_INSPECTION',
  'OUTDOOR_ADVERTISING',
] as const;

/** The top-level field names of a section's selection text (`spouse { … } parents { … }`). */
export function topFields(selection: string): string[] {
  const names: string[] = [];
  let depth = 0;
  for (const token of selection.match(/[A-Za-z_][A-Za-z0-9_]*|[{}()]/g) ?? []) {
    if (token === '{' || token === '(') depth++;
    else if (token === '}' || token === ')') depth--;
    else if (depth === 0) names.push(token);
  }
  return names;
}
