import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { BuildingRow, TitleRow, OwnershipRow, TitlePage, PersonRef, LegalEntityRef } from '../db/schema.js';
import type { HousingContext } from '../context.js';
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

/**
 * A building in the real-estate registry, keyed by building identifier. The population registry
 * points households at it; the business registry points company addresses at it.
 */
export type Building = {
  __typename?: 'Building';
  /** Street address of the building. */
  address: Scalars['String']['output'];
  /** Building identifier: 6-digit division code, the letter B, 8-digit serial. */
  buildingId: Scalars['BuildingId']['output'];
  /** Year construction was completed. */
  builtYear: Scalars['Int']['output'];
  /** Administrative division the building stands in. */
  divisionCode: Scalars['DivisionCode']['output'];
  /** Number of floors above ground. */
  floors: Scalars['Int']['output'];
  /** Title certificates of the units in this building, in order of their serial numbers. */
  titles: RealEstateTitleConnection;
  /** What the building is approved for. */
  use: BuildingUse;
};


/**
 * A building in the real-estate registry, keyed by building identifier. The population registry
 * points households at it; the business registry points company addresses at it.
 */
export type BuildingTitlesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** What a building is approved for. */
export type BuildingUse =
  /** Shops and offices. */
  | 'COMMERCIAL'
  /** Factories and warehouses. */
  | 'INDUSTRIAL'
  /** Dwellings above shops or offices. */
  | 'MIXED'
  /** Schools, hospitals and government offices. */
  | 'PUBLIC'
  /** Dwellings. */
  | 'RESIDENTIAL';

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
  /** Unified Social Credit Code (GB 32100-2015). */
  creditCode: Scalars['CreditCode']['output'];
  /** Titles the entity holds a share of, oldest registration first; null when the real-estate registry cannot answer. */
  realEstate?: Maybe<RealEstateTitleConnection>;
};


export type LegalEntityRealEstateArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Who can hold a share of a title: a natural person or a legal entity. */
export type Owner = LegalEntity | Person;

/** One owner's share of a title. */
export type Ownership = {
  __typename?: 'Ownership';
  /** The person or legal entity holding the share. */
  owner: Owner;
  /** The share held, as a fraction: 1/1 for a sole owner, 1/2 for each of two co-owners. */
  share: Scalars['String']['output'];
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
  /** Resident identity number (GB 11643-1999). */
  nationalId: Scalars['NationalId']['output'];
  /** Titles the person holds a share of, oldest registration first; null when the real-estate registry cannot answer. */
  realEstate?: Maybe<RealEstateTitleConnection>;
};


export type PersonRealEstateArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Query = {
  __typename?: 'Query';
  /** One building by its identifier; null when the registry holds no such building. */
  building?: Maybe<Building>;
  /** One title certificate by its number; null when the registry holds no such title. */
  realEstateTitle?: Maybe<RealEstateTitle>;
};


export type QueryBuildingArgs = {
  buildingId: Scalars['BuildingId']['input'];
};


export type QueryRealEstateTitleArgs = {
  certificateNumber: Scalars['String']['input'];
};

/**
 * A real-estate title certificate (不动产权证书): one unit of a building, who owns it and in what
 * shares, and whether it is mortgaged.
 */
export type RealEstateTitle = {
  __typename?: 'RealEstateTitle';
  /** Floor area of the unit in square metres. */
  areaSquareMeters: Scalars['Float']['output'];
  /** The building the unit is in. */
  building: Building;
  /** Certificate number, e.g. 京(2019)朝阳区不动产权第0012345号; unique in the registry. */
  certificateNumber: Scalars['String']['output'];
  /** Whether a mortgage is registered on the unit. */
  mortgaged: Scalars['Boolean']['output'];
  /** Everyone who holds a share of the unit, largest share first. */
  owners: Array<Ownership>;
  /** Date the title was registered. */
  registeredOn: Scalars['Date']['output'];
  /** The unit within the building, e.g. 3单元502室. */
  unit: Scalars['String']['output'];
  /** What the unit is used for. */
  use: UnitUse;
};

/** One page of real-estate titles. */
export type RealEstateTitleConnection = {
  __typename?: 'RealEstateTitleConnection';
  /** The titles on this page. */
  nodes: Array<RealEstateTitle>;
  /** Where this page ends and whether another follows. */
  pageInfo: PageInfo;
  /** How many titles the whole list holds. */
  totalCount: Scalars['Int']['output'];
};

/** What a registered unit is used for, as written on its title. */
export type UnitUse =
  /** A shop. */
  | 'COMMERCIAL'
  /** A factory or warehouse floor. */
  | 'INDUSTRIAL'
  /** An office. */
  | 'OFFICE'
  /** A dwelling. */
  | 'RESIDENTIAL';

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
  Building: Building;
  LegalEntity: LegalEntity;
  Person: Person;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Building:
    ( { __typename: 'Building' }
    & GraphQLRecursivePick<FederationTypes['Building'], {"buildingId":true}> );
  LegalEntity:
    ( { __typename: 'LegalEntity' }
    & GraphQLRecursivePick<FederationTypes['LegalEntity'], {"creditCode":true}> );
  Person:
    ( { __typename: 'Person' }
    & GraphQLRecursivePick<FederationTypes['Person'], {"nationalId":true}> );
}>;

/** Mapping of union types */
export type ResolversUnionTypes<_RefType extends Record<string, unknown>> = ResolversObject<{
  Owner:
    | ( LegalEntityRef )
    | ( PersonRef )
  ;
}>;


/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Building: ResolverTypeWrapper<BuildingRow>;
  BuildingId: ResolverTypeWrapper<Scalars['BuildingId']['output']>;
  BuildingUse: BuildingUse;
  CacheControlScope: CacheControlScope;
  ClassificationLevel: ClassificationLevel;
  CreditCode: ResolverTypeWrapper<Scalars['CreditCode']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DivisionCode: ResolverTypeWrapper<Scalars['DivisionCode']['output']>;
  LegalEntity: ResolverTypeWrapper<LegalEntityRef>;
  Money: ResolverTypeWrapper<Scalars['Money']['output']>;
  NationalId: ResolverTypeWrapper<Scalars['NationalId']['output']>;
  Owner: ResolverTypeWrapper<ResolversUnionTypes<ResolversTypes>['Owner']>;
  Ownership: ResolverTypeWrapper<OwnershipRow>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Person: ResolverTypeWrapper<PersonRef>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RealEstateTitle: ResolverTypeWrapper<TitleRow>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  RealEstateTitleConnection: ResolverTypeWrapper<TitlePage>;
  UnitUse: UnitUse;
  UpdateFrequency: UpdateFrequency;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Building: BuildingRow;
  BuildingId: Scalars['BuildingId']['output'];
  CreditCode: Scalars['CreditCode']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DivisionCode: Scalars['DivisionCode']['output'];
  LegalEntity: LegalEntityRef;
  Money: Scalars['Money']['output'];
  NationalId: Scalars['NationalId']['output'];
  Owner: ResolversUnionTypes<ResolversParentTypes>['Owner'];
  Ownership: OwnershipRow;
  PageInfo: PageInfo;
  Person: PersonRef;
  Query: Record<PropertyKey, never>;
  RealEstateTitle: TitleRow;
  Float: Scalars['Float']['output'];
  RealEstateTitleConnection: TitlePage;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
}>;

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
  scope?: Maybe<CacheControlScope>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = HousingContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ClassificationDirectiveArgs = {
  level: ClassificationLevel;
};

export type ClassificationDirectiveResolver<Result, Parent, ContextType = HousingContext, Args = ClassificationDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LegalBasisDirectiveArgs = {
  reference: Scalars['String']['input'];
};

export type LegalBasisDirectiveResolver<Result, Parent, ContextType = HousingContext, Args = LegalBasisDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type UpdateFrequencyDirectiveArgs = {
  frequency: UpdateFrequency;
};

export type UpdateFrequencyDirectiveResolver<Result, Parent, ContextType = HousingContext, Args = UpdateFrequencyDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type BuildingResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['Building'] = ResolversParentTypes['Building'], FederationReferenceType extends FederationReferenceTypes['Building'] = FederationReferenceTypes['Building']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Building']> | FederationReferenceType, FederationReferenceType, ContextType>;
  address?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  buildingId?: Resolver<ResolversTypes['BuildingId'], ParentType, ContextType>;
  builtYear?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  divisionCode?: Resolver<ResolversTypes['DivisionCode'], ParentType, ContextType>;
  floors?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  titles?: Resolver<ResolversTypes['RealEstateTitleConnection'], ParentType, ContextType, RequireFields<BuildingTitlesArgs, 'first'>>;
  use?: Resolver<ResolversTypes['BuildingUse'], ParentType, ContextType>;
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

export type LegalEntityResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['LegalEntity'] = ResolversParentTypes['LegalEntity'], FederationReferenceType extends FederationReferenceTypes['LegalEntity'] = FederationReferenceTypes['LegalEntity']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LegalEntity']> | FederationReferenceType, FederationReferenceType, ContextType>;
  creditCode?: Resolver<ResolversTypes['CreditCode'], ParentType, ContextType>;
  realEstate?: Resolver<Maybe<ResolversTypes['RealEstateTitleConnection']>, ParentType, ContextType, RequireFields<LegalEntityRealEstateArgs, 'first'>>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export interface MoneyScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Money'], any> {
  name: 'Money';
}

export interface NationalIdScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['NationalId'], any> {
  name: 'NationalId';
}

export type OwnerResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['Owner'] = ResolversParentTypes['Owner']> = ResolversObject<{
  __resolveType: TypeResolveFn<'LegalEntity' | 'Person', ParentType, ContextType>;
}>;

export type OwnershipResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['Ownership'] = ResolversParentTypes['Ownership']> = ResolversObject<{
  owner?: Resolver<ResolversTypes['Owner'], ParentType, ContextType>;
  share?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PersonResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  nationalId?: Resolver<ResolversTypes['NationalId'], ParentType, ContextType>;
  realEstate?: Resolver<Maybe<ResolversTypes['RealEstateTitleConnection']>, ParentType, ContextType, RequireFields<PersonRealEstateArgs, 'first'>>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  building?: Resolver<Maybe<ResolversTypes['Building']>, ParentType, ContextType, RequireFields<QueryBuildingArgs, 'buildingId'>>;
  realEstateTitle?: Resolver<Maybe<ResolversTypes['RealEstateTitle']>, ParentType, ContextType, RequireFields<QueryRealEstateTitleArgs, 'certificateNumber'>>;
}>;

export type RealEstateTitleResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['RealEstateTitle'] = ResolversParentTypes['RealEstateTitle']> = ResolversObject<{
  areaSquareMeters?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  building?: Resolver<ResolversTypes['Building'], ParentType, ContextType>;
  certificateNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  mortgaged?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  owners?: Resolver<Array<ResolversTypes['Ownership']>, ParentType, ContextType>;
  registeredOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  unit?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  use?: Resolver<ResolversTypes['UnitUse'], ParentType, ContextType>;
}>;

export type RealEstateTitleConnectionResolvers<ContextType = HousingContext, ParentType extends ResolversParentTypes['RealEstateTitleConnection'] = ResolversParentTypes['RealEstateTitleConnection']> = ResolversObject<{
  nodes?: Resolver<Array<ResolversTypes['RealEstateTitle']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = HousingContext> = ResolversObject<{
  Building?: BuildingResolvers<ContextType>;
  BuildingId?: GraphQLScalarType;
  CreditCode?: GraphQLScalarType;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  DivisionCode?: GraphQLScalarType;
  LegalEntity?: LegalEntityResolvers<ContextType>;
  Money?: GraphQLScalarType;
  NationalId?: GraphQLScalarType;
  Owner?: OwnerResolvers<ContextType>;
  Ownership?: OwnershipResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RealEstateTitle?: RealEstateTitleResolvers<ContextType>;
  RealEstateTitleConnection?: RealEstateTitleConnectionResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = HousingContext> = ResolversObject<{
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
  classification?: ClassificationDirectiveResolver<any, any, ContextType>;
  legalBasis?: LegalBasisDirectiveResolver<any, any, ContextType>;
  updateFrequency?: UpdateFrequencyDirectiveResolver<any, any, ContextType>;
}>;
