export type ComplaintCategory =
  | 'PRODUCT_QUALITY'
  | 'FOOD_SAFETY'
  | 'PRICING'
  | 'CONTRACT'
  | 'SERVICE'
  | 'ENVIRONMENT'
  | 'LABOUR'
  | 'OTHER';

/**
 * The departments the hotline passes complaints to, by the code an agency's registry entry
 * names (`department`): only an agency of a complaint's handling department may close it.
 */
export type HandlingDepartmentCode =
  | 'MARKET_REGULATION'
  | 'COMMERCE'
  | 'ECOLOGY_ENVIRONMENT'
  | 'HUMAN_RESOURCES_SOCIAL_SECURITY'
  | 'GOVERNMENT_SERVICES';

/** Each department's name as complaints show it (`handlingDepartment`). */
export const HANDLING_DEPARTMENT_NAMES: Readonly<Record<HandlingDepartmentCode, string>> = {
  MARKET_REGULATION: '市场监督管理局',
  COMMERCE: '商务局',
  ECOLOGY_ENVIRONMENT: '生态环境局',
  HUMAN_RESOURCES_SOCIAL_SECURITY: '人力资源和社会保障局',
  GOVERNMENT_SERVICES: '政务服务管理局',
};

/** The department the hotline passes a complaint of each category to (it dispatches by category). */
export const HANDLING_DEPARTMENT_CODES: Readonly<
  Record<ComplaintCategory, HandlingDepartmentCode>
> = {
  PRODUCT_QUALITY: 'MARKET_REGULATION',
  FOOD_SAFETY: 'MARKET_REGULATION',
  PRICING: 'MARKET_REGULATION',
  CONTRACT: 'MARKET_REGULATION',
  SERVICE: 'COMMERCE',
  ENVIRONMENT: 'ECOLOGY_ENVIRONMENT',
  LABOUR: 'HUMAN_RESOURCES_SOCIAL_SECURITY',
  OTHER: 'GOVERNMENT_SERVICES',
};

/** The name of the agency the hotline passes a complaint of each category to. */
export const HANDLING_DEPARTMENTS: Readonly<Record<ComplaintCategory, string>> = Object.fromEntries(
  Object.entries(HANDLING_DEPARTMENT_CODES).map(([category, code]) => [
    category,
    HANDLING_DEPARTMENT_NAMES[code],
  ]),
) as Record<ComplaintCategory, string>;

const CODE_OF_NAME = new Map(
  Object.entries(HANDLING_DEPARTMENT_NAMES).map(([code, name]) => [name, code]),
);

/**
 * The code of the department a complaint was passed to, from the name it records; the name
 * itself when no department has it (a record from outside these five, which no agency closes).
 */
export function handlingDepartmentCode(name: string): string {
  return CODE_OF_NAME.get(name) ?? name;
}
