// The eval talks to gainsay the way its users do: GraphQL documents (the typed client documents) posted to the Yoga
// handler, in process, over a fresh in-memory database. Nothing here reaches into the services directly.
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { CheckClaim, IngestSource } from "../client/operations.js";
import type { IngestSourceInput } from "../client/gql/graphql.js";
import { openDatabase } from "../src/db/client.js";
import { encodeGlobalId, idOf } from "../src/schema/ids.js";
import { createEvents } from "../src/events/bus.js";
import { createGainsayYoga } from "../src/server/yoga.js";
import { createServices } from "../src/services/index.js";

export async function evalApi() {
  const db = await openDatabase({ dataDir: "memory://" });
  const events = createEvents();
  const yoga = createGainsayYoga({ prisma: db.prisma, events, services: createServices(db.prisma, events), apiKeys: [] });
  async function call<R, V>(doc: TypedDocumentNode<R, V>, variables: V): Promise<R> {
    const res = await yoga.fetch("http://eval/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: print(doc), variables }) });
    const json = (await res.json()) as { data?: R; errors?: Array<{ message: string }> };
    if (json.errors?.length) throw new Error(json.errors.map((e) => e.message).join("; "));
    return json.data!;
  }
  return {
    db,
    /** ingestSource; returns the source's database id. */
    async ingest(input: IngestSourceInput): Promise<number> {
      const r = await call(IngestSource, { input });
      if (r.ingestSource.errors.length) throw new Error(r.ingestSource.errors.map((e) => e.message).join("; "));
      return idOf(r.ingestSource.source!.id, "Source");
    },
    async checkClaim(text: string, sourceIds: number[]) {
      return (await call(CheckClaim, { text, sourceIds: sourceIds.map((id) => encodeGlobalId("Source", id)) })).checkClaim;
    },
    close: () => db.close(),
  };
}
