import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PersonRow } from '../db/schema.js';
import type { PopulationContext } from '../context.js';
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

/** Gender as registered in the household register. */
export type Gender =
  /** Female (even 17th digit of the national ID). */
  | 'FEMALE'
  /** Male (odd 17th digit of the national ID). */
  | 'MALE';

/** A person's place in the household register (hukou). */
export type HouseholdRegistration = {
  __typename?: 'HouseholdRegistration';
  /** Registered residential address. */
  address: Scalars['String']['output'];
  /** The building of the registered address, resolved by the real-estate registry; null when it cannot answer. */
  building?: Maybe<Building>;
  /** The building of the registered address, as known to the real-estate registry. */
  buildingId: Scalars['BuildingId']['output'];
  /** Administrative division the household is registered in. */
  divisionCode: Scalars['DivisionCode']['output'];
  /** Household booklet number. */
  householdNumber: Scalars['String']['output'];
  /** Date the person was registered in this household. */
  registeredOn: Scalars['Date']['output'];
  /** The person's relation to the head of household. */
  relationToHead: RelationToHead;
};

/** Civil status from the marriage registry. */
export type MaritalStatus =
  /** Divorced and not remarried. */
  | 'DIVORCED'
  /** Currently married. */
  | 'MARRIED'
  /** Never married. */
  | 'SINGLE'
  /** Widowed and not remarried. */
  | 'WIDOWED';

/** Where a page of a list ends and whether more follows. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last item on this page; null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when another page follows; pass endCursor as `after` to get it. */
  hasNextPage: Scalars['Boolean']['output'];
};

/**
 * A natural person in the household registry, keyed by resident identity number. Other
 * departments attach their records (companies represented, real estate, tax, insurance) to it.
 */
export type Person = {
  __typename?: 'Person';
  /** Date of birth. */
  birthDate: Scalars['Date']['output'];
  /** Children registered with this person as a parent, oldest first. */
  children: Array<Person>;
  /** Gender as registered. */
  gender: Gender;
  /** The household the person is registered in. */
  householdRegistration: HouseholdRegistration;
  /** Civil status. */
  maritalStatus: MaritalStatus;
  /** Full name as registered. */
  name: Scalars['String']['output'];
  /** Resident identity number (GB 11643-1999). */
  nationalId: Scalars['NationalId']['output'];
  /** Father and mother, where registered. */
  parents: Array<Person>;
  /** The current spouse, when married to a person in the registry. */
  spouse?: Maybe<Person>;
  /** Whether the person is alive and resident, deceased, or has emigrated. */
  status: PersonStatus;
};

/** Whether a person is alive and resident. */
export type PersonStatus =
  /** Alive and registered. */
  | 'ALIVE'
  /** Death registered; the record is kept. */
  | 'DECEASED'
  /** Registration cancelled on emigration. */
  | 'EMIGRATED';

export type Query = {
  __typename?: 'Query';
  /** Several people at once, in the order asked; null where the registry holds no such person. At most 100 IDs. */
  people: Array<Maybe<Person>>;
  /** One person by national ID; null when the registry holds no such person. */
  person?: Maybe<Person>;
};


export type QueryPeopleArgs = {
  nationalIds: Array<Scalars['NationalId']['input']>;
};


export type QueryPersonArgs = {
  nationalId: Scalars['NationalId']['input'];
};

/** Relation to the head of a household. */
export type RelationToHead =
  /** Child of the head. */
  | 'CHILD'
  /** The head of household. */
  | 'HEAD'
  /** Spouse of the head. */
  | 'SPOUSE';

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
  Person: Person;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Person:
    ( { __typename: 'Person' }
    & GraphQLRecursivePick<FederationTypes['Person'], {"nationalId":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Building: ResolverTypeWrapper<Building>;
  BuildingId: ResolverTypeWrapper<Scalars['BuildingId']['output']>;
  CacheControlScope: CacheControlScope;
  ClassificationLevel: ClassificationLevel;
  CreditCode: ResolverTypeWrapper<Scalars['CreditCode']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DivisionCode: ResolverTypeWrapper<Scalars['DivisionCode']['output']>;
  Gender: Gender;
  HouseholdRegistration: ResolverTypeWrapper<PersonRow>;
  MaritalStatus: MaritalStatus;
  Money: ResolverTypeWrapper<Scalars['Money']['output']>;
  NationalId: ResolverTypeWrapper<Scalars['NationalId']['output']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Person: ResolverTypeWrapper<PersonRow>;
  PersonStatus: PersonStatus;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RelationToHead: RelationToHead;
  UpdateFrequency: UpdateFrequency;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Building: Building;
  BuildingId: Scalars['BuildingId']['output'];
  CreditCode: Scalars['CreditCode']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DivisionCode: Scalars['DivisionCode']['output'];
  HouseholdRegistration: PersonRow;
  Money: Scalars['Money']['output'];
  NationalId: Scalars['NationalId']['output'];
  PageInfo: PageInfo;
  Person: PersonRow;
  Query: Record<PropertyKey, never>;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
}>;

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
  scope?: Maybe<CacheControlScope>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = PopulationContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ClassificationDirectiveArgs = {
  level: ClassificationLevel;
};

export type ClassificationDirectiveResolver<Result, Parent, ContextType = PopulationContext, Args = ClassificationDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LegalBasisDirectiveArgs = {
  reference: Scalars['String']['input'];
};

export type LegalBasisDirectiveResolver<Result, Parent, ContextType = PopulationContext, Args = LegalBasisDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type UpdateFrequencyDirectiveArgs = {
  frequency: UpdateFrequency;
};

export type UpdateFrequencyDirectiveResolver<Result, Parent, ContextType = PopulationContext, Args = UpdateFrequencyDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type BuildingResolvers<ContextType = PopulationContext, ParentType extends ResolversParentTypes['Building'] = ResolversParentTypes['Building']> = ResolversObject<{
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

export type HouseholdRegistrationResolvers<ContextType = PopulationContext, ParentType extends ResolversParentTypes['HouseholdRegistration'] = ResolversParentTypes['HouseholdRegistration']> = ResolversObject<{
  address?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  building?: Resolver<Maybe<ResolversTypes['Building']>, ParentType, ContextType>;
  buildingId?: Resolver<ResolversTypes['BuildingId'], ParentType, ContextType>;
  divisionCode?: Resolver<ResolversTypes['DivisionCode'], ParentType, ContextType>;
  householdNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  registeredOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  relationToHead?: Resolver<ResolversTypes['RelationToHead'], ParentType, ContextType>;
}>;

export interface MoneyScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Money'], any> {
  name: 'Money';
}

export interface NationalIdScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['NationalId'], any> {
  name: 'NationalId';
}

export type PageInfoResolvers<ContextType = PopulationContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PersonResolvers<ContextType = PopulationContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  birthDate?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  children?: Resolver<Array<ResolversTypes['Person']>, ParentType, ContextType>;
  gender?: Resolver<ResolversTypes['Gender'], ParentType, ContextType>;
  householdRegistration?: Resolver<ResolversTypes['HouseholdRegistration'], ParentType, ContextType>;
  maritalStatus?: Resolver<ResolversTypes['MaritalStatus'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nationalId?: Resolver<ResolversTypes['NationalId'], ParentType, ContextType>;
  parents?: Resolver<Array<ResolversTypes['Person']>, ParentType, ContextType>;
  spouse?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['PersonStatus'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = PopulationContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  people?: Resolver<Array<Maybe<ResolversTypes['Person']>>, ParentType, ContextType, RequireFields<QueryPeopleArgs, 'nationalIds'>>;
  person?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType, RequireFields<QueryPersonArgs, 'nationalId'>>;
}>;

export type Resolvers<ContextType = PopulationContext> = ResolversObject<{
  Building?: BuildingResolvers<ContextType>;
  BuildingId?: GraphQLScalarType;
  CreditCode?: GraphQLScalarType;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  DivisionCode?: GraphQLScalarType;
  HouseholdRegistration?: HouseholdRegistrationResolvers<ContextType>;
  Money?: GraphQLScalarType;
  NationalId?: GraphQLScalarType;
  PageInfo?: PageInfoResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = PopulationContext> = ResolversObject<{
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
  classification?: ClassificationDirectiveResolver<any, any, ContextType>;
  legalBasis?: LegalBasisDirectiveResolver<any, any, ContextType>;
  updateFrequency?: UpdateFrequencyDirectiveResolver<any, any, ContextType>;
}>;
