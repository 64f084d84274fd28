import { builder } from "./builder.js";
import { idOf } from "./ids.js";
import { requireWriter, userCall, UserError } from "./common.js";
import { Statement } from "./statement.js";
import { Contradiction } from "./contradiction.js";

export const Source = builder.prismaNode("Source", {
  id: { field: "id" },
  nullable: true, // node(id) of a missing row reads as null
  description: "A news article or other text, stored once (its content hash is unique).",
  // Select mode: a list that asks for titles does not pull every article's full text from the database.
  select: { id: true },
  fields: (t) => ({
    title: t.exposeString("title", { nullable: true, description: "Title given at ingest, else the text's first line." }),
    url: t.exposeString("url", { nullable: true, description: "Where the text came from." }),
    publisher: t.exposeString("publisher", { nullable: true, description: "The outlet that published it." }),
    author: t.exposeString("author", { nullable: true, description: "Byline, given at ingest or read from the page." }),
    fromHtml: t.boolean({ select: { htmlExtractor: true }, description: "Whether the text was extracted from a web page (the page is kept with the source).", resolve: (s) => s.htmlExtractor !== null }),
    publishedAt: t.expose("publishedAt", { type: "DateTime", nullable: true, description: "Publication date; anchors relative times (\"Friday night\")." }),
    language: t.exposeString("language", { description: "BCP 47 language tag (\"und\" when unknown)." }),
    text: t.exposeString("text", { description: "The full text. Statement spans index into it: text[start, end)." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was ingested." }),
    statementCount: t.relationCount("statements", { description: "How many statements were extracted from it." }),
    statements: t.relatedConnection("statements", {
      cursor: "id",
      totalCount: true,
      description: "Statements extracted from this source, in text order.",
      query: () => ({ orderBy: [{ start: "asc" }, { id: "asc" }] }),
    }),
  }),
});

const sourceFilter = (args: { publisher?: string | null; url?: string | null }) => ({
  ...(args.publisher ? { publisher: { equals: args.publisher, mode: "insensitive" as const } } : {}),
  ...(args.url ? { OR: [{ url: args.url }, { fetchedUrl: args.url }] } : {}),
});

builder.queryFields((t) => ({
  sources: t.prismaConnection({
    type: "Source",
    cursor: "id",
    description: "All sources, newest first.",
    args: {
      publisher: t.arg.string({ required: false, description: "Only sources from this publisher (exact, case-insensitive)." }),
      url: t.arg.string({ required: false, description: "Only the source(s) with this URL (exact): their canonical URL, or the address ingestUrl fetched them from." }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.source.findMany({ ...query, where: sourceFilter(args), orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    totalCount: (_root, args, ctx) => ctx.prisma.source.count({ where: sourceFilter(args) }),
  }),
  source: t.prismaField({
    type: "Source",
    nullable: true,
    description: "One source by ID; null when it does not exist.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.prisma.source.findUnique({ ...query, where: { id: idOf(String(args.id), "Source") } }),
  }),
}));

export const IngestSourceInput = builder.inputType("IngestSourceInput", {
  description:
    "An article to analyse: exactly one of `text` (plain text; its first line is the title when none is given) and `html` (a web page: the article's text is extracted and its headline, author, publisher, date and canonical URL are read from the page's metadata). Fields given here win over what the page says.",
  fields: (t) => ({
    text: t.string({ required: false, description: "Plain text, up to 2 MB (UTF-8)." }),
    html: t.string({ required: false, description: "A web page's HTML, up to 4 MB. Navigation, captions, share buttons and the like are left out; the page is kept (compressed) with the source." }),
    title: t.string({ required: false }),
    author: t.string({ required: false, description: "Byline." }),
    url: t.string({ required: false, description: "http(s) URL of the original." }),
    publisher: t.string({ required: false }),
    publishedAt: t.field({ type: "DateTime", required: false, description: "YYYY-MM-DD or ISO 8601." }),
    language: t.string({ required: false, description: "BCP 47 tag such as \"en\"; detected when absent." }),
  }),
});

type IngestPayloadShape = { sourceId: number; created: boolean; statementIds: number[]; contradictionIds: number[] };

const IngestSourcePayload = builder.objectRef<IngestPayloadShape>("IngestSourcePayload").implement({
  description: "The stored source with what extraction and detection produced from it.",
  fields: (t) => ({
    created: t.exposeBoolean("created", { description: "False when the same text was already stored: nothing new was created." }),
    source: t.prismaField({
      type: "Source",
      resolve: (query, p, _a, ctx) => ctx.prisma.source.findUniqueOrThrow({ ...query, where: { id: p.sourceId } }),
    }),
    statements: t.prismaField({
      type: [Statement],
      description: "The statements extracted from the source, in text order.",
      resolve: (query, p, _a, ctx) =>
        ctx.prisma.statement.findMany({ ...query, where: { id: { in: p.statementIds } }, orderBy: [{ start: "asc" }, { id: "asc" }] }),
    }),
    contradictions: t.prismaField({
      type: [Contradiction],
      description: "Contradictions this source's statements take part in (new or extended by this ingest).",
      resolve: (query, p, _a, ctx) =>
        ctx.prisma.contradiction.findMany({ ...query, where: { id: { in: p.contradictionIds } }, orderBy: [{ confidence: "desc" }, { id: "asc" }] }),
    }),
    errors: t.field({ type: [UserError], resolve: () => [] }),
  }),
});

builder.mutationFields((t) => ({
  ingestSource: t.field({
    type: IngestSourcePayload,
    description: "Stores a text, extracts who said what, and runs contradiction detection on its statements.",
    args: { input: t.arg({ type: IngestSourceInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      requireWriter(ctx);
      return userCall(() => ctx.services.ingest(input));
    },
  }),
  ingestUrl: t.field({
    type: IngestSourcePayload,
    description:
      "Fetches a web page and ingests it as `html` (the article's text and the page's metadata; `publisher`, `publishedAt` and `title` given here win). Fetching is limited: http(s) only, 15 s, 4 MB, 5 redirects, HTML only, and no private or loopback address unless the operator allows it. Each failure has its own `extensions.code`: URL_FORBIDDEN, URL_UNREACHABLE, URL_TIMEOUT, URL_HTTP_STATUS (with `status`), URL_TOO_LARGE, URL_NOT_HTML, URL_TOO_MANY_REDIRECTS; BAD_USER_INPUT for a malformed URL. The same page again gives the stored source (`created: false`).",
    args: {
      url: t.arg.string({ required: true, description: "http(s) address of the page." }),
      title: t.arg.string({ required: false }),
      publisher: t.arg.string({ required: false }),
      publishedAt: t.arg({ type: "DateTime", required: false, description: "YYYY-MM-DD or ISO 8601." }),
    },
    resolve: (_root, args, ctx) => {
      requireWriter(ctx);
      return userCall(() => ctx.services.ingestUrl({ url: args.url, title: args.title, publisher: args.publisher, publishedAt: args.publishedAt }));
    },
  }),
  deleteSource: t.field({
    type: builder.objectRef<{ deletedId: string | null; removedStatements: number; removedContradictions: number; errors: Array<{ code: "NOT_FOUND"; message: string; field: string }> }>("DeleteSourcePayload").implement({
      description: "What deleting a source removed.",
      fields: (p) => ({
        deletedId: p.id({ nullable: true, resolve: (r) => r.deletedId, description: "The deleted source's ID; null when nothing was deleted." }),
        removedStatements: p.exposeInt("removedStatements"),
        removedContradictions: p.exposeInt("removedContradictions", { description: "Contradictions left with fewer than two sides, removed." }),
        errors: p.field({ type: [UserError], resolve: (r) => r.errors }),
      }),
    }),
    description: "Deletes a source and its statements, and the contradictions that no longer have two sides.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      requireWriter(ctx);
      const id = idOf(String(args.id), "Source");
      const found = await ctx.prisma.source.findUnique({ where: { id }, select: { _count: { select: { statements: true } } } });
      if (!found) return { deletedId: null, removedStatements: 0, removedContradictions: 0, errors: [{ code: "NOT_FOUND" as const, message: `no source ${String(args.id)}`, field: "id" }] };
      const removedStatements = found._count.statements;
      const { refreshed } = await ctx.services.writeAndRefresh("deleteSource", async (tx) => {
        const keys = await tx.statement.findMany({ where: { sourceId: id }, distinct: ["propKey"], select: { propKey: true } });
        await tx.source.delete({ where: { id } });
        return { value: undefined, propKeys: keys.map((k) => k.propKey) };
      });
      return { deletedId: String(args.id), removedStatements, removedContradictions: refreshed.removed, errors: [] };
    },
  }),
}));

