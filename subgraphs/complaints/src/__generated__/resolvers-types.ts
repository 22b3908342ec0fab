import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ComplaintRow, ComplaintPage, PersonRef, LegalEntityRef } from '../db/schema.js';
import type { ComplaintsContext } from '../context.js';
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

/** A complaint made to the citizen hotline against a market entity, and how it was handled. */
export type Complaint = {
  __typename?: 'Complaint';
  /** The market entity complained about, an entity of the business registry. */
  against?: Maybe<LegalEntity>;
  /** What the complaint is about; it decides the handling agency. */
  category: ComplaintCategory;
  /** The person who filed the complaint, a person of the population registry. */
  complainant?: Maybe<Person>;
  /** The complainant's account of the matter, as filed. */
  description: Scalars['String']['output'];
  /** When the complaint was received. */
  filedAt: Scalars['DateTime']['output'];
  /** The agency the hotline passed the complaint to, e.g. 市场监督管理局. */
  handlingDepartment: Scalars['String']['output'];
  /** The hotline's ticket number, `12345-YYYY-NNNNNN`: the year filed and a serial unique within it. */
  id: Scalars['ID']['output'];
  /** How the complaint was closed (the agency's resolution or reason for rejecting it); null while open. */
  resolution?: Maybe<Scalars['String']['output']>;
  /** When the complaint was closed; null while open. */
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where the complaint stands. */
  status: ComplaintStatus;
};

/** What a complaint is about. */
export type ComplaintCategory =
  /** A contract not kept, prepaid money not refunded, unfair terms. */
  | 'CONTRACT'
  /** Noise, smells, waste water or other pollution. */
  | 'ENVIRONMENT'
  /** Unsafe, spoiled or contaminated food. */
  | 'FOOD_SAFETY'
  /** Unpaid wages, missing social insurance, unlawful working hours. */
  | 'LABOUR'
  /** Anything else. */
  | 'OTHER'
  /** Prices not marked, overcharged or raised unlawfully. */
  | 'PRICING'
  /** A defective or substandard product. */
  | 'PRODUCT_QUALITY'
  /** A service not delivered as promised. */
  | 'SERVICE';

/** A page of complaints, newest first. */
export type ComplaintConnection = {
  __typename?: 'ComplaintConnection';
  /** The complaints on this page. */
  nodes: Array<Complaint>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** Complaints in all pages together. */
  totalCount: Scalars['Int']['output'];
};

/** How a complaint is closed. */
export type ComplaintOutcome =
  /** The complaint was rejected. */
  | 'REJECTED'
  /** The matter was resolved. */
  | 'RESOLVED';

/** Where a complaint stands. */
export type ComplaintStatus =
  /** Taken up by the handling agency. */
  | 'IN_PROGRESS'
  /** Filed; not yet taken up by the handling agency. */
  | 'RECEIVED'
  /** Closed without action (out of scope, no evidence, a civil matter for the courts). */
  | 'REJECTED'
  /** Closed with the matter resolved. */
  | 'RESOLVED';

/** A new complaint for fileComplaint. */
export type FileComplaintInput = {
  /** Unified Social Credit Code of the market entity complained about. */
  againstCreditCode: Scalars['CreditCode']['input'];
  /** What the complaint is about; it decides the handling agency. */
  category: ComplaintCategory;
  /** Resident identity number of the person complaining. */
  complainantNationalId: Scalars['NationalId']['input'];
  /** The complainant's account: 10 to 2000 characters once spaces at either end are removed. */
  description: Scalars['String']['input'];
};

export type LegalEntity = {
  __typename?: 'LegalEntity';
  /** Complaints against the entity made to the citizen hotline, newest first; null when the hotline cannot answer. */
  complaints?: Maybe<ComplaintConnection>;
  /** Unified Social Credit Code (GB 32100-2015). */
  creditCode: Scalars['CreditCode']['output'];
};


export type LegalEntityComplaintsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<ComplaintStatus>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Files a complaint against a market entity. It is RECEIVED, gets a new ticket number and is
   * passed to the agency of its category. A citizen files only as the complainant; an agency files
   * on a person's behalf (WRITE_NOT_ALLOWED otherwise). Fails with INVALID_ARGUMENT when the
   * description is out of bounds; nothing is written then.
   */
  fileComplaint: Complaint;
  /**
   * Closes an open complaint as RESOLVED or REJECTED with the handling agency's resolution. Only
   * an agency of the complaint's handling department may close it, and its operator is recorded
   * as the one who did. Fails, in this order of checks, with WRITE_NOT_ALLOWED (not an agency),
   * COMPLAINT_NOT_FOUND (unknown ticket number), DEPARTMENT_MISMATCH (another department's
   * complaint), OPERATOR_REQUIRED (no X-Operator-Id) and COMPLAINT_ALREADY_CLOSED (closed
   * before); nothing is written then.
   */
  resolveComplaint: Complaint;
};


export type MutationFileComplaintArgs = {
  input: FileComplaintInput;
};


export type MutationResolveComplaintArgs = {
  input: ResolveComplaintInput;
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
  /** Complaints the person filed with the citizen hotline, newest first; null when the hotline cannot answer. */
  complaintsFiled?: Maybe<ComplaintConnection>;
  /** Resident identity number (GB 11643-1999). */
  nationalId: Scalars['NationalId']['output'];
};


export type PersonComplaintsFiledArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Query = {
  __typename?: 'Query';
  /** One complaint by ticket number; null when the hotline holds no such complaint. */
  complaint?: Maybe<Complaint>;
};


export type QueryComplaintArgs = {
  id: Scalars['ID']['input'];
};

/** The closing of a complaint for resolveComplaint. */
export type ResolveComplaintInput = {
  /** Ticket number of the complaint to close. */
  id: Scalars['ID']['input'];
  /** RESOLVED or REJECTED. */
  outcome: ComplaintOutcome;
  /** The resolution, or the reason for rejecting: 5 to 2000 characters once spaces at either end are removed. */
  resolution: Scalars['String']['input'];
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
  BuildingId: ResolverTypeWrapper<Scalars['BuildingId']['output']>;
  CacheControlScope: CacheControlScope;
  ClassificationLevel: ClassificationLevel;
  Complaint: ResolverTypeWrapper<ComplaintRow>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ComplaintCategory: ComplaintCategory;
  ComplaintConnection: ResolverTypeWrapper<ComplaintPage>;
  ComplaintOutcome: ComplaintOutcome;
  ComplaintStatus: ComplaintStatus;
  CreditCode: ResolverTypeWrapper<Scalars['CreditCode']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DivisionCode: ResolverTypeWrapper<Scalars['DivisionCode']['output']>;
  FileComplaintInput: FileComplaintInput;
  LegalEntity: ResolverTypeWrapper<LegalEntityRef>;
  Money: ResolverTypeWrapper<Scalars['Money']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  NationalId: ResolverTypeWrapper<Scalars['NationalId']['output']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Person: ResolverTypeWrapper<PersonRef>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ResolveComplaintInput: ResolveComplaintInput;
  UpdateFrequency: UpdateFrequency;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  BuildingId: Scalars['BuildingId']['output'];
  Complaint: ComplaintRow;
  ID: Scalars['ID']['output'];
  ComplaintConnection: ComplaintPage;
  CreditCode: Scalars['CreditCode']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DivisionCode: Scalars['DivisionCode']['output'];
  FileComplaintInput: FileComplaintInput;
  LegalEntity: LegalEntityRef;
  Money: Scalars['Money']['output'];
  Mutation: Record<PropertyKey, never>;
  NationalId: Scalars['NationalId']['output'];
  PageInfo: PageInfo;
  Person: PersonRef;
  Query: Record<PropertyKey, never>;
  ResolveComplaintInput: ResolveComplaintInput;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
}>;

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
  scope?: Maybe<CacheControlScope>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = ComplaintsContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ClassificationDirectiveArgs = {
  level: ClassificationLevel;
};

export type ClassificationDirectiveResolver<Result, Parent, ContextType = ComplaintsContext, Args = ClassificationDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LegalBasisDirectiveArgs = {
  reference: Scalars['String']['input'];
};

export type LegalBasisDirectiveResolver<Result, Parent, ContextType = ComplaintsContext, Args = LegalBasisDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type UpdateFrequencyDirectiveArgs = {
  frequency: UpdateFrequency;
};

export type UpdateFrequencyDirectiveResolver<Result, Parent, ContextType = ComplaintsContext, Args = UpdateFrequencyDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export interface BuildingIdScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['BuildingId'], any> {
  name: 'BuildingId';
}

export type ComplaintResolvers<ContextType = ComplaintsContext, ParentType extends ResolversParentTypes['Complaint'] = ResolversParentTypes['Complaint']> = ResolversObject<{
  against?: Resolver<Maybe<ResolversTypes['LegalEntity']>, ParentType, ContextType>;
  category?: Resolver<ResolversTypes['ComplaintCategory'], ParentType, ContextType>;
  complainant?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  filedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  handlingDepartment?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  resolution?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  resolvedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ComplaintStatus'], ParentType, ContextType>;
}>;

export type ComplaintConnectionResolvers<ContextType = ComplaintsContext, ParentType extends ResolversParentTypes['ComplaintConnection'] = ResolversParentTypes['ComplaintConnection']> = ResolversObject<{
  nodes?: Resolver<Array<ResolversTypes['Complaint']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

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

export type LegalEntityResolvers<ContextType = ComplaintsContext, ParentType extends ResolversParentTypes['LegalEntity'] = ResolversParentTypes['LegalEntity'], FederationReferenceType extends FederationReferenceTypes['LegalEntity'] = FederationReferenceTypes['LegalEntity']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LegalEntity']> | FederationReferenceType, FederationReferenceType, ContextType>;
  complaints?: Resolver<Maybe<ResolversTypes['ComplaintConnection']>, ParentType, ContextType, RequireFields<LegalEntityComplaintsArgs, 'first'>>;
  creditCode?: Resolver<ResolversTypes['CreditCode'], ParentType, ContextType>;
}>;

export interface MoneyScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Money'], any> {
  name: 'Money';
}

export type MutationResolvers<ContextType = ComplaintsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  fileComplaint?: Resolver<ResolversTypes['Complaint'], ParentType, ContextType, RequireFields<MutationFileComplaintArgs, 'input'>>;
  resolveComplaint?: Resolver<ResolversTypes['Complaint'], ParentType, ContextType, RequireFields<MutationResolveComplaintArgs, 'input'>>;
}>;

export interface NationalIdScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['NationalId'], any> {
  name: 'NationalId';
}

export type PageInfoResolvers<ContextType = ComplaintsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PersonResolvers<ContextType = ComplaintsContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  complaintsFiled?: Resolver<Maybe<ResolversTypes['ComplaintConnection']>, ParentType, ContextType, RequireFields<PersonComplaintsFiledArgs, 'first'>>;
  nationalId?: Resolver<ResolversTypes['NationalId'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = ComplaintsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  complaint?: Resolver<Maybe<ResolversTypes['Complaint']>, ParentType, ContextType, RequireFields<QueryComplaintArgs, 'id'>>;
}>;

export type Resolvers<ContextType = ComplaintsContext> = ResolversObject<{
  BuildingId?: GraphQLScalarType;
  Complaint?: ComplaintResolvers<ContextType>;
  ComplaintConnection?: ComplaintConnectionResolvers<ContextType>;
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
}>;

export type DirectiveResolvers<ContextType = ComplaintsContext> = ResolversObject<{
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
  classification?: ClassificationDirectiveResolver<any, any, ContextType>;
  legalBasis?: LegalBasisDirectiveResolver<any, any, ContextType>;
  updateFrequency?: UpdateFrequencyDirectiveResolver<any, any, ContextType>;
}>;
