// A typed client: ingests a text file and prints its contradictions. Uses the generated documents (client/gql).
// usage: npx tsx examples/client.ts <file.txt>   (GAINSAY_URL, GAINSAY_API_KEY)
import { readFileSync } from "node:fs";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { Contradictions, IngestSource } from "../client/operations.js";

const url = process.env.GAINSAY_URL ?? "http://localhost:4000/graphql";

async function request<R, V>(doc: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(process.env.GAINSAY_API_KEY ? { authorization: `Bearer ${process.env.GAINSAY_API_KEY}` } : {}) },
    body: JSON.stringify({ query: print(doc), variables }),
  });
  const json = (await res.json()) as { data?: R; errors?: Array<{ message: string }> };
  if (json.errors?.length) throw new Error(json.errors.map((e) => e.message).join("; "));
  return json.data as R;
}

const file = process.argv[2];
if (!file) {
  console.error("usage: npx tsx examples/client.ts <file.txt>");
  process.exit(2);
}
const ingested = await request(IngestSource, { input: { text: readFileSync(file, "utf8") } });
const src = ingested.ingestSource;
console.log(`${src.created ? "ingested" : "already stored"}: ${src.source.title} (${src.statements.length} statements)`);
const list = await request(Contradictions, { first: 20, filter: { sourceId: src.source.id } });
for (const { node } of list.contradictions.edges) {
  console.log(`${node.kind} ${node.confidence.toFixed(2)}  ${node.explanation}`);
  for (const side of node.sides) console.log(`   [${side.label}] ${side.statements.map((s) => s.speaker.name).join(", ")}`);
}
