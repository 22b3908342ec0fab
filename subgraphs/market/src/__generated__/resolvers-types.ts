import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { LegalEntityRow, PersonRef, InspectionRow, AdministrativePenaltyRow, AbnormalListingRow, DishonestyListingRow, LegalEntityPage, InspectionPage, AdministrativePenaltyPage, AbnormalListingPage } from '../db/schema.js';
import type { MarketContext } from '../context.js';
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

/** A listing in the directory of entities with abnormal operations, and its removal if any. */
export type AbnormalOperationListing = {
  __typename?: 'AbnormalOperationListing';
  /** Authority that listed the entity. */
  authority: Scalars['String']['output'];
  /** Date the entity was listed. */
  listedOn: Scalars['Date']['output'];
  /** Why the entity was listed (e.g. no annual report, unreachable at its registered address). */
  reason: Scalars['String']['output'];
  /** Why the listing was removed; null while the entity is still listed. */
  removalReason?: Maybe<Scalars['String']['output']>;
  /** Date the listing was removed; null while the entity is still listed. */
  removedOn?: Maybe<Scalars['Date']['output']>;
};

/** A page of an entity's abnormal-operation listings. */
export type AbnormalOperationListingConnection = {
  __typename?: 'AbnormalOperationListingConnection';
  /** The listings on this page. */
  nodes: Array<AbnormalOperationListing>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** Listings on record in all pages together. */
  totalCount: Scalars['Int']['output'];
};

/** An administrative penalty decision against an entity, as published. */
export type AdministrativePenalty = {
  __typename?: 'AdministrativePenalty';
  /** Fine or confiscated amount in CNY; null for penalties without an amount (a warning, a suspension). */
  amount?: Maybe<Scalars['Money']['output']>;
  /** Authority that decided the penalty. */
  authority: Scalars['String']['output'];
  /** Date of the decision. */
  decidedOn: Scalars['Date']['output'];
  /** Number of the penalty decision document. */
  decisionNumber: Scalars['String']['output'];
  /** Kind of penalty imposed. */
  kind: PenaltyKind;
  /** The violation the penalty is for. */
  violation: Scalars['String']['output'];
};

/** A page of an entity's administrative penalties. */
export type AdministrativePenaltyConnection = {
  __typename?: 'AdministrativePenaltyConnection';
  /** The penalties on this page. */
  nodes: Array<AdministrativePenalty>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** Penalties on record in all pages together. */
  totalCount: Scalars['Int']['output'];
};

export type Building = {
  __typename?: 'Building';
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

/** A supervision inspection of an entity (random spot check or targeted inspection). */
export type Inspection = {
  __typename?: 'Inspection';
  /** Authority that carried out the inspection. */
  authority: Scalars['String']['output'];
  /** What the inspectors found, as recorded. */
  findings: Scalars['String']['output'];
  /** Date of the inspection. */
  inspectedOn: Scalars['Date']['output'];
  /** Outcome of the inspection. */
  result: InspectionResult;
};

/** A page of an entity's supervision inspections. */
export type InspectionConnection = {
  __typename?: 'InspectionConnection';
  /** The inspections on this page. */
  nodes: Array<Inspection>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** Inspections on record in all pages together. */
  totalCount: Scalars['Int']['output'];
};

/** Outcome of a supervision inspection. */
export type InspectionResult =
  /** Failed: serious problems, or the entity could not be found at its registered address. */
  | 'FAILED'
  /** Problems found that the entity must correct; follow-up may apply. */
  | 'ISSUES_FOUND'
  /** No problem found. */
  | 'PASSED';

/**
 * A market entity in the business registry (company, partnership, sole proprietorship,
 * individual business, cooperative), keyed by Unified Social Credit Code. Its registration
 * basics, penalties and listings are disclosed by law; supervision inspections are shared
 * between agencies only.
 */
export type LegalEntity = {
  __typename?: 'LegalEntity';
  /** Listings in the directory of entities with abnormal operations, current and removed, newest first. */
  abnormalOperationListings: AbnormalOperationListingConnection;
  /** Registered address (domicile). */
  address: Scalars['String']['output'];
  /** Administrative penalty decisions against the entity, newest first. */
  administrativePenalties: AdministrativePenaltyConnection;
  /** The building of the registered address, resolved by the real-estate registry; null when it cannot answer. */
  building?: Maybe<Building>;
  /** The building of the registered address, as known to the real-estate registry. */
  buildingId: Scalars['BuildingId']['output'];
  /** Business scope as registered on the licence. */
  businessScope: Scalars['String']['output'];
  /** Unified Social Credit Code (GB 32100-2015). */
  creditCode: Scalars['CreditCode']['output'];
  /** Administrative division of the registered address. */
  divisionCode: Scalars['DivisionCode']['output'];
  /** Date of establishment (issue of the first business licence). */
  established: Scalars['Date']['output'];
  /** Supervision inspections of the entity, newest first. Shared between agencies, not published. */
  inspections: InspectionConnection;
  /** Legal form the entity is registered under. */
  kind: LegalEntityKind;
  /**
   * The legal representative, a person of the population registry; null when the registry does
   * not hold one. Who represents a company is public; the person's own fields are classified by
   * the population registry.
   */
  legalRepresentative?: Maybe<Person>;
  /** Registered name. */
  name: Scalars['String']['output'];
  /** Registered (subscribed) capital in CNY. */
  registeredCapital: Scalars['Money']['output'];
  /** The entity's listing as a seriously dishonest entity; null when it is not listed. */
  seriousDishonestyListing?: Maybe<SeriousDishonestyListing>;
  /** Registration status: active, suspended, revoked or cancelled. */
  status: LegalEntityStatus;
};


/**
 * A market entity in the business registry (company, partnership, sole proprietorship,
 * individual business, cooperative), keyed by Unified Social Credit Code. Its registration
 * basics, penalties and listings are disclosed by law; supervision inspections are shared
 * between agencies only.
 */
export type LegalEntityAbnormalOperationListingsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * A market entity in the business registry (company, partnership, sole proprietorship,
 * individual business, cooperative), keyed by Unified Social Credit Code. Its registration
 * basics, penalties and listings are disclosed by law; supervision inspections are shared
 * between agencies only.
 */
export type LegalEntityAdministrativePenaltiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * A market entity in the business registry (company, partnership, sole proprietorship,
 * individual business, cooperative), keyed by Unified Social Credit Code. Its registration
 * basics, penalties and listings are disclosed by law; supervision inspections are shared
 * between agencies only.
 */
export type LegalEntityInspectionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of legal entities. */
export type LegalEntityConnection = {
  __typename?: 'LegalEntityConnection';
  /** The entities on this page. */
  nodes: Array<LegalEntity>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** Entities in all pages together. */
  totalCount: Scalars['Int']['output'];
};

/** Legal form of a market entity. */
export type LegalEntityKind =
  /** Farmers' specialized cooperative. */
  | 'FARMERS_COOPERATIVE'
  /** Individual industrial and commercial household. */
  | 'INDIVIDUAL_BUSINESS'
  /** Company limited by shares. */
  | 'JOINT_STOCK'
  /** Limited liability company. */
  | 'LIMITED_LIABILITY'
  /** Partnership enterprise. */
  | 'PARTNERSHIP'
  /** Sole proprietorship enterprise. */
  | 'SOLE_PROPRIETORSHIP';

/** Registration status of a market entity. */
export type LegalEntityStatus =
  /** Registered and operating. */
  | 'ACTIVE'
  /** Deregistered (cancelled); the record is kept. */
  | 'CANCELLED'
  /** Business licence revoked by the registration authority; not yet deregistered. */
  | 'REVOKED'
  /** Registered, with business suspended (dormant) as filed with the registration authority. */
  | 'SUSPENDED';

/** Where a page of a list ends and whether more follows. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last item on this page; null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when another page follows; pass endCursor as `after` to get it. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** Kinds of administrative penalty (Administrative Penalty Law, art. 9). */
export type PenaltyKind =
  /** Confiscation of illegal gains or property. */
  | 'CONFISCATION'
  /** Fine. */
  | 'FINE'
  /** Revocation of a permit or the business licence. */
  | 'LICENSE_REVOKED'
  /** Suspension of production or business. */
  | 'SUSPENSION'
  /** Warning or circulated criticism. */
  | 'WARNING';

export type Person = {
  __typename?: 'Person';
  /** Resident identity number (GB 11643-1999). */
  nationalId: Scalars['NationalId']['output'];
  /**
   * Entities the person is the legal representative of, by name, then credit code; null when
   * the business registry cannot answer.
   */
  representedEntities?: Maybe<LegalEntityConnection>;
};


export type PersonRepresentedEntitiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Query = {
  __typename?: 'Query';
  /** One legal entity by Unified Social Credit Code; null when the registry holds no such entity. */
  legalEntity?: Maybe<LegalEntity>;
  /** Legal entities whose registered name contains the given text (case-insensitive), ordered by name, then credit code. */
  searchLegalEntities: LegalEntityConnection;
};


export type QueryLegalEntityArgs = {
  creditCode: Scalars['CreditCode']['input'];
};


export type QuerySearchLegalEntitiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
};

/** A listing in the list of seriously illegal and dishonest entities. */
export type SeriousDishonestyListing = {
  __typename?: 'SeriousDishonestyListing';
  /** Authority that listed the entity. */
  authority: Scalars['String']['output'];
  /** Date the entity was listed. */
  listedOn: Scalars['Date']['output'];
  /** Why the entity was listed. */
  reason: Scalars['String']['output'];
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
  LegalEntity: LegalEntity;
  Person: Person;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  LegalEntity:
    ( { __typename: 'LegalEntity' }
    & GraphQLRecursivePick<FederationTypes['LegalEntity'], {"creditCode":true}> );
  Person:
    ( { __typename: 'Person' }
    & GraphQLRecursivePick<FederationTypes['Person'], {"nationalId":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AbnormalOperationListing: ResolverTypeWrapper<AbnormalListingRow>;
  AbnormalOperationListingConnection: ResolverTypeWrapper<AbnormalListingPage>;
  AdministrativePenalty: ResolverTypeWrapper<AdministrativePenaltyRow>;
  AdministrativePenaltyConnection: ResolverTypeWrapper<AdministrativePenaltyPage>;
  Building: ResolverTypeWrapper<Building>;
  BuildingId: ResolverTypeWrapper<Scalars['BuildingId']['output']>;
  CacheControlScope: CacheControlScope;
  ClassificationLevel: ClassificationLevel;
  CreditCode: ResolverTypeWrapper<Scalars['CreditCode']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DivisionCode: ResolverTypeWrapper<Scalars['DivisionCode']['output']>;
  Inspection: ResolverTypeWrapper<InspectionRow>;
  InspectionConnection: ResolverTypeWrapper<InspectionPage>;
  InspectionResult: InspectionResult;
  LegalEntity: ResolverTypeWrapper<LegalEntityRow>;
  LegalEntityConnection: ResolverTypeWrapper<LegalEntityPage>;
  LegalEntityKind: LegalEntityKind;
  LegalEntityStatus: LegalEntityStatus;
  Money: ResolverTypeWrapper<Scalars['Money']['output']>;
  NationalId: ResolverTypeWrapper<Scalars['NationalId']['output']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PenaltyKind: PenaltyKind;
  Person: ResolverTypeWrapper<PersonRef>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SeriousDishonestyListing: ResolverTypeWrapper<DishonestyListingRow>;
  UpdateFrequency: UpdateFrequency;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AbnormalOperationListing: AbnormalListingRow;
  AbnormalOperationListingConnection: AbnormalListingPage;
  AdministrativePenalty: AdministrativePenaltyRow;
  AdministrativePenaltyConnection: AdministrativePenaltyPage;
  Building: Building;
  BuildingId: Scalars['BuildingId']['output'];
  CreditCode: Scalars['CreditCode']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DivisionCode: Scalars['DivisionCode']['output'];
  Inspection: InspectionRow;
  InspectionConnection: InspectionPage;
  LegalEntity: LegalEntityRow;
  LegalEntityConnection: LegalEntityPage;
  Money: Scalars['Money']['output'];
  NationalId: Scalars['NationalId']['output'];
  PageInfo: PageInfo;
  Person: PersonRef;
  Query: Record<PropertyKey, never>;
  SeriousDishonestyListing: DishonestyListingRow;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
}>;

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
  scope?: Maybe<CacheControlScope>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = MarketContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ClassificationDirectiveArgs = {
  level: ClassificationLevel;
};

export type ClassificationDirectiveResolver<Result, Parent, ContextType = MarketContext, Args = ClassificationDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LegalBasisDirectiveArgs = {
  reference: Scalars['String']['input'];
};

export type LegalBasisDirectiveResolver<Result, Parent, ContextType = MarketContext, Args = LegalBasisDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type UpdateFrequencyDirectiveArgs = {
  frequency: UpdateFrequency;
};

export type UpdateFrequencyDirectiveResolver<Result, Parent, ContextType = MarketContext, Args = UpdateFrequencyDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AbnormalOperationListingResolvers<ContextType = MarketContext, ParentType extends ResolversParentTypes['AbnormalOperationListing'] = ResolversParentTypes['AbnormalOperationListing']> = ResolversObject<{
  authority?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  listedOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  removalReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  removedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
}>;

export type AbnormalOperationListingConnectionResolvers<ContextType = MarketContext, ParentType extends ResolversParentTypes['AbnormalOperationListingConnection'] = ResolversParentTypes['AbnormalOperationListingConnection']> = ResolversObject<{
  nodes?: Resolver<Array<ResolversTypes['AbnormalOperationListing']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type AdministrativePenaltyResolvers<ContextType = MarketContext, ParentType extends ResolversParentTypes['AdministrativePenalty'] = ResolversParentTypes['AdministrativePenalty']> = ResolversObject<{
  amount?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  authority?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  decidedOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  decisionNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['PenaltyKind'], ParentType, ContextType>;
  violation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AdministrativePenaltyConnectionResolvers<ContextType = MarketContext, ParentType extends ResolversParentTypes['AdministrativePenaltyConnection'] = ResolversParentTypes['AdministrativePenaltyConnection']> = ResolversObject<{
  nodes?: Resolver<Array<ResolversTypes['AdministrativePenalty']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type BuildingResolvers<ContextType = MarketContext, ParentType extends ResolversParentTypes['Building'] = ResolversParentTypes['Building']> = ResolversObject<{
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

export type InspectionResolvers<ContextType = MarketContext, ParentType extends ResolversParentTypes['Inspection'] = ResolversParentTypes['Inspection']> = ResolversObject<{
  authority?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  findings?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  inspectedOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  result?: Resolver<ResolversTypes['InspectionResult'], ParentType, ContextType>;
}>;

export type InspectionConnectionResolvers<ContextType = MarketContext, ParentType extends ResolversParentTypes['InspectionConnection'] = ResolversParentTypes['InspectionConnection']> = ResolversObject<{
  nodes?: Resolver<Array<ResolversTypes['Inspection']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type LegalEntityResolvers<ContextType = MarketContext, ParentType extends ResolversParentTypes['LegalEntity'] = ResolversParentTypes['LegalEntity'], FederationReferenceType extends FederationReferenceTypes['LegalEntity'] = FederationReferenceTypes['LegalEntity']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LegalEntity']> | FederationReferenceType, FederationReferenceType, ContextType>;
  abnormalOperationListings?: Resolver<ResolversTypes['AbnormalOperationListingConnection'], ParentType, ContextType, RequireFields<LegalEntityAbnormalOperationListingsArgs, 'first'>>;
  address?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  administrativePenalties?: Resolver<ResolversTypes['AdministrativePenaltyConnection'], ParentType, ContextType, RequireFields<LegalEntityAdministrativePenaltiesArgs, 'first'>>;
  building?: Resolver<Maybe<ResolversTypes['Building']>, ParentType, ContextType>;
  buildingId?: Resolver<ResolversTypes['BuildingId'], ParentType, ContextType>;
  businessScope?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  creditCode?: Resolver<ResolversTypes['CreditCode'], ParentType, ContextType>;
  divisionCode?: Resolver<ResolversTypes['DivisionCode'], ParentType, ContextType>;
  established?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  inspections?: Resolver<ResolversTypes['InspectionConnection'], ParentType, ContextType, RequireFields<LegalEntityInspectionsArgs, 'first'>>;
  kind?: Resolver<ResolversTypes['LegalEntityKind'], ParentType, ContextType>;
  legalRepresentative?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  registeredCapital?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  seriousDishonestyListing?: Resolver<Maybe<ResolversTypes['SeriousDishonestyListing']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['LegalEntityStatus'], ParentType, ContextType>;
}>;

export type LegalEntityConnectionResolvers<ContextType = MarketContext, ParentType extends ResolversParentTypes['LegalEntityConnection'] = ResolversParentTypes['LegalEntityConnection']> = ResolversObject<{
  nodes?: Resolver<Array<ResolversTypes['LegalEntity']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export interface MoneyScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Money'], any> {
  name: 'Money';
}

export interface NationalIdScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['NationalId'], any> {
  name: 'NationalId';
}

export type PageInfoResolvers<ContextType = MarketContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PersonResolvers<ContextType = MarketContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  nationalId?: Resolver<ResolversTypes['NationalId'], ParentType, ContextType>;
  representedEntities?: Resolver<Maybe<ResolversTypes['LegalEntityConnection']>, ParentType, ContextType, RequireFields<PersonRepresentedEntitiesArgs, 'first'>>;
}>;

export type QueryResolvers<ContextType = MarketContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  legalEntity?: Resolver<Maybe<ResolversTypes['LegalEntity']>, ParentType, ContextType, RequireFields<QueryLegalEntityArgs, 'creditCode'>>;
  searchLegalEntities?: Resolver<ResolversTypes['LegalEntityConnection'], ParentType, ContextType, RequireFields<QuerySearchLegalEntitiesArgs, 'first' | 'name'>>;
}>;

export type SeriousDishonestyListingResolvers<ContextType = MarketContext, ParentType extends ResolversParentTypes['SeriousDishonestyListing'] = ResolversParentTypes['SeriousDishonestyListing']> = ResolversObject<{
  authority?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  listedOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = MarketContext> = ResolversObject<{
  AbnormalOperationListing?: AbnormalOperationListingResolvers<ContextType>;
  AbnormalOperationListingConnection?: AbnormalOperationListingConnectionResolvers<ContextType>;
  AdministrativePenalty?: AdministrativePenaltyResolvers<ContextType>;
  AdministrativePenaltyConnection?: AdministrativePenaltyConnectionResolvers<ContextType>;
  Building?: BuildingResolvers<ContextType>;
  BuildingId?: GraphQLScalarType;
  CreditCode?: GraphQLScalarType;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  DivisionCode?: GraphQLScalarType;
  Inspection?: InspectionResolvers<ContextType>;
  InspectionConnection?: InspectionConnectionResolvers<ContextType>;
  LegalEntity?: LegalEntityResolvers<ContextType>;
  LegalEntityConnection?: LegalEntityConnectionResolvers<ContextType>;
  Money?: GraphQLScalarType;
  NationalId?: GraphQLScalarType;
  PageInfo?: PageInfoResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SeriousDishonestyListing?: SeriousDishonestyListingResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = MarketContext> = ResolversObject<{
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
  classification?: ClassificationDirectiveResolver<any, any, ContextType>;
  legalBasis?: LegalBasisDirectiveResolver<any, any, ContextType>;
  updateFrequency?: UpdateFrequencyDirectiveResolver<any, any, ContextType>;
}>;
