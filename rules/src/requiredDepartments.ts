export type ApplicationKind =
  | 'BUSINESS_LICENSE'
  | 'FOOD_BUSINESS_LICENSE'
  | 'CONSTRUCTION_PERMIT'
  | 'FIRE_SAFETY_INSPECTION'
  | 'OUTDOOR_ADVERTISING';
export type ReviewDepartment =
  | 'MARKET_REGULATION'
  | 'FIRE_SERVICE'
  | 'HOUSING_CONSTRUCTION'
  | 'ECOLOGY_ENVIRONMENT'
  | 'URBAN_MANAGEMENT'
  | 'HEALTH';

/**
 * The departments that review each kind of application, all at once, in the order their reviews
 * are listed. The approval platform opens these reviews on submission; the generator gives its
 * synthetic applications the same ones.
 */
export const REQUIRED_DEPARTMENTS: Readonly<Record<ApplicationKind, readonly ReviewDepartment[]>> =
  {
    BUSINESS_LICENSE: ['MARKET_REGULATION'],
    FOOD_BUSINESS_LICENSE: ['MARKET_REGULATION', 'HEALTH', 'FIRE_SERVICE'],
    CONSTRUCTION_PERMIT: [
      'HOUSING_CONSTRUCTION',
      'FIRE_SERVICE',
      'ECOLOGY_ENVIRONMENT',
      'URBAN_MANAGEMENT',
    ],
    FIRE_SAFETY_INSPECTION: ['FIRE_SERVICE', 'HOUSING_CONSTRUCTION'],
    OUTDOOR_ADVERTISING: ['URBAN_MANAGEMENT', 'MARKET_REGULATION'],
  };

/** Kinds that are about a place, so the application must name its site building. */
export const SITE_REQUIRED: ReadonlySet<ApplicationKind> = new Set([
  'CONSTRUCTION_PERMIT',
  'OUTDOOR_ADVERTISING',
]);
