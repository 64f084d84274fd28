import type { Context } from "../server/context.js";
import { builder } from "./builder.js";
import { idOf, notFound } from "./ids.js";
import { requireWriter, userCall } from "./common.js";
import { IngestSourceInput, Source } from "./source.js";

const IngestJobStateEnum = builder.enumType("IngestJobState", {
  description: "Where a batch of texts is.",
  values: {
    QUEUED: { description: "Waiting: no text taken yet." },
    RUNNING: { description: "Texts are being ingested." },
    DONE: { description: "Every text is done or failed (`done + failed = total`)." },
  } as const,
});

const IngestJobError = builder.objectRef<{ index: number; message: string }>("IngestJobError").implement({
  description: "A text of a batch that could not be ingested.",
  fields: (t) => ({
    index: t.exposeInt("index", { description: "Its position in `ingestSources(inputs)`, from 0." }),
    message: t.exposeString("message", { description: "Why." }),
  }),
});

export const IngestJob = builder.prismaNode("IngestJob", {
  id: { field: "id" },
  nullable: true,
  description: "A batch of texts queued by `ingestSources`, ingested one by one after the mutation answered.",
  fields: (t) => ({
    state: t.expose("state", { type: IngestJobStateEnum, description: "QUEUED, RUNNING or DONE." }),
    total: t.exposeInt("total", { description: "How many texts the batch has." }),
    done: t.exposeInt("done", { description: "Texts stored (new sources, or found already stored)." }),
    failed: t.exposeInt("failed", { description: "Texts that could not be ingested (see `errors`)." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was queued." }),
    finishedAt: t.expose("finishedAt", { type: "DateTime", nullable: true, description: "When its last text was done or failed." }),
    errors: t.field({
      type: [IngestJobError],
      description: "The texts that failed, in input order.",
      resolve: async (job, _a, ctx) =>
        (await ctx.prisma.ingestJobItem.findMany({ where: { jobId: job.id, state: "FAILED" }, orderBy: { position: "asc" }, select: { position: true, error: true } })).map((i) => ({
          index: i.position,
          message: i.error ?? "failed",
        })),
    }),
    sources: t.prismaField({
      type: [Source],
      description: "The sources the batch's texts gave so far, in input order (a text stored before gives its existing source).",
      resolve: async (query, job, _a, ctx) => {
        const items = await ctx.prisma.ingestJobItem.findMany({ where: { jobId: job.id, state: "DONE", sourceId: { not: null } }, orderBy: { position: "asc" }, select: { sourceId: true } });
        const ids = [...new Set(items.map((i) => i.sourceId!))];
        const rows = await ctx.prisma.source.findMany({ ...query, where: { id: { in: ids } } });
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.flatMap((id) => byId.get(id) ?? []);
      },
    }),
  }),
});

builder.queryFields((t) => ({
  ingestJob: t.prismaField({
    type: "IngestJob",
    nullable: true,
    description: "A batch queued by `ingestSources`; null when it does not exist.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.prisma.ingestJob.findUnique({ ...query, where: { id: idOf(String(args.id), "IngestJob") } }),
  }),
}));

builder.mutationFields((t) => ({
  ingestUrls: t.prismaField({
    type: "IngestJob",
    description:
      "Queues web pages (at most 100) to fetch and ingest as `ingestUrl` does, and answers at once with the batch. Only the URLs' form is checked first (BAD_USER_INPUT naming `urls[i]`, nothing queued); a page that cannot be fetched fails its item, with the code (URL_HTTP_STATUS, URL_FORBIDDEN, …) in its `errors` message. On PostgreSQL any worker or server takes the pages, several at once.",
    args: { urls: t.arg.stringList({ required: true }) },
    resolve: async (query, _root, { urls }, ctx) => {
      requireWriter(ctx);
      const id = await userCall(() => ctx.services.ingestUrlBatch(urls));
      return ctx.prisma.ingestJob.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  ingestSources: t.prismaField({
    type: "IngestJob",
    description:
      "Queues texts for ingest and answers at once with the batch (follow it with `ingestJob`, `node` or the `ingestJobProgress` subscription). Every input is checked first: one bad input is a BAD_USER_INPUT error naming `inputs[i]` and nothing is queued. Use `ingestSource` for one text whose result you want in the answer.",
    args: { inputs: t.arg({ type: [IngestSourceInput], required: true }) },
    resolve: async (query, _root, { inputs }, ctx) => {
      requireWriter(ctx);
      const id = await userCall(() => ctx.services.ingestBatch(inputs));
      return ctx.prisma.ingestJob.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

builder.subscriptionFields((t) => ({
  ingestJobProgress: t.prismaField({
    type: "IngestJob",
    description: "The batch now, then again each time one of its texts is done or failed; ends when the batch is DONE (Server-Sent Events).",
    args: { id: t.arg.id({ required: true }) },
    subscribe: (_root, args, ctx) => progress(ctx, String(args.id)),
    resolve: (query, payload, _args, ctx) => ctx.prisma.ingestJob.findUniqueOrThrow({ ...query, where: { id: (payload as unknown as { jobId: number }).jobId } }),
  }),
}));

async function* progress(ctx: Pick<Context, "prisma" | "events">, globalId: string) {
  const jobId = idOf(globalId, "IngestJob");
  // Subscribed before the first read, so no step between the read and the subscription is missed.
  const updates = ctx.events.subscribe("ingestJobProgress", jobId)[Symbol.asyncIterator]();
  try {
    // The state is read before each yield: what the resolver then reads is at least as far on, so the stream ends
    // with the DONE batch, and an update that lands in between has its own event still to come.
    for (let step = 0; ; step++) {
      if (step > 0 && (await updates.next()).done) return;
      const now = await ctx.prisma.ingestJob.findUnique({ where: { id: jobId }, select: { state: true } });
      if (!now) throw notFound(`no ingest job ${globalId}`, "id");
      yield { jobId };
      if (now.state === "DONE") return;
    }
  } finally {
    await updates.return?.();
  }
}
