// The operations frontends, notebooks and the integration tests use. `npm run codegen` types them into client/gql/.
import { graphql } from "./gql/index.js";

export const IngestSource = graphql(`
  mutation IngestSource($input: IngestSourceInput!) {
    ingestSource(input: $input) {
      created
      source { id title url publisher author publishedAt language statementCount fromHtml }
      statements { id text start end direct cue claim polarity modality speaker { id name kind } }
      contradictions { id kind confidence explanation }
      errors { code message field }
    }
  }
`);

export const IngestUrl = graphql(`
  mutation IngestUrl($url: String!, $title: String, $publisher: String, $publishedAt: DateTime) {
    ingestUrl(url: $url, title: $title, publisher: $publisher, publishedAt: $publishedAt) {
      created
      source { id title url publisher author publishedAt language statementCount fromHtml }
      statements { id text start end speaker { id name kind } }
      contradictions { id kind confidence explanation }
      errors { code message field }
    }
  }
`);

export const IngestUrls = graphql(`
  mutation IngestUrls($urls: [String!]!) {
    ingestUrls(urls: $urls) { id state total done failed }
  }
`);

export const Contradictions = graphql(`
  query Contradictions($first: Int, $after: String, $filter: ContradictionFilter, $orderBy: ContradictionOrder) {
    contradictions(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id kind confidence explanation rule detectorVersion status note
          sides {
            position label
            statements {
              id text start end polarity direct
              speaker { id name kind affiliation { id name } }
              source { id title publishedAt }
            }
          }
        }
      }
    }
  }
`);

export const SpeakerStatements = graphql(`
  query SpeakerStatements($search: String!, $first: Int) {
    speakers(first: 5, filter: { search: $search }) {
      totalCount
      edges {
        node {
          id name aliases kind role
          affiliation { id name affiliation { id name } }
          statements(first: $first) { totalCount edges { node { id text polarity cue source { id title } } } }
          contradictions(first: 10) { totalCount edges { node { id kind } } }
        }
      }
    }
  }
`);

export const Statements = graphql(`
  query Statements($filter: StatementFilter, $first: Int, $after: String) {
    statements(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id text start end polarity modality claim speaker { id name } source { id } event { id key } conflicts { id kind } } }
    }
  }
`);

export const Sources = graphql(`
  query Sources($first: Int) {
    sources(first: $first) { totalCount edges { node { id title publisher publishedAt language statementCount } } }
  }
`);

export const SourceById = graphql(`
  query SourceById($id: ID!) {
    source(id: $id) { id title text statements(first: 100) { totalCount edges { node { id text start end } } } }
  }
`);

export const NodeById = graphql(`
  query NodeById($id: ID!) {
    node(id: $id) { id __typename ... on Speaker { name } ... on Source { title } ... on Contradiction { kind } }
  }
`);

export const CheckClaim = graphql(`
  query CheckClaim($text: String!, $sourceIds: [ID!]) {
    checkClaim(text: $text, sourceIds: $sourceIds) {
      verdict confidence explanation model
      evidence { score stance rule statement { id text polarity speaker { name } } }
      passages { text start end score stance source { id title } }
      sources { verdict related confidence source { id } }
    }
  }
`);

export const ReviewContradiction = graphql(`
  mutation ReviewContradiction($id: ID!, $status: ReviewStatus!, $note: String) {
    reviewContradiction(id: $id, status: $status, note: $note) {
      contradiction { id status note reviewedAt }
      errors { code message field }
    }
  }
`);

export const DeleteSource = graphql(`
  mutation DeleteSource($id: ID!) {
    deleteSource(id: $id) { deletedId removedStatements removedContradictions errors { code message field } }
  }
`);

export const MergeSpeakers = graphql(`
  mutation MergeSpeakers($input: MergeSpeakersInput!) {
    mergeSpeakers(input: $input) { speaker { id name aliases statementCount } errors { code message field } }
  }
`);

export const AddStatement = graphql(`
  mutation AddStatement($input: AddStatementInput!) {
    addStatement(input: $input) { statement { id text claim polarity manual speaker { id } conflicts { id kind } } errors { code message field } }
  }
`);

export const UpdateStatement = graphql(`
  mutation UpdateStatement($input: UpdateStatementInput!) {
    updateStatement(input: $input) { statement { id text start end claim polarity speaker { id } } errors { code message field } }
  }
`);

export const StatementRevisions = graphql(`
  query StatementRevisions($first: Int!) {
    statements(first: $first) {
      edges { node { id text revisedBy { kind explanation to { id text } } revises { from { id } } } }
    }
  }
`);

export const IngestSources = graphql(`
  mutation IngestSources($inputs: [IngestSourceInput!]!) {
    ingestSources(inputs: $inputs) { id state total done failed }
  }
`);

export const IngestJobStatus = graphql(`
  query IngestJobStatus($id: ID!) {
    ingestJob(id: $id) {
      id state total done failed finishedAt
      errors { index message }
      sources { id title statementCount }
    }
  }
`);
