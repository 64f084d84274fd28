import type { Prisma } from "../generated/prisma/client.js";
import { connectionCount, findConnectionJson, findUniqueJson } from "../db/json-select.js";
import { builder } from "./builder.js";
import { idOf, badInput } from "./ids.js";
import { ContradictionKindEnum, requireWriter, ReviewStatusEnum, UserError, type UserErrorShape } from "./common.js";

export const Contradiction = builder.prismaNode("Contradiction", {
  id: { field: "id" },
  nullable: true, // node(id) of a missing row reads as null
  description: "Statements that cannot all be true, grouped by side, with the reason and the rule that found them.",
  fields: (t) => ({
    kind: t.expose("kind", { type: ContradictionKindEnum }),
    confidence: t.exposeFloat("confidence", { description: "How sure the detector is, 0–1." }),
    explanation: t.exposeString("explanation", { description: "Plain words: who said what, and why it conflicts." }),
    rule: t.exposeString("rule", { description: "The detector rule that fired." }),
    detectorVersion: t.exposeString("detectorVersion"),
    status: t.expose("status", { type: ReviewStatusEnum }),
    note: t.exposeString("note", { nullable: true, description: "The reviewer's note." }),
    reviewedAt: t.expose("reviewedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    sides: t.relation("sides", { description: "Two or more sides; every statement on one side conflicts with every statement on another.", query: { orderBy: { position: "asc" } } }),
  }),
});

builder.prismaObject("ContradictionSide", {
  description: "One side of a contradiction: the statements that assert the same thing.",
  fields: (t) => ({
    position: t.exposeInt("position", { description: "0 for the side asserting the proposition, 1 for its negation or alternative." }),
    label: t.exposeString("label", { description: "What this side asserts, in plain words." }),
    statements: t.relation("statements", { query: { orderBy: [{ sourceId: "asc" }, { start: "asc" }] } }),
  }),
});

const ContradictionFilter = builder.inputType("ContradictionFilter", {
  description: "Narrow the contradiction list. All given fields must match.",
  fields: (t) => ({
    kind: t.field({ type: ContradictionKindEnum, required: false }),
    speakerId: t.id({ required: false, description: "Only contradictions with a statement by this speaker." }),
    sourceId: t.id({ required: false, description: "Only contradictions with a statement from this source." }),
    minConfidence: t.float({ required: false, description: "Only contradictions at least this confident (0–1)." }),
    status: t.field({ type: ReviewStatusEnum, required: false }),
  }),
});

const ContradictionOrder = builder.enumType("ContradictionOrder", {
  description: "Sort order for contradictions.",
  values: {
    CONFIDENCE_DESC: { description: "Most confident first (default)." },
    CONFIDENCE_ASC: { description: "Least confident first." },
    NEWEST_FIRST: { description: "Most recently detected first." },
    OLDEST_FIRST: { description: "Earliest detected first." },
  } as const,
});

type FilterShape = { kind?: Prisma.ContradictionWhereInput["kind"] | null; speakerId?: string | number | null; sourceId?: string | number | null; minConfidence?: number | null; status?: "OPEN" | "CONFIRMED" | "DISMISSED" | null };

function contradictionWhere(f: FilterShape | null | undefined): Prisma.ContradictionWhereInput {
  if (!f) return {};
  if (f.minConfidence != null && (!Number.isFinite(f.minConfidence) || f.minConfidence < 0 || f.minConfidence > 1)) {
    throw badInput("minConfidence must be between 0 and 1", "filter.minConfidence");
  }
  const st: Prisma.StatementWhereInput = {
    ...(f.speakerId != null ? { speakerId: idOf(String(f.speakerId), "Speaker", "filter.speakerId") } : {}),
    ...(f.sourceId != null ? { sourceId: idOf(String(f.sourceId), "Source", "filter.sourceId") } : {}),
  };
  return {
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.minConfidence != null ? { confidence: { gte: f.minConfidence } } : {}),
    ...(Object.keys(st).length ? { sides: { some: { statements: { some: st } } } } : {}),
  };
}

function contradictionOrder(o: string | null | undefined): Prisma.ContradictionOrderByWithRelationInput[] {
  switch (o) {
    case "CONFIDENCE_ASC":
      return [{ confidence: "asc" }, { id: "asc" }];
    case "NEWEST_FIRST":
      return [{ createdAt: "desc" }, { id: "desc" }];
    case "OLDEST_FIRST":
      return [{ createdAt: "asc" }, { id: "asc" }];
    default:
      return [{ confidence: "desc" }, { id: "asc" }];
  }
}

builder.queryFields((t) => ({
  contradictions: t.prismaConnection({
    type: "Contradiction",
    cursor: "id",
    description: "Contradictions across the corpus.",
    args: {
      filter: t.arg({ type: ContradictionFilter, required: false }),
      orderBy: t.arg({ type: ContradictionOrder, required: false, defaultValue: "CONFIDENCE_DESC" }),
    },
    resolve: (query, _root, args, ctx, info) =>
      findConnectionJson(ctx.prisma, "Contradiction", { ...query, where: contradictionWhere(args.filter), orderBy: contradictionOrder(args.orderBy) }, info),
    totalCount: (_root, args, ctx, info) => connectionCount(ctx.prisma, "Contradiction", contradictionWhere(args.filter), info),
  }),
  contradiction: t.prismaField({
    type: "Contradiction",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx, info) => findUniqueJson<Prisma.ContradictionModel | null>(ctx.prisma, "Contradiction", { ...query, where: { id: idOf(String(args.id), "Contradiction") } }, info),
  }),
}));

const ReviewPayload = builder.objectRef<{ contradictionId: number | null; errors: UserErrorShape[] }>("ReviewContradictionPayload").implement({
  fields: (t) => ({
    contradiction: t.prismaField({
      type: Contradiction,
      nullable: true,
      resolve: (query, p, _a, ctx) => (p.contradictionId ? ctx.prisma.contradiction.findUnique({ ...query, where: { id: p.contradictionId } }) : null),
    }),
    errors: t.field({ type: [UserError], resolve: (p) => p.errors }),
  }),
});

builder.mutationFields((t) => ({
  reviewContradiction: t.field({
    type: ReviewPayload,
    description: "Records an analyst's verdict. The review survives recomputation.",
    args: {
      id: t.arg.id({ required: true }),
      status: t.arg({ type: ReviewStatusEnum, required: true }),
      note: t.arg.string({ required: false, description: "Up to 4000 characters." }),
    },
    resolve: async (_root, args, ctx) => {
      requireWriter(ctx);
      const id = idOf(String(args.id), "Contradiction");
      if (args.note && args.note.length > 4000) throw badInput("note is longer than 4000 characters", "note");
      const found = await ctx.prisma.contradiction.findUnique({ where: { id }, select: { id: true } });
      if (!found) return { contradictionId: null, errors: [{ code: "NOT_FOUND" as const, message: `no contradiction ${String(args.id)}`, field: "id" }] };
      await ctx.prisma.contradiction.update({
        where: { id },
        data: { status: args.status, note: args.note ?? null, reviewedAt: args.status === "OPEN" ? null : new Date() },
      });
      return { contradictionId: id, errors: [] };
    },
  }),
}));

builder.subscriptionFields((t) => ({
  contradictionDetected: t.prismaField({
    type: "Contradiction",
    description: "Fires when detection creates a contradiction or changes its sides (Server-Sent Events).",
    subscribe: (_root, _args, ctx) => ctx.events.subscribe("contradictionDetected"),
    resolve: async (query, payload, _args, ctx) => {
      const p = payload as unknown as { contradictionId: number };
      return ctx.prisma.contradiction.findUniqueOrThrow({ ...query, where: { id: p.contradictionId } });
    },
  }),
}));
