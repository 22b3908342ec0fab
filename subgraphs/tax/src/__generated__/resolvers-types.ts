import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PersonRef, PersonTaxAccountRow, PersonTaxYearRow, LegalEntityRef, EnterpriseTaxAccountRow, TaxFilingRow, MajorTaxViolationRow } from '../db/schema.js';
import type { TaxContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
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

/** An enterprise's tax record: credit rating, returns filed, arrears and published major violations. */
export type EnterpriseTaxProfile = {
  __typename?: 'EnterpriseTaxProfile';
  /** Overdue tax owed; 0.00 when nothing is owed. */
  arrears: Scalars['Money']['output'];
  /** Tax credit rating from the latest annual evaluation: A best, then B, M (new enterprises), C, D worst. */
  creditRating: TaxCreditRating;
  /** The evaluation year of creditRating; for an enterprise registered since the last evaluation, its registration year (rated M). */
  creditRatingYear: Scalars['Int']['output'];
  /** Tax returns filed, newest first. */
  filings: TaxFilingConnection;
  /** Published major tax-violation cases against the enterprise, newest decision first. */
  majorViolations: MajorTaxViolationConnection;
  /** The latest rating as the administration publishes it: only A ratings are published, so A or null. */
  publishedCreditRating?: Maybe<TaxCreditRating>;
};


/** An enterprise's tax record: credit rating, returns filed, arrears and published major violations. */
export type EnterpriseTaxProfileFilingsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** An enterprise's tax record: credit rating, returns filed, arrears and published major violations. */
export type EnterpriseTaxProfileMajorViolationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type LegalEntity = {
  __typename?: 'LegalEntity';
  /** Unified Social Credit Code (GB 32100-2015). */
  creditCode: Scalars['CreditCode']['output'];
  /** The entity's tax record; null when it is not registered with the tax administration. */
  taxProfile?: Maybe<EnterpriseTaxProfile>;
};

/** A published major tax-violation case (tax evasion, fraudulent invoices, export-refund fraud). */
export type MajorTaxViolation = {
  __typename?: 'MajorTaxViolation';
  /** Tax evaded or fraudulently obtained, as established by the decision. */
  amountEvaded: Scalars['Money']['output'];
  /** Number of the tax inspection bureau's decision. */
  caseNumber: Scalars['String']['output'];
  /** Date of the decision. */
  decidedOn: Scalars['Date']['output'];
  /** Fine imposed by the decision. */
  penalty: Scalars['Money']['output'];
  /** What the enterprise did, as published. */
  violation: Scalars['String']['output'];
};

/** A page of an enterprise's published major tax-violation cases. */
export type MajorTaxViolationConnection = {
  __typename?: 'MajorTaxViolationConnection';
  /** The cases on this page. */
  nodes: Array<MajorTaxViolation>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** Cases on record in all pages together. */
  totalCount: Scalars['Int']['output'];
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
  /** The person's individual income tax record; null when the administration holds none (minors, and people deceased or emigrated). */
  taxProfile?: Maybe<PersonTaxProfile>;
};

/** A person's individual income tax record: annual reconciliations and what is owed. */
export type PersonTaxProfile = {
  __typename?: 'PersonTaxProfile';
  /** Overdue tax owed, all years together; 0.00 when nothing is owed. */
  arrears: Scalars['Money']['output'];
  /** Whether the person owes overdue tax. */
  hasArrears: Scalars['Boolean']['output'];
  /** Annual reconciliations, newest year first; only years on record are returned. */
  years: Array<PersonTaxYear>;
};


/** A person's individual income tax record: annual reconciliations and what is owed. */
export type PersonTaxProfileYearsArgs = {
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** One tax year of a person's annual individual income tax reconciliation (comprehensive income). */
export type PersonTaxYear = {
  __typename?: 'PersonTaxYear';
  /** Comprehensive income declared for the year (wages, labour remuneration, royalties), before deductions. */
  declaredIncome: Scalars['Money']['output'];
  /** Individual income tax paid for the year after the annual reconciliation. */
  taxPaid: Scalars['Money']['output'];
  /** The tax year (calendar year). */
  year: Scalars['Int']['output'];
};

/** A page of the taxpayers rated A in one year's evaluation. */
export type PublishedTaxpayerConnection = {
  __typename?: 'PublishedTaxpayerConnection';
  /** The A-rated taxpayers on this page, by credit code. */
  nodes: Array<LegalEntity>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** A-rated taxpayers of the year in all pages together. */
  totalCount: Scalars['Int']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Taxpayers rated A in a year's tax credit evaluation, as the tax administration publishes them, by credit code. */
  taxCreditRatingsPublished: PublishedTaxpayerConnection;
};


export type QueryTaxCreditRatingsPublishedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  year: Scalars['Int']['input'];
};

/** Tax credit rating levels of the annual evaluation. */
export type TaxCreditRating =
  /** Score of 90 or more; published, and eligible for facilitation measures. */
  | 'A'
  /** Score from 70 to under 90. */
  | 'B'
  /** Score from 40 to under 70. */
  | 'C'
  /** Score under 40 or a serious violation; subject to joint disciplinary measures. */
  | 'D'
  /** New enterprise or one with no business income in the year, with no adverse record. */
  | 'M';

/** One tax return filed by an enterprise. */
export type TaxFiling = {
  __typename?: 'TaxFiling';
  /** Statutory deadline: the 15th of the month after the period for VAT, May 31 of the next year for corporate income tax. */
  dueOn: Scalars['Date']['output'];
  /** Date the return was filed. */
  filedOn: Scalars['Date']['output'];
  /** Whether the return was filed by its deadline. */
  onTime: Scalars['Boolean']['output'];
  /** Tax period the return covers: 2024-03 for a month, 2024-Q1 for a quarter, 2024 for a year. */
  period: Scalars['String']['output'];
  /** Which tax the return is for. */
  taxKind: TaxKind;
  /** Tax paid with the return. */
  taxPaid: Scalars['Money']['output'];
  /** Taxable base of the period: sales for VAT, taxable profit for corporate income tax. */
  taxableAmount: Scalars['Money']['output'];
};

/** A page of an enterprise's tax returns. */
export type TaxFilingConnection = {
  __typename?: 'TaxFilingConnection';
  /** The returns on this page. */
  nodes: Array<TaxFiling>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** Returns on record in all pages together. */
  totalCount: Scalars['Int']['output'];
};

/** Which tax a return is for. */
export type TaxKind =
  /** Enterprise (corporate) income tax, annual final settlement. */
  | 'CORPORATE_INCOME'
  /** Value-added tax, filed monthly by general taxpayers and quarterly by small-scale taxpayers. */
  | 'VAT';

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
  CreditCode: ResolverTypeWrapper<Scalars['CreditCode']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DivisionCode: ResolverTypeWrapper<Scalars['DivisionCode']['output']>;
  EnterpriseTaxProfile: ResolverTypeWrapper<EnterpriseTaxAccountRow>;
  LegalEntity: ResolverTypeWrapper<LegalEntityRef>;
  MajorTaxViolation: ResolverTypeWrapper<MajorTaxViolationRow>;
  MajorTaxViolationConnection: ResolverTypeWrapper<Omit<MajorTaxViolationConnection, 'nodes'> & { nodes: Array<ResolversTypes['MajorTaxViolation']> }>;
  Money: ResolverTypeWrapper<Scalars['Money']['output']>;
  NationalId: ResolverTypeWrapper<Scalars['NationalId']['output']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Person: ResolverTypeWrapper<PersonRef>;
  PersonTaxProfile: ResolverTypeWrapper<PersonTaxAccountRow>;
  PersonTaxYear: ResolverTypeWrapper<PersonTaxYearRow>;
  PublishedTaxpayerConnection: ResolverTypeWrapper<Omit<PublishedTaxpayerConnection, 'nodes'> & { nodes: Array<ResolversTypes['LegalEntity']> }>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TaxCreditRating: TaxCreditRating;
  TaxFiling: ResolverTypeWrapper<TaxFilingRow>;
  TaxFilingConnection: ResolverTypeWrapper<Omit<TaxFilingConnection, 'nodes'> & { nodes: Array<ResolversTypes['TaxFiling']> }>;
  TaxKind: TaxKind;
  UpdateFrequency: UpdateFrequency;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  BuildingId: Scalars['BuildingId']['output'];
  CreditCode: Scalars['CreditCode']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DivisionCode: Scalars['DivisionCode']['output'];
  EnterpriseTaxProfile: EnterpriseTaxAccountRow;
  LegalEntity: LegalEntityRef;
  MajorTaxViolation: MajorTaxViolationRow;
  MajorTaxViolationConnection: Omit<MajorTaxViolationConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['MajorTaxViolation']> };
  Money: Scalars['Money']['output'];
  NationalId: Scalars['NationalId']['output'];
  PageInfo: PageInfo;
  Person: PersonRef;
  PersonTaxProfile: PersonTaxAccountRow;
  PersonTaxYear: PersonTaxYearRow;
  PublishedTaxpayerConnection: Omit<PublishedTaxpayerConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['LegalEntity']> };
  Query: Record<PropertyKey, never>;
  TaxFiling: TaxFilingRow;
  TaxFilingConnection: Omit<TaxFilingConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['TaxFiling']> };
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
}>;

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
  scope?: Maybe<CacheControlScope>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = TaxContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ClassificationDirectiveArgs = {
  level: ClassificationLevel;
};

export type ClassificationDirectiveResolver<Result, Parent, ContextType = TaxContext, Args = ClassificationDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LegalBasisDirectiveArgs = {
  reference: Scalars['String']['input'];
};

export type LegalBasisDirectiveResolver<Result, Parent, ContextType = TaxContext, Args = LegalBasisDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type UpdateFrequencyDirectiveArgs = {
  frequency: UpdateFrequency;
};

export type UpdateFrequencyDirectiveResolver<Result, Parent, ContextType = TaxContext, Args = UpdateFrequencyDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

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

export type EnterpriseTaxProfileResolvers<ContextType = TaxContext, ParentType extends ResolversParentTypes['EnterpriseTaxProfile'] = ResolversParentTypes['EnterpriseTaxProfile']> = ResolversObject<{
  arrears?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  creditRating?: Resolver<ResolversTypes['TaxCreditRating'], ParentType, ContextType>;
  creditRatingYear?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  filings?: Resolver<ResolversTypes['TaxFilingConnection'], ParentType, ContextType, RequireFields<EnterpriseTaxProfileFilingsArgs, 'first'>>;
  majorViolations?: Resolver<ResolversTypes['MajorTaxViolationConnection'], ParentType, ContextType, RequireFields<EnterpriseTaxProfileMajorViolationsArgs, 'first'>>;
  publishedCreditRating?: Resolver<Maybe<ResolversTypes['TaxCreditRating']>, ParentType, ContextType>;
}>;

export type LegalEntityResolvers<ContextType = TaxContext, ParentType extends ResolversParentTypes['LegalEntity'] = ResolversParentTypes['LegalEntity'], FederationReferenceType extends FederationReferenceTypes['LegalEntity'] = FederationReferenceTypes['LegalEntity']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LegalEntity']> | FederationReferenceType, FederationReferenceType, ContextType>;
  creditCode?: Resolver<ResolversTypes['CreditCode'], ParentType, ContextType>;
  taxProfile?: Resolver<Maybe<ResolversTypes['EnterpriseTaxProfile']>, ParentType, ContextType>;
}>;

export type MajorTaxViolationResolvers<ContextType = TaxContext, ParentType extends ResolversParentTypes['MajorTaxViolation'] = ResolversParentTypes['MajorTaxViolation']> = ResolversObject<{
  amountEvaded?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  caseNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  decidedOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  penalty?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  violation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MajorTaxViolationConnectionResolvers<ContextType = TaxContext, ParentType extends ResolversParentTypes['MajorTaxViolationConnection'] = ResolversParentTypes['MajorTaxViolationConnection']> = ResolversObject<{
  nodes?: Resolver<Array<ResolversTypes['MajorTaxViolation']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export interface MoneyScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Money'], any> {
  name: 'Money';
}

export interface NationalIdScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['NationalId'], any> {
  name: 'NationalId';
}

export type PageInfoResolvers<ContextType = TaxContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PersonResolvers<ContextType = TaxContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  nationalId?: Resolver<ResolversTypes['NationalId'], ParentType, ContextType>;
  taxProfile?: Resolver<Maybe<ResolversTypes['PersonTaxProfile']>, ParentType, ContextType>;
}>;

export type PersonTaxProfileResolvers<ContextType = TaxContext, ParentType extends ResolversParentTypes['PersonTaxProfile'] = ResolversParentTypes['PersonTaxProfile']> = ResolversObject<{
  arrears?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  hasArrears?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  years?: Resolver<Array<ResolversTypes['PersonTaxYear']>, ParentType, ContextType, RequireFields<PersonTaxProfileYearsArgs, 'last'>>;
}>;

export type PersonTaxYearResolvers<ContextType = TaxContext, ParentType extends ResolversParentTypes['PersonTaxYear'] = ResolversParentTypes['PersonTaxYear']> = ResolversObject<{
  declaredIncome?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  taxPaid?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type PublishedTaxpayerConnectionResolvers<ContextType = TaxContext, ParentType extends ResolversParentTypes['PublishedTaxpayerConnection'] = ResolversParentTypes['PublishedTaxpayerConnection']> = ResolversObject<{
  nodes?: Resolver<Array<ResolversTypes['LegalEntity']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = TaxContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  taxCreditRatingsPublished?: Resolver<ResolversTypes['PublishedTaxpayerConnection'], ParentType, ContextType, RequireFields<QueryTaxCreditRatingsPublishedArgs, 'first' | 'year'>>;
}>;

export type TaxFilingResolvers<ContextType = TaxContext, ParentType extends ResolversParentTypes['TaxFiling'] = ResolversParentTypes['TaxFiling']> = ResolversObject<{
  dueOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  filedOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  onTime?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  period?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  taxKind?: Resolver<ResolversTypes['TaxKind'], ParentType, ContextType>;
  taxPaid?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  taxableAmount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export type TaxFilingConnectionResolvers<ContextType = TaxContext, ParentType extends ResolversParentTypes['TaxFilingConnection'] = ResolversParentTypes['TaxFilingConnection']> = ResolversObject<{
  nodes?: Resolver<Array<ResolversTypes['TaxFiling']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = TaxContext> = ResolversObject<{
  BuildingId?: GraphQLScalarType;
  CreditCode?: GraphQLScalarType;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  DivisionCode?: GraphQLScalarType;
  EnterpriseTaxProfile?: EnterpriseTaxProfileResolvers<ContextType>;
  LegalEntity?: LegalEntityResolvers<ContextType>;
  MajorTaxViolation?: MajorTaxViolationResolvers<ContextType>;
  MajorTaxViolationConnection?: MajorTaxViolationConnectionResolvers<ContextType>;
  Money?: GraphQLScalarType;
  NationalId?: GraphQLScalarType;
  PageInfo?: PageInfoResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  PersonTaxProfile?: PersonTaxProfileResolvers<ContextType>;
  PersonTaxYear?: PersonTaxYearResolvers<ContextType>;
  PublishedTaxpayerConnection?: PublishedTaxpayerConnectionResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  TaxFiling?: TaxFilingResolvers<ContextType>;
  TaxFilingConnection?: TaxFilingConnectionResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = TaxContext> = ResolversObject<{
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
  classification?: ClassificationDirectiveResolver<any, any, ContextType>;
  legalBasis?: LegalBasisDirectiveResolver<any, any, ContextType>;
  updateFrequency?: UpdateFrequencyDirectiveResolver<any, any, ContextType>;
}>;
