// The table of bad requests that test/integration/bad-input.test.ts sends, one row each: what is sent, the HTTP
// status, the error code and where it is. It is kept apart from the test so that BAD_INPUT_CASES.md is printed from
// it (the test fails when that file is not what this table prints):
//
//   npx tsx test/integration/bad-input-cases.ts > test/integration/BAD_INPUT_CASES.md
//
// Texts are our own.

const gid = (raw: string) => Buffer.from(raw, "utf8").toString("base64");
/** The body limit the test's app is created with (GAINSAY_MAX_BODY_BYTES). */
export const MAX_BODY = 3 * 1024 * 1024;

/** Ids of rows the test seeds before the cases run (read when a case is built, so they may be filled in later). */
export type Ids = { sourceId: string; speakerId: string; otherSpeakerId: string; statementId: string };

export type Raw = { method?: string; headers?: Record<string, string>; body?: string | ReadableStream<Uint8Array>; url?: string };
/** A request: a GraphQL body (query + variables), or a raw HTTP request, or a function building one from the seeded ids. */
export type Send = { query: string; variables?: Record<string, unknown>; operationName?: unknown } | { raw: Raw };
/** Where the code is: a GraphQL error, the payload's `errors` of a mutation field, or `null` data and no error at all. */
export type Expect = { status: number; code: string; extra?: Record<string, unknown> } | { status: 200; payload: string; code: string } | { status: 200; data: () => unknown };
export type Case = [name: string, send: () => Send, expect: Expect];

const q = (query: string, variables?: Record<string, unknown>) => () => ({ query, variables });
const INGEST = "mutation($input: IngestSourceInput!) { ingestSource(input: $input) { created errors { code } } }";
const ingest = (input: Record<string, unknown>) => q(INGEST, { input });
const json = (body: string, headers: Record<string, string> = {}) => () => ({ raw: { headers: { "content-type": "application/json", ...headers }, body } });
const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: sources(first: 1) { totalCount }`).join(" ")} }`;
const nested = (depth: number) => `{ speakers(first: 1) { edges { node { ${"affiliation { ".repeat(depth)}name${" }".repeat(depth)} } } } }`;

// Deterministic "random" bytes (a linear congruential generator), decoded as UTF-8 the way a careless client would.
function noise(bytes: number, allowNul: boolean): string {
  const out = new Uint8Array(bytes);
  let x = 12345;
  for (let i = 0; i < bytes; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = (x >>> 16) & 0xff;
    if (!allowNul && out[i] === 0) out[i] = 1;
  }
  return new TextDecoder().decode(out);
}
// Latin-1 bytes of an accented text sent as if they were UTF-8: replacement characters, but no control characters.
const latin1AsUtf8 = new TextDecoder().decode(Buffer.from("Le ministre a déclaré à l'été que la crème brûlée était prête. ".repeat(40), "latin1"));

/** The cases, in groups; builders and expected data read `ids` when called (after the test has seeded its rows). */
export function badInputGroups(ids: Ids): Array<[group: string, cases: Case[]]> {
  return [
    [
      "the HTTP request itself",
      [
        ["body is not JSON", json("{oops"), { status: 400, code: "BAD_REQUEST" }],
        ["body is truncated JSON", json('{"query": "{ sources(first: 1) { totalCount } }"'), { status: 400, code: "BAD_REQUEST" }],
        ["body is empty", json(""), { status: 400, code: "BAD_REQUEST" }],
        ["body is a JSON string", json('"{ sources { totalCount } }"'), { status: 400, code: "BAD_REQUEST" }],
        ["body is a JSON array (batching)", json('[{"query":"{ __typename }"}]'), { status: 400, code: "BAD_REQUEST" }],
        ["no query in the body", json("{}"), { status: 400, code: "BAD_REQUEST" }],
        ["query is a number", json('{"query": 123}'), { status: 400, code: "BAD_REQUEST" }],
        ["variables is a string", json('{"query": "{ __typename }", "variables": "x"}'), { status: 400, code: "BAD_REQUEST" }],
        ["operationName is a number", json('{"query": "{ __typename }", "operationName": 7}'), { status: 400, code: "OPERATION_RESOLUTION_FAILURE" }],
        ["extensions is an array", json('{"query": "{ __typename }", "extensions": [1]}'), { status: 400, code: "BAD_REQUEST" }],
        ["content type text/plain", () => ({ raw: { headers: { "content-type": "text/plain" }, body: '{"query":"{ __typename }"}' } }), { status: 415, code: "UNSUPPORTED_MEDIA_TYPE" }],
        ["content type application/xml", () => ({ raw: { headers: { "content-type": "application/xml" }, body: "<query/>" } }), { status: 415, code: "UNSUPPORTED_MEDIA_TYPE" }],
        ["no content type", () => ({ raw: { headers: {}, body: '{"query":"{ __typename }"}' } }), { status: 415, code: "UNSUPPORTED_MEDIA_TYPE" }],
        ["method PUT", () => ({ raw: { method: "PUT", headers: { "content-type": "application/json" }, body: '{"query":"{ __typename }"}' } }), { status: 405, code: "BAD_REQUEST" }],
        ["method DELETE", () => ({ raw: { method: "DELETE" } }), { status: 405, code: "BAD_REQUEST" }],
        ["a mutation over GET", () => ({ raw: { method: "GET", url: `http://test/graphql?query=${encodeURIComponent(`mutation { deleteSource(id: "${ids.sourceId}") { deletedId } }`)}` } }), { status: 405, code: "BAD_REQUEST" }],
        ["body over the size limit (Content-Length)", json(JSON.stringify({ query: "{ __typename }", variables: { pad: "x".repeat(MAX_BODY) } })), { status: 413, code: "PAYLOAD_TOO_LARGE" }],
      [
          "chunked body over the size limit",
          () => {
            const bytes = new TextEncoder().encode(JSON.stringify({ query: INGEST, variables: { input: { text: "Word ".repeat(MAX_BODY / 4) } } }));
            return {
              raw: {
                headers: { "content-type": "application/json" },
                body: new ReadableStream<Uint8Array>({
                  start(c) {
                    for (let i = 0; i < bytes.length; i += 65536) c.enqueue(bytes.subarray(i, i + 65536));
                    c.close();
                  },
                }),
              },
            };
          },
          { status: 413, code: "PAYLOAD_TOO_LARGE" },
      ],
      ],
    ],
    [
      "the document",
      [
        ["syntax error", q("{ sources(first: 1) { totalCount }"), { status: 400, code: "GRAPHQL_PARSE_FAILED" }],
        ["unknown field", q("{ sources(first: 1) { totalCount colour } }"), { status: 400, code: "GRAPHQL_VALIDATION_FAILED" }],
        ["unknown argument", q("{ sources(first: 1, colour: 2) { totalCount } }"), { status: 400, code: "GRAPHQL_VALIDATION_FAILED" }],
        ["missing required argument", q("{ source { id } }"), { status: 400, code: "GRAPHQL_VALIDATION_FAILED" }],
        ["literal of the wrong type", q('{ sources(first: "ten") { totalCount } }'), { status: 400, code: "GRAPHQL_VALIDATION_FAILED" }],
        ["unknown enum literal", q("{ contradictions(first: 5, filter: { kind: SIDEWAYS }) { totalCount } }"), { status: 400, code: "GRAPHQL_VALIDATION_FAILED" }],
        // `text` and `html` are each optional in the schema (exactly one is required): the resolver refuses neither.
        ["mutation input with neither text nor html", q("mutation { ingestSource(input: { title: \"No text\" }) { created } }"), { status: 200, code: "BAD_USER_INPUT", extra: { field: "text" } }],
        ["mutation input with both text and html", q("mutation { ingestSource(input: { text: \"Officials said so.\", html: \"<p>Officials said so.</p>\" }) { created } }"), { status: 200, code: "BAD_USER_INPUT", extra: { field: "html" } }],
        ["mutation ingestUrl without its url", q("mutation { ingestUrl { created } }"), { status: 400, code: "GRAPHQL_VALIDATION_FAILED" }],
        ["unknown operationName", () => ({ query: "query A { __typename }", operationName: "B" }), { status: 400, code: "OPERATION_RESOLUTION_FAILURE" }],
        ["two operations and no operationName", q("query A { __typename } query B { __typename }"), { status: 400, code: "OPERATION_RESOLUTION_FAILURE" }],
      ],
    ],
    [
      "query limits (graphql-armor)",
      [
        ["depth 15 (limit 14)", q(nested(11)), { status: 400, code: "QUERY_LIMIT_EXCEEDED", extra: { limit: "depth", max: 14 } }],
        ["31 aliases (limit 30)", q(aliases(31)), { status: 400, code: "QUERY_LIMIT_EXCEEDED", extra: { limit: "aliases", max: 30 } }],
        ["5001 tokens (limit 5000)", q(`{ ${"__typename ".repeat(5001)}}`), { status: 400, code: "QUERY_LIMIT_EXCEEDED", extra: { limit: "tokens", max: 5000 } }],
        ["cost over 20000 (wide and nested)", q(`{ ${Array.from({ length: 20 }, (_, i) => `c${i}: contradictions(first: 100) { edges { node { sides { statements { speaker { affiliation { name } } } } } } }`).join(" ")} }`), { status: 400, code: "QUERY_LIMIT_EXCEEDED", extra: { limit: "cost", max: 20000 } }],
        ["51 directives (limit 50)", q(`{ __typename ${"@include(if: true) ".repeat(51)}}`), { status: 400, code: "QUERY_LIMIT_EXCEEDED", extra: { limit: "directives", max: 50 } }],
        ["3000 identical fields (graphql-js overlap budget)", q(`{ ${"__typename ".repeat(3000)}}`), { status: 400, code: "GRAPHQL_VALIDATION_FAILED" }],
      ],
    ],
    [
      "variables that do not coerce",
      [
        ["text: 123", ingest({ text: 123 }), { status: 400, code: "BAD_USER_INPUT" }],
        ["required variable not given", q(INGEST), { status: 400, code: "BAD_USER_INPUT" }],
        ["input with neither text nor html", ingest({ title: "No text here" }), { status: 200, code: "BAD_USER_INPUT", extra: { field: "text" } }],
        ["a page with no article text", ingest({ html: "<html><body><nav><a href='/'>Home</a></nav></body></html>" }), { status: 200, code: "BAD_USER_INPUT", extra: { field: "html" } }],
        ["input with an unknown key", ingest({ text: "Title\n\nA spokesman said the road was open.", colour: "red" }), { status: 400, code: "BAD_USER_INPUT" }],
        ["input null", q(INGEST, { input: null }), { status: 400, code: "BAD_USER_INPUT" }],
        ["first: \"ten\"", q("query($n: Int) { sources(first: $n) { totalCount } }", { n: "ten" }), { status: 400, code: "BAD_USER_INPUT" }],
        ["first: 1.5", q("query($n: Int) { sources(first: $n) { totalCount } }", { n: 1.5 }), { status: 400, code: "BAD_USER_INPUT" }],
        ["first: 2^31 (Int overflow)", q("query($n: Int) { sources(first: $n) { totalCount } }", { n: 2 ** 31 }), { status: 400, code: "BAD_USER_INPUT" }],
        ["unknown enum value in a variable", q("query($f: ContradictionFilter) { contradictions(first: 5, filter: $f) { totalCount } }", { f: { kind: "SIDEWAYS" } }), { status: 400, code: "BAD_USER_INPUT" }],
        ["minConfidence: \"high\"", q("query($f: ContradictionFilter) { contradictions(first: 5, filter: $f) { totalCount } }", { f: { minConfidence: "high" } }), { status: 400, code: "BAD_USER_INPUT" }],
        ["Boolean given as a string", q("query($f: StatementFilter) { statements(first: 5, filter: $f) { totalCount } }", { f: { direct: "yes" } }), { status: 400, code: "BAD_USER_INPUT" }],
        ["impossible date 2024-02-31", ingest({ text: "Title\n\nA spokesman said the road was open.", publishedAt: "2024-02-31" }), { status: 400, code: "BAD_USER_INPUT" }],
        ["date as a number", ingest({ text: "Title\n\nA spokesman said the road was open.", publishedAt: 20240205 }), { status: 400, code: "BAD_USER_INPUT" }],
        ["ids as one object", q("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", { ids: { a: 1 } }), { status: 400, code: "BAD_USER_INPUT" }],
      ],
    ],
    [
      "list and page sizes",
      [
        ["nodes with 101 ids", () => ({ query: "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", variables: { ids: Array.from({ length: 101 }, (_, i) => gid(`Source:${i + 1}`)) } }), { status: 400, code: "BAD_USER_INPUT", extra: { max: 100, field: "ids" } }],
        ["checkClaim with 101 sourceIds", () => ({ query: "query($ids: [ID!]) { checkClaim(text: \"The road was open\", sourceIds: $ids) { verdict } }", variables: { ids: Array.from({ length: 101 }, () => ids.sourceId) } }), { status: 400, code: "BAD_USER_INPUT", extra: { max: 100, field: "sourceIds" } }],
        ["mergeSpeakers with 101 mergeIds", () => ({ query: "mutation($i: MergeSpeakersInput!) { mergeSpeakers(input: $i) { errors { code } } }", variables: { i: { targetId: ids.speakerId, mergeIds: Array.from({ length: 101 }, (_, k) => gid(`Speaker:${k + 1000}`)) } } }), { status: 400, code: "BAD_USER_INPUT", extra: { max: 100, field: "input.mergeIds" } }],
        ["page size 0", q("{ contradictions(first: 0) { totalCount } }"), { status: 400, code: "BAD_USER_INPUT" }],
        ["page size 101", q("query($n: Int) { statements(first: $n) { totalCount } }", { n: 101 }), { status: 400, code: "BAD_USER_INPUT" }],
        ["page size -1 on a nested connection", q("{ speakers(first: 1) { edges { node { statements(last: -1) { totalCount } } } } }"), { status: 400, code: "BAD_USER_INPUT" }],
      ],
    ],
    [
      "text that cannot be stored",
      [
        ["lone high surrogate in the text", ingest({ text: "Title\n\nThe minister said \ud800 the road was open." }), { status: 400, code: "BAD_USER_INPUT", extra: { field: "input.text" } }],
        ["lone low surrogate in the text", ingest({ text: "Title\n\nThe minister said \udc00 the road was open." }), { status: 400, code: "BAD_USER_INPUT", extra: { field: "input.text" } }],
        ["lone surrogate in the title", ingest({ text: "Title\n\nThe minister said the road was open.", title: "Bad \udbff title" }), { status: 400, code: "BAD_USER_INPUT", extra: { field: "input.title" } }],
        ["NUL in the text", ingest({ text: "Title\n\nThe minister said\u0000 the road was open." }), { status: 400, code: "BAD_USER_INPUT", extra: { field: "input.text" } }],
        ["NUL in a search string", q("query($s: String) { speakers(first: 1, filter: { search: $s }) { totalCount } }", { s: "Bren\u0000ner" }), { status: 400, code: "BAD_USER_INPUT", extra: { field: "filter.search" } }],
        ["lone surrogate in a review note", () => ({ query: "mutation($id: ID!, $n: String) { reviewContradiction(id: $id, status: CONFIRMED, note: $n) { errors { code } } }", variables: { id: gid("Contradiction:1"), n: "looks \udfff right" } }), { status: 400, code: "BAD_USER_INPUT", extra: { field: "note" } }],
        ["20 KB of random bytes (with NUL)", ingest({ text: noise(20 * 1024, true) }), { status: 400, code: "BAD_USER_INPUT" }],
        ["20 KB of random bytes (no NUL)", ingest({ text: noise(20 * 1024, false) }), { status: 200, code: "BAD_USER_INPUT", extra: { field: "text" } }],
        ["Latin-1 text sent as UTF-8", ingest({ text: latin1AsUtf8 }), { status: 200, code: "BAD_USER_INPUT", extra: { field: "text" } }],
        ["a bell character (U+0007)", ingest({ text: "Title\n\nThe minister said\u0007 the road was open." }), { status: 200, code: "BAD_USER_INPUT", extra: { field: "text" } }],
        ["a C1 control character (U+0085)", ingest({ text: "Title\n\nThe minister said\u0085 the road was open." }), { status: 200, code: "BAD_USER_INPUT", extra: { field: "text" } }],
        ["an escape sequence in the title", ingest({ text: "Title\n\nThe minister said the road was open.", title: "Red \u001b[31m title" }), { status: 200, code: "BAD_USER_INPUT", extra: { field: "title" } }],
        ["only punctuation", ingest({ text: "?!... --- ;;; ,,, !!! ((( ))) ''' \"\"\"\n\n*** ### ///" }), { status: 200, code: "BAD_USER_INPUT", extra: { field: "text" } }],
        ["only digits and signs", ingest({ text: "12 34 56 + 78 = 9 %\n\n2024-02-05 10:00" }), { status: 200, code: "BAD_USER_INPUT", extra: { field: "text" } }],
        ["empty text", ingest({ text: "" }), { status: 200, code: "BAD_USER_INPUT", extra: { field: "text" } }],
        ["whitespace only", ingest({ text: " \n\t \r\n " }), { status: 200, code: "BAD_USER_INPUT", extra: { field: "text" } }],
        ["text over 2 MB", ingest({ text: "word ".repeat(420_000) }), { status: 200, code: "BAD_USER_INPUT", extra: { field: "text" } }],
        ["title over 1000 characters", ingest({ text: "Title\n\nThe minister said the road was open.", title: "T".repeat(1001) }), { status: 200, code: "BAD_USER_INPUT", extra: { field: "title" } }],
        ["ftp URL", ingest({ text: "Title\n\nThe minister said the road was open.", url: "ftp://example.org/a" }), { status: 200, code: "BAD_USER_INPUT", extra: { field: "url" } }],
        ["language that is not a tag", ingest({ text: "Title\n\nThe minister said the road was open.", language: "English!" }), { status: 200, code: "BAD_USER_INPUT", extra: { field: "language" } }],
        ["checkClaim with empty text", q('{ checkClaim(text: "   ") { verdict } }'), { status: 200, code: "BAD_USER_INPUT", extra: { field: "text" } }],
        ["review note over 4000 characters", () => ({ query: "mutation($id: ID!, $n: String) { reviewContradiction(id: $id, status: CONFIRMED, note: $n) { errors { code } } }", variables: { id: gid("Contradiction:1"), n: "n".repeat(4001) } }), { status: 200, code: "BAD_USER_INPUT", extra: { field: "note" } }],
      ],
    ],
    [
      "ids of each type",
      [
        ["source id that is not base64", q('{ source(id: "not-an-id!") { id } }'), { status: 200, code: "BAD_USER_INPUT" }],
        ["source id of a speaker", () => ({ query: `{ source(id: "${ids.speakerId}") { id } }` }), { status: 200, code: "BAD_USER_INPUT" }],
        ["speaker id Speaker:0", q(`{ speaker(id: "${gid("Speaker:0")}") { id } }`), { status: 200, code: "BAD_USER_INPUT" }],
        ["statement id Statement:abc", q(`{ statement(id: "${gid("Statement:abc")}") { id } }`), { status: 200, code: "BAD_USER_INPUT" }],
        ["contradiction id beyond int4", q(`{ contradiction(id: "${gid("Contradiction:9999999999")}") { id } }`), { status: 200, code: "BAD_USER_INPUT" }],
        ["event id with lowercase type", q(`{ event(id: "${gid("event:1")}") { id } }`), { status: 200, code: "BAD_USER_INPUT" }],
        ["node id that is not base64", q('{ node(id: "%%%") { id } }'), { status: 200, code: "BAD_USER_INPUT" }],
        ["node id beyond int4", q(`{ node(id: "${gid("Source:9999999999")}") { id } }`), { status: 200, code: "BAD_USER_INPUT" }],
        ["statement filter with a source id as speakerId", () => ({ query: `{ statements(first: 5, filter: { speakerId: "${ids.sourceId}" }) { totalCount } }` }), { status: 200, code: "BAD_USER_INPUT", extra: { field: "filter.speakerId" } }],
        ["contradiction filter with a malformed sourceId", q('{ contradictions(first: 5, filter: { sourceId: "Zm9v" }) { totalCount } }'), { status: 200, code: "BAD_USER_INPUT", extra: { field: "filter.sourceId" } }],
        ["node of an unknown type (Foo:1) is null", q(`{ node(id: "${gid("Foo:1")}") { id } }`), { status: 200, data: () => ({ node: null }) }],
        ["node of a type without ids (ContradictionSide:1) is null", q(`{ node(id: "${gid("ContradictionSide:1")}") { id } }`), { status: 200, data: () => ({ node: null }) }],
        ["node of a missing source is null", q(`{ node(id: "${gid("Source:999999")}") { id } }`), { status: 200, data: () => ({ node: null }) }],
        ["node of a missing statement is null", q(`{ node(id: "${gid("Statement:999999")}") { ... on Statement { text } } }`), { status: 200, data: () => ({ node: null }) }],
      [
          "nodes: null for each unknown id, the known one resolved",
          () => ({ query: `{ nodes(ids: ["${gid("Speaker:999999")}", "${ids.speakerId}", "${gid("Foo:3")}", "${gid("Event:999999")}"]) { id __typename } }` }),
          { status: 200, data: () => ({ nodes: [null, { id: ids.speakerId, __typename: "Speaker" }, null, null] }) },
      ],
      ["checkClaim on an unknown source", q(`{ checkClaim(text: "The road was open", sourceIds: ["${gid("Source:999999")}"]) { verdict } }`), { status: 200, code: "NOT_FOUND", extra: { field: "sourceIds" } }],
      ],
    ],
    [
      "well-formed mutations that do not fit the data (payload errors)",
      [
        ["deleteSource of a missing source", q(`mutation { deleteSource(id: "${gid("Source:999999")}") { deletedId errors { code field } } }`), { status: 200, payload: "deleteSource", code: "NOT_FOUND" }],
        ["mergeSpeakers into a missing target", () => ({ query: `mutation { mergeSpeakers(input: { targetId: "${gid("Speaker:999999")}", mergeIds: ["${ids.speakerId}"] }) { errors { code field } } }` }), { status: 200, payload: "mergeSpeakers", code: "NOT_FOUND" }],
        ["mergeSpeakers of a speaker into itself", () => ({ query: `mutation { mergeSpeakers(input: { targetId: "${ids.speakerId}", mergeIds: ["${ids.speakerId}"] }) { errors { code field } } }` }), { status: 200, payload: "mergeSpeakers", code: "INVALID" }],
        ["mergeSpeakers with no mergeIds", () => ({ query: `mutation { mergeSpeakers(input: { targetId: "${ids.speakerId}", mergeIds: [] }) { errors { code field } } }` }), { status: 200, payload: "mergeSpeakers", code: "INVALID" }],
        ["addStatement with a span past the end", () => ({ query: `mutation { addStatement(input: { sourceId: "${ids.sourceId}", speakerId: "${ids.otherSpeakerId}", start: 5, end: 999999 }) { errors { code field } } }` }), { status: 200, payload: "addStatement", code: "INVALID" }],
        ["addStatement with start after end", () => ({ query: `mutation { addStatement(input: { sourceId: "${ids.sourceId}", speakerId: "${ids.otherSpeakerId}", start: 9, end: 3 }) { errors { code field } } }` }), { status: 200, payload: "addStatement", code: "INVALID" }],
        ["addStatement for a missing speaker", () => ({ query: `mutation { addStatement(input: { sourceId: "${ids.sourceId}", speakerId: "${gid("Speaker:999999")}", start: 0, end: 5 }) { errors { code field } } }` }), { status: 200, payload: "addStatement", code: "NOT_FOUND" }],
        ["updateStatement with an empty claim", () => ({ query: `mutation { updateStatement(input: { id: "${ids.statementId}", claim: "  " }) { errors { code field } } }` }), { status: 200, payload: "updateStatement", code: "INVALID" }],
        ["updateStatement of a missing statement", q(`mutation { updateStatement(input: { id: "${gid("Statement:999999")}", claim: "x" }) { errors { code field } } }`), { status: 200, payload: "updateStatement", code: "NOT_FOUND" }],
        ["reviewContradiction of a missing one", q(`mutation { reviewContradiction(id: "${gid("Contradiction:999999")}", status: DISMISSED) { errors { code field } } }`), { status: 200, payload: "reviewContradiction", code: "NOT_FOUND" }],
      ],
    ],
  ];
}

/** Where a case's code is read: `extensions.code` of every GraphQL error, the mutation payload's `errors`, or null data. */
export function whereOf(want: Expect): string {
  if ("data" in want) return "no error: `data` has `null` for it";
  if ("payload" in want) return `\`${want.payload}.errors[].code\``;
  return "`errors[].extensions.code`";
}

/** The cases as a Markdown table (BAD_INPUT_CASES.md): group, case, HTTP status, code, where, extensions checked. */
export function casesMarkdown(): string {
  const groups = badInputGroups({ sourceId: "", speakerId: "", otherSpeakerId: "", statementId: "" });
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  const rows: string[] = [];
  let n = 0;
  for (const [group, cases] of groups) {
    for (const [name, , want] of cases) {
      const code = "code" in want ? `\`${want.code}\`` : "—";
      const extra = "extra" in want && want.extra ? Object.entries(want.extra).map(([k, v]) => `\`${k}: ${JSON.stringify(v)}\``).join(", ") : "";
      rows.push(`| ${++n} | ${cell(group)} | ${cell(name)} | ${want.status} | ${code} | ${whereOf(want)} | ${extra} |`);
    }
  }
  return [
    "# Bad-input cases",
    "",
    "Printed from the table in `test/integration/bad-input-cases.ts` (`npx tsx test/integration/bad-input-cases.ts >",
    "test/integration/BAD_INPUT_CASES.md`); `test/integration/bad-input.test.ts` sends every row, checks its status, its",
    "code and that the database is unchanged, and fails when this file is not what the table prints.",
    "",
    `${n} cases.`,
    "",
    "| # | group | case | HTTP | code | where | extensions checked |",
    "|---|---|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) process.stdout.write(casesMarkdown());
