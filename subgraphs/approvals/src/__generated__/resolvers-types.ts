import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ApplicationRow, ReviewRow, ApplicationPage, PersonRef, LegalEntityRef, BuildingRef } from '../db/schema.js';
import type { ApprovalsContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** Building identifier: 6-digit division code, the letter B, 8-digit serial. */
  BuildingId: { input: string; output: string; }
  /** 18-character Unified Social Credit Code (GB 32100-2015). */
  CreditCode: { input: string; output: string; }
  /** Calendar date, YYYY-MM-DD. */
  Date: { input: string; output: string; }
  /** RFC 3339 timestamp with offset. */
  DateTime: { input: string; output: string; }
  /** 6-digit administrative division code (GB/T 2260). */
  DivisionCode: { input: string; output: string; }
  /** Amount in CNY as a decimal string with two decimals. */
  Money: { input: string; output: string; }
  /** 18-character resident identity number (GB 11643-1999). */
  NationalId: { input: string; output: string; }
  _FieldSet: { input: any; output: any; }
};

/** Who can apply: a natural person or a legal entity. */
export type Applicant = LegalEntity | Person;

/**
 * An application on the parallel approval platform: one submission reviewed by every required
 * department at once, instead of one office after another.
 */
export type Application = {
  __typename?: 'Application';
  /** Who applied: a natural person or a legal entity. */
  applicant: Applicant;
  /** When the outcome was decided; null while PENDING. */
  decidedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Platform number of the application. */
  id: Scalars['ID']['output'];
  /** What is applied for. */
  kind: ApplicationKind;
  /** One review per required department, in the platform's fixed order for the kind. */
  reviews: Array<Review>;
  /** The building the application is about; null when the application names none. */
  site?: Maybe<Building>;
  /** PENDING while reviews are open, APPROVED when all approved, REJECTED from the first rejection. */
  status: ApplicationStatus;
  /** When the application was submitted. */
  submittedAt: Scalars['DateTime']['output'];
};

/** A page of applications. */
export type ApplicationConnection = {
  __typename?: 'ApplicationConnection';
  /** The applications on this page, newest first. */
  nodes: Array<Application>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** Applications in all pages together. */
  totalCount: Scalars['Int']['output'];
};

/** What an application asks for. */
export type ApplicationKind =
  /** Business licence (registration or change of a market entity). */
  | 'BUSINESS_LICENSE'
  /** Construction works permit. */
  | 'CONSTRUCTION_PERMIT'
  /** Fire safety inspection before opening to the public. */
  | 'FIRE_SAFETY_INSPECTION'
  /** Food business licence. */
  | 'FOOD_BUSINESS_LICENSE'
  /** Permit to set up outdoor advertising. */
  | 'OUTDOOR_ADVERTISING';

/** Where an application stands. */
export type ApplicationStatus =
  /** Every required department approved. */
  | 'APPROVED'
  /** Reviews are still open. */
  | 'PENDING'
  /** A department rejected the application. */
  | 'REJECTED';

export type Building = {
  __typename?: 'Building';
  /** Building identifier: 6-digit division code, the letter B, 8-digit serial. */
  buildingId: Scalars['BuildingId']['output'];
};

/** Whether a cached answer may be shared between callers (PUBLIC) or belongs to one caller (PRIVATE). */
export type CacheControlScope =
  /** Only the caller that fetched it may be served the cached answer. */
  | 'PRIVATE'
  /** Any caller may be served the cached answer (subject to the access policy). */
  | 'PUBLIC';

/** Sensitivity levels, weakest first. */
export type ClassificationLevel =
  /** Business secrets; needs a grant and a purpose. */
  | 'CONFIDENTIAL'
  /** Shared unconditionally between registered agencies. */
  | 'INTERNAL'
  /** Personal information; needs a grant for the field under a declared purpose. */
  | 'PERSONAL'
  /** Disclosed by law; no caller identity needed. */
  | 'PUBLIC'
  /** Sensitive personal information; needs a grant, a purpose and a case number, and is always audited. */
  | 'SENSITIVE';

export type LegalEntity = {
  __typename?: 'LegalEntity';
  /** Applications the entity filed, newest first; null when the approval platform cannot answer. */
  applications?: Maybe<ApplicationConnection>;
  /** Unified Social Credit Code (GB 32100-2015). */
  creditCode: Scalars['CreditCode']['output'];
};


export type LegalEntityApplicationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Records one required department's decision. Only an agency acting for that department may
   * record it, and the reviewer recorded is the operator the agency identified (X-Operator-Id).
   * The application becomes APPROVED when every review has approved, and REJECTED as soon as one
   * rejects; reviews still PENDING then stay PENDING for good, since the application is closed.
   * Refused, in this order of checks, with WRITE_NOT_ALLOWED (not an agency), DEPARTMENT_MISMATCH
   * (the agency acts for another department), OPERATOR_REQUIRED (no operator),
   * APPLICATION_NOT_FOUND, REVIEW_NOT_REQUIRED (the department does not review this kind),
   * REVIEW_ALREADY_RECORDED (this department has decided) or APPLICATION_CLOSED (the outcome is
   * already decided); a refused or failed call changes nothing.
   */
  recordReview: Application;
  /**
   * Submits an application: every required department's review opens at once (PENDING). Sending
   * the same idempotency key with the same input again returns the application it first created,
   * never a second one; the same key with a different input is refused (IDEMPOTENCY_KEY_REUSED).
   * Keys are the caller's own: another agency's key never finds (or collides with) this caller's
   * applications. An agency submits on a person's or company's behalf; a citizen only for
   * themself (WRITE_NOT_ALLOWED otherwise).
   */
  submitApplication: Application;
};


export type MutationRecordReviewArgs = {
  input: RecordReviewInput;
};


export type MutationSubmitApplicationArgs = {
  input: SubmitApplicationInput;
};

/** Where a page of a list ends and whether more follows. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last item on this page; null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when another page follows; pass endCursor as `after` to get it. */
  hasNextPage: Scalars['Boolean']['output'];
};

export type Person = {
  __typename?: 'Person';
  /** Applications the person filed, newest first; null when the approval platform cannot answer. */
  applications?: Maybe<ApplicationConnection>;
  /** Resident identity number (GB 11643-1999). */
  nationalId: Scalars['NationalId']['output'];
};


export type PersonApplicationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Query = {
  __typename?: 'Query';
  /** One application by its platform number; null when the platform holds no such application. */
  application?: Maybe<Application>;
};


export type QueryApplicationArgs = {
  id: Scalars['ID']['input'];
};

/** One department's decision on an application. */
export type RecordReviewInput = {
  /** Platform number of the application. */
  applicationId: Scalars['ID']['input'];
  /** The department's reasoning, up to 500 characters; required when rejecting, so the applicant knows what to fix. */
  comment?: InputMaybe<Scalars['String']['input']>;
  /** Approve or reject. */
  decision: ReviewDecision;
  /** The deciding department: one of those the application's kind requires, and the one the calling agency acts for. */
  department: ReviewDepartment;
};

/**
 * One department's review of an application. Opened PENDING when the application is submitted;
 * a review still PENDING on a decided application is closed and will never be decided.
 */
export type Review = {
  __typename?: 'Review';
  /** The department's reasoning; null while PENDING. */
  comment?: Maybe<Scalars['String']['output']>;
  /** When the department decided; null while PENDING. */
  decidedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The reviewing department. */
  department: ReviewDepartment;
  /** ID of the official who decided: the operator the deciding agency identified when it recorded the review; null while PENDING. */
  reviewerId?: Maybe<Scalars['String']['output']>;
  /** PENDING until the department decides. */
  status: ReviewStatus;
};

/** A department's decision. */
export type ReviewDecision =
  /** Approve the application. */
  | 'APPROVE'
  /** Reject the application; a comment saying why is required. */
  | 'REJECT';

/** The departments that take part in parallel approval. */
export type ReviewDepartment =
  /** Ecology and environment. */
  | 'ECOLOGY_ENVIRONMENT'
  /** Fire and rescue service. */
  | 'FIRE_SERVICE'
  /** Health commission. */
  | 'HEALTH'
  /** Housing and urban-rural construction. */
  | 'HOUSING_CONSTRUCTION'
  /** Market regulation administration. */
  | 'MARKET_REGULATION'
  /** Urban management. */
  | 'URBAN_MANAGEMENT';

/** Where one department's review stands. */
export type ReviewStatus =
  /** The department approved. */
  | 'APPROVED'
  /** Not decided (yet, or ever, when another department rejected first). */
  | 'PENDING'
  /** The department rejected. */
  | 'REJECTED';

/** An application to submit to the parallel approval platform. */
export type SubmitApplicationInput = {
  /** The applicant when a legal entity; give exactly one of applicantNationalId and applicantCreditCode. */
  applicantCreditCode?: InputMaybe<Scalars['CreditCode']['input']>;
  /** The applicant when a natural person; give exactly one of applicantNationalId and applicantCreditCode. */
  applicantNationalId?: InputMaybe<Scalars['NationalId']['input']>;
  /**
   * A key the caller chooses for this submission, 8 to 64 characters: retrying with the same key
   * and input returns the same application instead of filing a second one. Keys are the caller's
   * own (per agency, or per citizen): another caller's same key files its own application.
   */
  idempotencyKey: Scalars['String']['input'];
  /** What is applied for; it decides which departments review the application. */
  kind: ApplicationKind;
  /** The building the application is about; required for CONSTRUCTION_PERMIT and OUTDOOR_ADVERTISING. */
  siteBuildingId?: InputMaybe<Scalars['BuildingId']['input']>;
};

/** How often the source updates a piece of data. */
export type UpdateFrequency =
  /** Updated at least once a day. */
  | 'DAILY'
  /** Updated monthly. */
  | 'MONTHLY'
  /** Updated quarterly. */
  | 'QUARTERLY'
  /** Changes as events happen. */
  | 'REALTIME'
  /** Updated weekly. */
  | 'WEEKLY'
  /** Updated yearly. */
  | 'YEARLY';

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Application: Application;
  LegalEntity: LegalEntity;
  Person: Person;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Application:
    ( { __typename: 'Application' }
    & GraphQLRecursivePick<FederationTypes['Application'], {"id":true}> );
  LegalEntity:
    ( { __typename: 'LegalEntity' }
    & GraphQLRecursivePick<FederationTypes['LegalEntity'], {"creditCode":true}> );
  Person:
    ( { __typename: 'Person' }
    & GraphQLRecursivePick<FederationTypes['Person'], {"nationalId":true}> );
}>;

/** Mapping of union types */
export type ResolversUnionTypes<_RefType extends Record<string, unknown>> = ResolversObject<{
  Applicant:
    | ( LegalEntityRef )
    | ( PersonRef )
  ;
}>;


/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Applicant: ResolverTypeWrapper<ResolversUnionTypes<ResolversTypes>['Applicant']>;
  Application: ResolverTypeWrapper<ApplicationRow>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ApplicationConnection: ResolverTypeWrapper<ApplicationPage>;
  ApplicationKind: ApplicationKind;
  ApplicationStatus: ApplicationStatus;
  Building: ResolverTypeWrapper<BuildingRef>;
  BuildingId: ResolverTypeWrapper<Scalars['BuildingId']['output']>;
  CacheControlScope: CacheControlScope;
  ClassificationLevel: ClassificationLevel;
  CreditCode: ResolverTypeWrapper<Scalars['CreditCode']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DivisionCode: ResolverTypeWrapper<Scalars['DivisionCode']['output']>;
  LegalEntity: ResolverTypeWrapper<LegalEntityRef>;
  Money: ResolverTypeWrapper<Scalars['Money']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  NationalId: ResolverTypeWrapper<Scalars['NationalId']['output']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Person: ResolverTypeWrapper<PersonRef>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RecordReviewInput: RecordReviewInput;
  Review: ResolverTypeWrapper<ReviewRow>;
  ReviewDecision: ReviewDecision;
  ReviewDepartment: ReviewDepartment;
  ReviewStatus: ReviewStatus;
  SubmitApplicationInput: SubmitApplicationInput;
  UpdateFrequency: UpdateFrequency;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Applicant: ResolversUnionTypes<ResolversParentTypes>['Applicant'];
  Application: ApplicationRow;
  ID: Scalars['ID']['output'];
  ApplicationConnection: ApplicationPage;
  Building: BuildingRef;
  BuildingId: Scalars['BuildingId']['output'];
  CreditCode: Scalars['CreditCode']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DivisionCode: Scalars['DivisionCode']['output'];
  LegalEntity: LegalEntityRef;
  Money: Scalars['Money']['output'];
  Mutation: Record<PropertyKey, never>;
  NationalId: Scalars['NationalId']['output'];
  PageInfo: PageInfo;
  Person: PersonRef;
  Query: Record<PropertyKey, never>;
  RecordReviewInput: RecordReviewInput;
  Review: ReviewRow;
  SubmitApplicationInput: SubmitApplicationInput;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
}>;

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
  scope?: Maybe<CacheControlScope>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = ApprovalsContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ClassificationDirectiveArgs = {
  level: ClassificationLevel;
};

export type ClassificationDirectiveResolver<Result, Parent, ContextType = ApprovalsContext, Args = ClassificationDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LegalBasisDirectiveArgs = {
  reference: Scalars['String']['input'];
};

export type LegalBasisDirectiveResolver<Result, Parent, ContextType = ApprovalsContext, Args = LegalBasisDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type UpdateFrequencyDirectiveArgs = {
  frequency: UpdateFrequency;
};

export type UpdateFrequencyDirectiveResolver<Result, Parent, ContextType = ApprovalsContext, Args = UpdateFrequencyDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ApplicantResolvers<ContextType = ApprovalsContext, ParentType extends ResolversParentTypes['Applicant'] = ResolversParentTypes['Applicant']> = ResolversObject<{
  __resolveType: TypeResolveFn<'LegalEntity' | 'Person', ParentType, ContextType>;
}>;

export type ApplicationResolvers<ContextType = ApprovalsContext, ParentType extends ResolversParentTypes['Application'] = ResolversParentTypes['Application'], FederationReferenceType extends FederationReferenceTypes['Application'] = FederationReferenceTypes['Application']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Application']> | FederationReferenceType, FederationReferenceType, ContextType>;
  applicant?: Resolver<ResolversTypes['Applicant'], ParentType, ContextType>;
  decidedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ApplicationKind'], ParentType, ContextType>;
  reviews?: Resolver<Array<ResolversTypes['Review']>, ParentType, ContextType>;
  site?: Resolver<Maybe<ResolversTypes['Building']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ApplicationStatus'], ParentType, ContextType>;
  submittedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type ApplicationConnectionResolvers<ContextType = ApprovalsContext, ParentType extends ResolversParentTypes['ApplicationConnection'] = ResolversParentTypes['ApplicationConnection']> = ResolversObject<{
  nodes?: Resolver<Array<ResolversTypes['Application']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type BuildingResolvers<ContextType = ApprovalsContext, ParentType extends ResolversParentTypes['Building'] = ResolversParentTypes['Building']> = ResolversObject<{
  buildingId?: Resolver<ResolversTypes['BuildingId'], ParentType, ContextType>;
}>;

export interface BuildingIdScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['BuildingId'], any> {
  name: 'BuildingId';
}

export interface CreditCodeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['CreditCode'], any> {
  name: 'CreditCode';
}

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface DivisionCodeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DivisionCode'], any> {
  name: 'DivisionCode';
}

export type LegalEntityResolvers<ContextType = ApprovalsContext, ParentType extends ResolversParentTypes['LegalEntity'] = ResolversParentTypes['LegalEntity'], FederationReferenceType extends FederationReferenceTypes['LegalEntity'] = FederationReferenceTypes['LegalEntity']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LegalEntity']> | FederationReferenceType, FederationReferenceType, ContextType>;
  applications?: Resolver<Maybe<ResolversTypes['ApplicationConnection']>, ParentType, ContextType, RequireFields<LegalEntityApplicationsArgs, 'first'>>;
  creditCode?: Resolver<ResolversTypes['CreditCode'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export interface MoneyScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Money'], any> {
  name: 'Money';
}

export type MutationResolvers<ContextType = ApprovalsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  recordReview?: Resolver<ResolversTypes['Application'], ParentType, ContextType, RequireFields<MutationRecordReviewArgs, 'input'>>;
  submitApplication?: Resolver<ResolversTypes['Application'], ParentType, ContextType, RequireFields<MutationSubmitApplicationArgs, 'input'>>;
}>;

export interface NationalIdScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['NationalId'], any> {
  name: 'NationalId';
}

export type PageInfoResolvers<ContextType = ApprovalsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PersonResolvers<ContextType = ApprovalsContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  applications?: Resolver<Maybe<ResolversTypes['ApplicationConnection']>, ParentType, ContextType, RequireFields<PersonApplicationsArgs, 'first'>>;
  nationalId?: Resolver<ResolversTypes['NationalId'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = ApprovalsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  application?: Resolver<Maybe<ResolversTypes['Application']>, ParentType, ContextType, RequireFields<QueryApplicationArgs, 'id'>>;
}>;

export type ReviewResolvers<ContextType = ApprovalsContext, ParentType extends ResolversParentTypes['Review'] = ResolversParentTypes['Review']> = ResolversObject<{
  comment?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  decidedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  department?: Resolver<ResolversTypes['ReviewDepartment'], ParentType, ContextType>;
  reviewerId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ReviewStatus'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = ApprovalsContext> = ResolversObject<{
  Applicant?: ApplicantResolvers<ContextType>;
  Application?: ApplicationResolvers<ContextType>;
  ApplicationConnection?: ApplicationConnectionResolvers<ContextType>;
  Building?: BuildingResolvers<ContextType>;
  BuildingId?: GraphQLScalarType;
  CreditCode?: GraphQLScalarType;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  DivisionCode?: GraphQLScalarType;
  LegalEntity?: LegalEntityResolvers<ContextType>;
  Money?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  NationalId?: GraphQLScalarType;
  PageInfo?: PageInfoResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Review?: ReviewResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = ApprovalsContext> = ResolversObject<{
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
  classification?: ClassificationDirectiveResolver<any, any, ContextType>;
  legalBasis?: LegalBasisDirectiveResolver<any, any, ContextType>;
  updateFrequency?: UpdateFrequencyDirectiveResolver<any, any, ContextType>;
}>;
