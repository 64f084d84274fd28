import type { Prisma } from "../generated/prisma/client.js";
import { connectionCount, findConnectionJson, findUniqueJson } from "../db/json-select.js";
import { builder } from "./builder.js";
import { idOf } from "./ids.js";
import { ModalityEnum, PolarityEnum, requireWriter, UserError, type UserErrorShape } from "./common.js";
import type * as Pipeline from "../ingest/pipeline.js";
import { Contradiction } from "./contradiction.js";

// The pipeline module holds the NLP models (about 70 MB): loaded when a statement is first added or corrected.
const pipeline = (): Promise<typeof Pipeline> => import("../ingest/pipeline.js");
// The claim stage (and its NLP libraries) is loaded on first use, not at start-up.
const claims = () => import("../ingest/stages/04-claims.js");

const StatementLinkKindEnum = builder.enumType("StatementLinkKind", {
  values: {
    REVISION: { description: "The later statement updates the earlier one's count (a toll that rose): not a contradiction." },
    RESTATEMENT: { description: "The same assertion repeated." },
  } as const,
});

export const StatementLink = builder.prismaObject("StatementLink", {
  description: "A relation between two statements that is not a conflict, with its reason.",
  fields: (t) => ({
    kind: t.expose("kind", { type: StatementLinkKindEnum }),
    from: t.relation("from", { description: "The earlier statement." }),
    to: t.relation("to", { description: "The later statement." }),
    explanation: t.exposeString("explanation"),
  }),
});

export const Statement = builder.prismaNode("Statement", {
  id: { field: "id" },
  nullable: true, // node(id) of a missing row reads as null
  description: "One attributed assertion: who said what, where in which source, with its claim frame.",
  fields: (t) => ({
    text: t.exposeString("text", { description: "The verbatim span: source.text[start, end)." }),
    start: t.exposeInt("start", { description: "Start offset (inclusive, UTF-16 code units) into source.text." }),
    end: t.exposeInt("end", { description: "End offset (exclusive) into source.text." }),
    direct: t.exposeBoolean("direct", { description: "True for the speaker's own quoted words." }),
    cue: t.exposeString("cue", { description: "The attribution cue: said, denied, told, according to, wrote…" }),
    claim: t.exposeString("claim", { description: "The positive proposition; polarity says whether the speaker affirms or denies it." }),
    polarity: t.expose("polarity", { type: PolarityEnum }),
    modality: t.expose("modality", { type: ModalityEnum }),
    speakerRole: t.exposeString("speakerRole", { nullable: true, description: "The speaker's role as given at this statement." }),
    frame: t.expose("frame", { type: "JSON", description: "Claim frame: eventType, agent, target, place, time, quantities." }),
    confidence: t.exposeFloat("confidence", { description: "Confidence in the attribution, 0–1." }),
    manual: t.exposeBoolean("manual", { description: "Added or edited by hand." }),
    speaker: t.relation("speaker"),
    source: t.relation("source"),
    event: t.relation("event", { nullable: true }),
    revisedBy: t.relation("linksFrom", { description: "Later statements that revise this one (REVISION links from it).", query: { where: { kind: "REVISION" }, orderBy: { id: "asc" } } }),
    revises: t.relation("linksTo", { description: "Earlier statements this one revises (REVISION links to it).", query: { where: { kind: "REVISION" }, orderBy: { id: "asc" } } }),
    conflicts: t.field({
      type: [Contradiction],
      description: "Contradictions that have this statement on one of their sides.",
      // Planned into the statement query (sides → contradiction), so a page of statements costs no extra SQL.
      select: (_args, _ctx, nestedSelection) => ({ sides: { select: { contradiction: nestedSelection(true) }, orderBy: { contradictionId: "asc" } } }),
      resolve: (st) => [...new Map(st.sides.map((side) => [side.contradiction.id, side.contradiction])).values()],
    }),
  }),
});

const StatementFilter = builder.inputType("StatementFilter", {
  description: "Narrow the statement list. All given fields must match.",
  fields: (t) => ({
    speakerId: t.id({ required: false }),
    sourceId: t.id({ required: false }),
    eventId: t.id({ required: false }),
    polarity: t.field({ type: PolarityEnum, required: false }),
    direct: t.boolean({ required: false }),
    search: t.string({ required: false, description: "Case-insensitive words that must all appear in the text or claim." }),
  }),
});

type FilterShape = { speakerId?: string | number | null; sourceId?: string | number | null; eventId?: string | number | null; polarity?: "AFFIRM" | "DENY" | null; direct?: boolean | null; search?: string | null };

export function statementWhere(f: FilterShape | null | undefined): Prisma.StatementWhereInput {
  if (!f) return {};
  const words = (f.search ?? "").trim().split(/\s+/).filter(Boolean).slice(0, 10);
  return {
    ...(f.speakerId != null ? { speakerId: idOf(String(f.speakerId), "Speaker", "filter.speakerId") } : {}),
    ...(f.sourceId != null ? { sourceId: idOf(String(f.sourceId), "Source", "filter.sourceId") } : {}),
    ...(f.eventId != null ? { eventId: idOf(String(f.eventId), "Event", "filter.eventId") } : {}),
    ...(f.polarity ? { polarity: f.polarity } : {}),
    ...(f.direct != null ? { direct: f.direct } : {}),
    ...(words.length
      ? { AND: words.map((w) => ({ OR: [{ text: { contains: w, mode: "insensitive" as const } }, { claim: { contains: w, mode: "insensitive" as const } }] })) }
      : {}),
  };
}

builder.queryFields((t) => ({
  statements: t.prismaConnection({
    type: "Statement",
    cursor: "id",
    description: "Statements across the corpus, newest source first, in text order within a source.",
    args: { filter: t.arg({ type: StatementFilter, required: false }) },
    resolve: (query, _root, args, ctx, info) =>
      findConnectionJson(ctx.prisma, "Statement", { ...query, where: statementWhere(args.filter), orderBy: [{ sourceId: "desc" }, { start: "asc" }, { id: "asc" }] }, info),
    totalCount: (_root, args, ctx, info) => connectionCount(ctx.prisma, "Statement", statementWhere(args.filter), info),
  }),
  statement: t.prismaField({
    type: "Statement",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx, info) => findUniqueJson<Prisma.StatementModel | null>(ctx.prisma, "Statement", { ...query, where: { id: idOf(String(args.id), "Statement") } }, info),
  }),
}));

const AddStatementInput = builder.inputType("AddStatementInput", {
  description: "Attribute a span of a source to a speaker by hand.",
  fields: (t) => ({
    sourceId: t.id({ required: true }),
    speakerId: t.id({ required: true }),
    start: t.int({ required: true, description: "Start offset (inclusive) into the source text." }),
    end: t.int({ required: true, description: "End offset (exclusive)." }),
    claim: t.string({ required: false, description: "The positive proposition; defaults to the span text." }),
    polarity: t.field({ type: PolarityEnum, required: false, defaultValue: "AFFIRM" }),
    modality: t.field({ type: ModalityEnum, required: false, defaultValue: "ASSERTED" }),
    direct: t.boolean({ required: false, defaultValue: false }),
    cue: t.string({ required: false, defaultValue: "manual" }),
  }),
});

const UpdateStatementInput = builder.inputType("UpdateStatementInput", {
  description: "Correct a statement. Omitted fields stay as they are.",
  fields: (t) => ({
    id: t.id({ required: true }),
    speakerId: t.id({ required: false }),
    start: t.int({ required: false }),
    end: t.int({ required: false }),
    claim: t.string({ required: false }),
    polarity: t.field({ type: PolarityEnum, required: false }),
    modality: t.field({ type: ModalityEnum, required: false }),
    direct: t.boolean({ required: false }),
  }),
});

const StatementPayload = builder.objectRef<{ statementId: number | null; errors: UserErrorShape[] }>("StatementPayload").implement({
  description: "The statement after the change, or errors (and no change).",
  fields: (t) => ({
    statement: t.prismaField({
      type: Statement,
      nullable: true,
      resolve: (query, p, _a, ctx) => (p.statementId ? ctx.prisma.statement.findUnique({ ...query, where: { id: p.statementId } }) : null),
    }),
    errors: t.field({ type: [UserError], resolve: (p) => p.errors }),
  }),
});

function spanError(start: number, end: number, length: number): UserErrorShape | null {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > length) {
    return { code: "INVALID", message: `span [${start}, ${end}) must satisfy 0 <= start < end <= ${length}`, field: "start" };
  }
  return null;
}

builder.mutationFields((t) => ({
  addStatement: t.field({
    type: StatementPayload,
    description: "Adds a hand-made attribution; contradiction detection runs on it.",
    args: { input: t.arg({ type: AddStatementInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      requireWriter(ctx);
      const sourceId = idOf(String(input.sourceId), "Source", "sourceId");
      const speakerId = idOf(String(input.speakerId), "Speaker", "speakerId");
      const [source, speaker] = await Promise.all([
        ctx.prisma.source.findUnique({ where: { id: sourceId }, select: { text: true } }),
        ctx.prisma.speaker.findUnique({ where: { id: speakerId }, select: { id: true } }),
      ]);
      if (!source) return { statementId: null, errors: [{ code: "NOT_FOUND" as const, message: `no source ${String(input.sourceId)}`, field: "sourceId" }] };
      if (!speaker) return { statementId: null, errors: [{ code: "NOT_FOUND" as const, message: `no speaker ${String(input.speakerId)}`, field: "speakerId" }] };
      const bad = spanError(input.start, input.end, source.text.length);
      if (bad) return { statementId: null, errors: [bad] };
      const text = source.text.slice(input.start, input.end);
      const norm = (await claims()).normalizeClaim(input.claim?.trim() || text, input.polarity ?? "AFFIRM");
      const { anchoredKey, sourceKeyOf } = await pipeline();
      const { value: row } = await ctx.services.writeAndRefresh("addStatement", async (tx) => {
        const created = await tx.statement.create({
          data: {
            sourceId, speakerId, start: input.start, end: input.end, text,
            cue: input.cue ?? "manual", direct: input.direct ?? false,
            claim: norm.claim, polarity: norm.polarity, modality: input.modality ?? "ASSERTED",
            frame: norm.frame as unknown as Prisma.InputJsonValue, propKey: anchoredKey(norm.propKey, sourceKeyOf(source.text)), confidence: 1, manual: true,
          },
          select: { id: true, propKey: true },
        });
        return { value: created, propKeys: [created.propKey] };
      });
      return { statementId: row.id, errors: [] };
    },
  }),
  updateStatement: t.field({
    type: StatementPayload,
    description: "Corrects a statement (speaker, span, claim, polarity…); its contradictions are re-detected.",
    args: { input: t.arg({ type: UpdateStatementInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      requireWriter(ctx);
      const id = idOf(String(input.id), "Statement");
      const st = await ctx.prisma.statement.findUnique({ where: { id }, include: { source: { select: { text: true } } } });
      if (!st) return { statementId: null, errors: [{ code: "NOT_FOUND" as const, message: `no statement ${String(input.id)}`, field: "id" }] };
      const data: Prisma.StatementUncheckedUpdateInput = { manual: true };
      if (input.speakerId != null) {
        const speakerId = idOf(String(input.speakerId), "Speaker", "speakerId");
        if (!(await ctx.prisma.speaker.findUnique({ where: { id: speakerId }, select: { id: true } })))
          return { statementId: null, errors: [{ code: "NOT_FOUND" as const, message: `no speaker ${String(input.speakerId)}`, field: "speakerId" }] };
        data.speakerId = speakerId;
      }
      const start = input.start ?? st.start;
      const end = input.end ?? st.end;
      if (input.start != null || input.end != null) {
        const bad = spanError(start, end, st.source.text.length);
        if (bad) return { statementId: null, errors: [bad] };
        data.start = start;
        data.end = end;
        data.text = st.source.text.slice(start, end);
      }
      if (input.claim != null || input.polarity != null) {
        if (input.claim != null && !input.claim.trim()) return { statementId: null, errors: [{ code: "INVALID" as const, message: "claim must not be empty", field: "claim" }] };
        const norm = (await claims()).normalizeClaim(input.claim?.trim() ?? st.claim, input.polarity ?? st.polarity);
        const { anchoredKey, sourceKeyOf } = await pipeline();
        Object.assign(data, { claim: norm.claim, polarity: norm.polarity, propKey: anchoredKey(norm.propKey, sourceKeyOf(st.source.text)), frame: norm.frame as unknown as Prisma.InputJsonValue });
      }
      if (input.modality) data.modality = input.modality;
      if (input.direct != null) data.direct = input.direct;
      const { value: row } = await ctx.services.writeAndRefresh("updateStatement", async (tx) => {
        const updated = await tx.statement.update({ where: { id }, data, select: { id: true, propKey: true } });
        return { value: updated, propKeys: [st.propKey, updated.propKey] };
      });
      return { statementId: row.id, errors: [] };
    },
  }),
}));
