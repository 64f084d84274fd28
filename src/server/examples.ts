/** Example operations shown in GraphiQL's editor on first load. */
export const GRAPHIQL_EXAMPLES = `# gainsay — contradiction analysis of news. Pick an operation with the ▶ button.

# 1. Contradictions with their sides, speakers and evidence spans.
query Contradictions {
  contradictions(first: 10, filter: { minConfidence: 0.5 }) {
    totalCount
    edges {
      node {
        id kind confidence explanation status
        sides {
          label
          statements {
            text start end polarity
            speaker { name kind affiliation { name } }
            source { title publishedAt }
          }
        }
      }
    }
  }
}

# 2. A speaker's statements (change the search).
query SpeakerStatements {
  speakers(first: 1, filter: { search: "Kirby" }) {
    edges {
      node {
        name aliases role
        statements(first: 20) { edges { node { text polarity cue source { title } } } }
      }
    }
  }
}

# 3. Check a claim against what is stored.
query CheckClaim {
  checkClaim(text: "The United States informed Iraq before the strikes") {
    verdict confidence explanation
    evidence { score stance statement { text speaker { name } } }
  }
}

# 4. Ingest a text (needs an API key when the server has them).
mutation Ingest {
  ingestSource(input: {
    title: "Example"
    publishedAt: "2024-02-05"
    text: "Example\\n\\nA ministry spokesperson said the convoy was not hit. Local officials said the strike hit the convoy on Friday."
  }) {
    created
    source { id title }
    statements { text polarity speaker { name } }
    contradictions { kind explanation }
  }
}
`;
