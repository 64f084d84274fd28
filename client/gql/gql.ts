/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation IngestSource($input: IngestSourceInput!) {\n    ingestSource(input: $input) {\n      created\n      source { id title url publisher author publishedAt language statementCount fromHtml }\n      statements { id text start end direct cue claim polarity modality speaker { id name kind } }\n      contradictions { id kind confidence explanation }\n      errors { code message field }\n    }\n  }\n": typeof types.IngestSourceDocument,
    "\n  mutation IngestUrl($url: String!, $title: String, $publisher: String, $publishedAt: DateTime) {\n    ingestUrl(url: $url, title: $title, publisher: $publisher, publishedAt: $publishedAt) {\n      created\n      source { id title url publisher author publishedAt language statementCount fromHtml }\n      statements { id text start end speaker { id name kind } }\n      contradictions { id kind confidence explanation }\n      errors { code message field }\n    }\n  }\n": typeof types.IngestUrlDocument,
    "\n  mutation IngestUrls($urls: [String!]!) {\n    ingestUrls(urls: $urls) { id state total done failed }\n  }\n": typeof types.IngestUrlsDocument,
    "\n  query Contradictions($first: Int, $after: String, $filter: ContradictionFilter, $orderBy: ContradictionOrder) {\n    contradictions(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id kind confidence explanation rule detectorVersion status note\n          sides {\n            position label\n            statements {\n              id text start end polarity direct\n              speaker { id name kind affiliation { id name } }\n              source { id title publishedAt }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ContradictionsDocument,
    "\n  query SpeakerStatements($search: String!, $first: Int) {\n    speakers(first: 5, filter: { search: $search }) {\n      totalCount\n      edges {\n        node {\n          id name aliases kind role\n          affiliation { id name affiliation { id name } }\n          statements(first: $first) { totalCount edges { node { id text polarity cue source { id title } } } }\n          contradictions(first: 10) { totalCount edges { node { id kind } } }\n        }\n      }\n    }\n  }\n": typeof types.SpeakerStatementsDocument,
    "\n  query Statements($filter: StatementFilter, $first: Int, $after: String) {\n    statements(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id text start end polarity modality claim speaker { id name } source { id } event { id key } conflicts { id kind } } }\n    }\n  }\n": typeof types.StatementsDocument,
    "\n  query Sources($first: Int) {\n    sources(first: $first) { totalCount edges { node { id title publisher publishedAt language statementCount } } }\n  }\n": typeof types.SourcesDocument,
    "\n  query SourceById($id: ID!) {\n    source(id: $id) { id title text statements(first: 100) { totalCount edges { node { id text start end } } } }\n  }\n": typeof types.SourceByIdDocument,
    "\n  query NodeById($id: ID!) {\n    node(id: $id) { id __typename ... on Speaker { name } ... on Source { title } ... on Contradiction { kind } }\n  }\n": typeof types.NodeByIdDocument,
    "\n  query CheckClaim($text: String!, $sourceIds: [ID!]) {\n    checkClaim(text: $text, sourceIds: $sourceIds) {\n      verdict confidence explanation model\n      evidence { score stance rule statement { id text polarity speaker { name } } }\n      passages { text start end score stance source { id title } }\n      sources { verdict related confidence source { id } }\n    }\n  }\n": typeof types.CheckClaimDocument,
    "\n  mutation ReviewContradiction($id: ID!, $status: ReviewStatus!, $note: String) {\n    reviewContradiction(id: $id, status: $status, note: $note) {\n      contradiction { id status note reviewedAt }\n      errors { code message field }\n    }\n  }\n": typeof types.ReviewContradictionDocument,
    "\n  mutation DeleteSource($id: ID!) {\n    deleteSource(id: $id) { deletedId removedStatements removedContradictions errors { code message field } }\n  }\n": typeof types.DeleteSourceDocument,
    "\n  mutation MergeSpeakers($input: MergeSpeakersInput!) {\n    mergeSpeakers(input: $input) { speaker { id name aliases statementCount } errors { code message field } }\n  }\n": typeof types.MergeSpeakersDocument,
    "\n  mutation AddStatement($input: AddStatementInput!) {\n    addStatement(input: $input) { statement { id text claim polarity manual speaker { id } conflicts { id kind } } errors { code message field } }\n  }\n": typeof types.AddStatementDocument,
    "\n  mutation UpdateStatement($input: UpdateStatementInput!) {\n    updateStatement(input: $input) { statement { id text start end claim polarity speaker { id } } errors { code message field } }\n  }\n": typeof types.UpdateStatementDocument,
    "\n  query StatementRevisions($first: Int!) {\n    statements(first: $first) {\n      edges { node { id text revisedBy { kind explanation to { id text } } revises { from { id } } } }\n    }\n  }\n": typeof types.StatementRevisionsDocument,
    "\n  mutation IngestSources($inputs: [IngestSourceInput!]!) {\n    ingestSources(inputs: $inputs) { id state total done failed }\n  }\n": typeof types.IngestSourcesDocument,
    "\n  query IngestJobStatus($id: ID!) {\n    ingestJob(id: $id) {\n      id state total done failed finishedAt\n      errors { index message }\n      sources { id title statementCount }\n    }\n  }\n": typeof types.IngestJobStatusDocument,
};
const documents: Documents = {
    "\n  mutation IngestSource($input: IngestSourceInput!) {\n    ingestSource(input: $input) {\n      created\n      source { id title url publisher author publishedAt language statementCount fromHtml }\n      statements { id text start end direct cue claim polarity modality speaker { id name kind } }\n      contradictions { id kind confidence explanation }\n      errors { code message field }\n    }\n  }\n": types.IngestSourceDocument,
    "\n  mutation IngestUrl($url: String!, $title: String, $publisher: String, $publishedAt: DateTime) {\n    ingestUrl(url: $url, title: $title, publisher: $publisher, publishedAt: $publishedAt) {\n      created\n      source { id title url publisher author publishedAt language statementCount fromHtml }\n      statements { id text start end speaker { id name kind } }\n      contradictions { id kind confidence explanation }\n      errors { code message field }\n    }\n  }\n": types.IngestUrlDocument,
    "\n  mutation IngestUrls($urls: [String!]!) {\n    ingestUrls(urls: $urls) { id state total done failed }\n  }\n": types.IngestUrlsDocument,
    "\n  query Contradictions($first: Int, $after: String, $filter: ContradictionFilter, $orderBy: ContradictionOrder) {\n    contradictions(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id kind confidence explanation rule detectorVersion status note\n          sides {\n            position label\n            statements {\n              id text start end polarity direct\n              speaker { id name kind affiliation { id name } }\n              source { id title publishedAt }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ContradictionsDocument,
    "\n  query SpeakerStatements($search: String!, $first: Int) {\n    speakers(first: 5, filter: { search: $search }) {\n      totalCount\n      edges {\n        node {\n          id name aliases kind role\n          affiliation { id name affiliation { id name } }\n          statements(first: $first) { totalCount edges { node { id text polarity cue source { id title } } } }\n          contradictions(first: 10) { totalCount edges { node { id kind } } }\n        }\n      }\n    }\n  }\n": types.SpeakerStatementsDocument,
    "\n  query Statements($filter: StatementFilter, $first: Int, $after: String) {\n    statements(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id text start end polarity modality claim speaker { id name } source { id } event { id key } conflicts { id kind } } }\n    }\n  }\n": types.StatementsDocument,
    "\n  query Sources($first: Int) {\n    sources(first: $first) { totalCount edges { node { id title publisher publishedAt language statementCount } } }\n  }\n": types.SourcesDocument,
    "\n  query SourceById($id: ID!) {\n    source(id: $id) { id title text statements(first: 100) { totalCount edges { node { id text start end } } } }\n  }\n": types.SourceByIdDocument,
    "\n  query NodeById($id: ID!) {\n    node(id: $id) { id __typename ... on Speaker { name } ... on Source { title } ... on Contradiction { kind } }\n  }\n": types.NodeByIdDocument,
    "\n  query CheckClaim($text: String!, $sourceIds: [ID!]) {\n    checkClaim(text: $text, sourceIds: $sourceIds) {\n      verdict confidence explanation model\n      evidence { score stance rule statement { id text polarity speaker { name } } }\n      passages { text start end score stance source { id title } }\n      sources { verdict related confidence source { id } }\n    }\n  }\n": types.CheckClaimDocument,
    "\n  mutation ReviewContradiction($id: ID!, $status: ReviewStatus!, $note: String) {\n    reviewContradiction(id: $id, status: $status, note: $note) {\n      contradiction { id status note reviewedAt }\n      errors { code message field }\n    }\n  }\n": types.ReviewContradictionDocument,
    "\n  mutation DeleteSource($id: ID!) {\n    deleteSource(id: $id) { deletedId removedStatements removedContradictions errors { code message field } }\n  }\n": types.DeleteSourceDocument,
    "\n  mutation MergeSpeakers($input: MergeSpeakersInput!) {\n    mergeSpeakers(input: $input) { speaker { id name aliases statementCount } errors { code message field } }\n  }\n": types.MergeSpeakersDocument,
    "\n  mutation AddStatement($input: AddStatementInput!) {\n    addStatement(input: $input) { statement { id text claim polarity manual speaker { id } conflicts { id kind } } errors { code message field } }\n  }\n": types.AddStatementDocument,
    "\n  mutation UpdateStatement($input: UpdateStatementInput!) {\n    updateStatement(input: $input) { statement { id text start end claim polarity speaker { id } } errors { code message field } }\n  }\n": types.UpdateStatementDocument,
    "\n  query StatementRevisions($first: Int!) {\n    statements(first: $first) {\n      edges { node { id text revisedBy { kind explanation to { id text } } revises { from { id } } } }\n    }\n  }\n": types.StatementRevisionsDocument,
    "\n  mutation IngestSources($inputs: [IngestSourceInput!]!) {\n    ingestSources(inputs: $inputs) { id state total done failed }\n  }\n": types.IngestSourcesDocument,
    "\n  query IngestJobStatus($id: ID!) {\n    ingestJob(id: $id) {\n      id state total done failed finishedAt\n      errors { index message }\n      sources { id title statementCount }\n    }\n  }\n": types.IngestJobStatusDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IngestSource($input: IngestSourceInput!) {\n    ingestSource(input: $input) {\n      created\n      source { id title url publisher author publishedAt language statementCount fromHtml }\n      statements { id text start end direct cue claim polarity modality speaker { id name kind } }\n      contradictions { id kind confidence explanation }\n      errors { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation IngestSource($input: IngestSourceInput!) {\n    ingestSource(input: $input) {\n      created\n      source { id title url publisher author publishedAt language statementCount fromHtml }\n      statements { id text start end direct cue claim polarity modality speaker { id name kind } }\n      contradictions { id kind confidence explanation }\n      errors { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IngestUrl($url: String!, $title: String, $publisher: String, $publishedAt: DateTime) {\n    ingestUrl(url: $url, title: $title, publisher: $publisher, publishedAt: $publishedAt) {\n      created\n      source { id title url publisher author publishedAt language statementCount fromHtml }\n      statements { id text start end speaker { id name kind } }\n      contradictions { id kind confidence explanation }\n      errors { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation IngestUrl($url: String!, $title: String, $publisher: String, $publishedAt: DateTime) {\n    ingestUrl(url: $url, title: $title, publisher: $publisher, publishedAt: $publishedAt) {\n      created\n      source { id title url publisher author publishedAt language statementCount fromHtml }\n      statements { id text start end speaker { id name kind } }\n      contradictions { id kind confidence explanation }\n      errors { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IngestUrls($urls: [String!]!) {\n    ingestUrls(urls: $urls) { id state total done failed }\n  }\n"): (typeof documents)["\n  mutation IngestUrls($urls: [String!]!) {\n    ingestUrls(urls: $urls) { id state total done failed }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Contradictions($first: Int, $after: String, $filter: ContradictionFilter, $orderBy: ContradictionOrder) {\n    contradictions(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id kind confidence explanation rule detectorVersion status note\n          sides {\n            position label\n            statements {\n              id text start end polarity direct\n              speaker { id name kind affiliation { id name } }\n              source { id title publishedAt }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Contradictions($first: Int, $after: String, $filter: ContradictionFilter, $orderBy: ContradictionOrder) {\n    contradictions(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id kind confidence explanation rule detectorVersion status note\n          sides {\n            position label\n            statements {\n              id text start end polarity direct\n              speaker { id name kind affiliation { id name } }\n              source { id title publishedAt }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SpeakerStatements($search: String!, $first: Int) {\n    speakers(first: 5, filter: { search: $search }) {\n      totalCount\n      edges {\n        node {\n          id name aliases kind role\n          affiliation { id name affiliation { id name } }\n          statements(first: $first) { totalCount edges { node { id text polarity cue source { id title } } } }\n          contradictions(first: 10) { totalCount edges { node { id kind } } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SpeakerStatements($search: String!, $first: Int) {\n    speakers(first: 5, filter: { search: $search }) {\n      totalCount\n      edges {\n        node {\n          id name aliases kind role\n          affiliation { id name affiliation { id name } }\n          statements(first: $first) { totalCount edges { node { id text polarity cue source { id title } } } }\n          contradictions(first: 10) { totalCount edges { node { id kind } } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Statements($filter: StatementFilter, $first: Int, $after: String) {\n    statements(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id text start end polarity modality claim speaker { id name } source { id } event { id key } conflicts { id kind } } }\n    }\n  }\n"): (typeof documents)["\n  query Statements($filter: StatementFilter, $first: Int, $after: String) {\n    statements(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id text start end polarity modality claim speaker { id name } source { id } event { id key } conflicts { id kind } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Sources($first: Int) {\n    sources(first: $first) { totalCount edges { node { id title publisher publishedAt language statementCount } } }\n  }\n"): (typeof documents)["\n  query Sources($first: Int) {\n    sources(first: $first) { totalCount edges { node { id title publisher publishedAt language statementCount } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SourceById($id: ID!) {\n    source(id: $id) { id title text statements(first: 100) { totalCount edges { node { id text start end } } } }\n  }\n"): (typeof documents)["\n  query SourceById($id: ID!) {\n    source(id: $id) { id title text statements(first: 100) { totalCount edges { node { id text start end } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeById($id: ID!) {\n    node(id: $id) { id __typename ... on Speaker { name } ... on Source { title } ... on Contradiction { kind } }\n  }\n"): (typeof documents)["\n  query NodeById($id: ID!) {\n    node(id: $id) { id __typename ... on Speaker { name } ... on Source { title } ... on Contradiction { kind } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CheckClaim($text: String!, $sourceIds: [ID!]) {\n    checkClaim(text: $text, sourceIds: $sourceIds) {\n      verdict confidence explanation model\n      evidence { score stance rule statement { id text polarity speaker { name } } }\n      passages { text start end score stance source { id title } }\n      sources { verdict related confidence source { id } }\n    }\n  }\n"): (typeof documents)["\n  query CheckClaim($text: String!, $sourceIds: [ID!]) {\n    checkClaim(text: $text, sourceIds: $sourceIds) {\n      verdict confidence explanation model\n      evidence { score stance rule statement { id text polarity speaker { name } } }\n      passages { text start end score stance source { id title } }\n      sources { verdict related confidence source { id } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewContradiction($id: ID!, $status: ReviewStatus!, $note: String) {\n    reviewContradiction(id: $id, status: $status, note: $note) {\n      contradiction { id status note reviewedAt }\n      errors { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation ReviewContradiction($id: ID!, $status: ReviewStatus!, $note: String) {\n    reviewContradiction(id: $id, status: $status, note: $note) {\n      contradiction { id status note reviewedAt }\n      errors { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSource($id: ID!) {\n    deleteSource(id: $id) { deletedId removedStatements removedContradictions errors { code message field } }\n  }\n"): (typeof documents)["\n  mutation DeleteSource($id: ID!) {\n    deleteSource(id: $id) { deletedId removedStatements removedContradictions errors { code message field } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MergeSpeakers($input: MergeSpeakersInput!) {\n    mergeSpeakers(input: $input) { speaker { id name aliases statementCount } errors { code message field } }\n  }\n"): (typeof documents)["\n  mutation MergeSpeakers($input: MergeSpeakersInput!) {\n    mergeSpeakers(input: $input) { speaker { id name aliases statementCount } errors { code message field } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddStatement($input: AddStatementInput!) {\n    addStatement(input: $input) { statement { id text claim polarity manual speaker { id } conflicts { id kind } } errors { code message field } }\n  }\n"): (typeof documents)["\n  mutation AddStatement($input: AddStatementInput!) {\n    addStatement(input: $input) { statement { id text claim polarity manual speaker { id } conflicts { id kind } } errors { code message field } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateStatement($input: UpdateStatementInput!) {\n    updateStatement(input: $input) { statement { id text start end claim polarity speaker { id } } errors { code message field } }\n  }\n"): (typeof documents)["\n  mutation UpdateStatement($input: UpdateStatementInput!) {\n    updateStatement(input: $input) { statement { id text start end claim polarity speaker { id } } errors { code message field } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StatementRevisions($first: Int!) {\n    statements(first: $first) {\n      edges { node { id text revisedBy { kind explanation to { id text } } revises { from { id } } } }\n    }\n  }\n"): (typeof documents)["\n  query StatementRevisions($first: Int!) {\n    statements(first: $first) {\n      edges { node { id text revisedBy { kind explanation to { id text } } revises { from { id } } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IngestSources($inputs: [IngestSourceInput!]!) {\n    ingestSources(inputs: $inputs) { id state total done failed }\n  }\n"): (typeof documents)["\n  mutation IngestSources($inputs: [IngestSourceInput!]!) {\n    ingestSources(inputs: $inputs) { id state total done failed }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IngestJobStatus($id: ID!) {\n    ingestJob(id: $id) {\n      id state total done failed finishedAt\n      errors { index message }\n      sources { id title statementCount }\n    }\n  }\n"): (typeof documents)["\n  query IngestJobStatus($id: ID!) {\n    ingestJob(id: $id) {\n      id state total done failed finishedAt\n      errors { index message }\n      sources { id title statementCount }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;