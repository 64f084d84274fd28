import type { Prisma } from "../generated/prisma/client.js";
import { connectionCount, findConnectionJson, findUniqueJson } from "../db/json-select.js";
import { builder } from "./builder.js";
import { idOf } from "./ids.js";
import { mergeSpeakerRows } from "../services/speakers.js";
import { requireWriter, SpeakerKindEnum, UserError, type UserErrorShape } from "./common.js";

export const Speaker = builder.prismaNode("Speaker", {
  id: { field: "id" },
  nullable: true, // node(id) of a missing row reads as null
  description: "A canonical speaker: a person, organisation, government, outlet or anonymous source, across all sources.",
  fields: (t) => ({
    name: t.exposeString("name", { description: "Canonical name, without titles." }),
    aliases: t.exposeStringList("aliases", { description: "Other names the texts use for this speaker." }),
    kind: t.expose("kind", { type: SpeakerKindEnum }),
    role: t.exposeString("role", { nullable: true, description: "Role or title, when the texts give one. Statements keep the role of their time." }),
    affiliation: t.relation("affiliation", { nullable: true, description: "The organisation or government the speaker belongs to." }),
    members: t.relation("members", { description: "Speakers affiliated with this one." }),
    statementCount: t.relationCount("statements"),
    statements: t.relatedConnection("statements", {
      cursor: "id",
      totalCount: true,
      description: "What this speaker said, newest source first.",
      query: () => ({ orderBy: [{ sourceId: "desc" }, { start: "asc" }, { id: "asc" }] }),
    }),
    contradictions: t.prismaConnection({
      type: "Contradiction",
      cursor: "id",
      description: "Contradictions in which one of this speaker's statements is on a side.",
      resolve: (query, speaker, _args, ctx, info) =>
        findConnectionJson(
          ctx.prisma,
          "Contradiction",
          { ...query, where: { sides: { some: { statements: { some: { speakerId: speaker.id } } } } }, orderBy: [{ confidence: "desc" }, { id: "asc" }] },
          info,
        ),
      totalCount: (speaker, _a, ctx, info) => connectionCount(ctx.prisma, "Contradiction", { sides: { some: { statements: { some: { speakerId: speaker.id } } } } }, info),
    }),
  }),
});

const SpeakerFilter = builder.inputType("SpeakerFilter", {
  description: "Narrow the speaker list.",
  fields: (t) => ({
    search: t.string({ required: false, description: "Case-insensitive substring of the name or an alias." }),
    kind: t.field({ type: SpeakerKindEnum, required: false }),
  }),
});

builder.queryFields((t) => ({
  speakers: t.prismaConnection({
    type: "Speaker",
    cursor: "id",
    description: "Canonical speakers, most statements first.",
    args: { filter: t.arg({ type: SpeakerFilter, required: false }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.speaker.findMany({
        ...query,
        where: speakerWhere(args.filter),
        orderBy: [{ statements: { _count: "desc" } }, { id: "asc" }],
      }),
    totalCount: (_root, args, ctx) => ctx.prisma.speaker.count({ where: speakerWhere(args.filter) }),
  }),
  speaker: t.prismaField({
    type: "Speaker",
    nullable: true,
    description: "One speaker by ID; null when it does not exist.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx, info) => findUniqueJson<Prisma.SpeakerModel | null>(ctx.prisma, "Speaker", { ...query, where: { id: idOf(String(args.id), "Speaker") } }, info),
  }),
}));

function speakerWhere(filter: { search?: string | null; kind?: "PERSON" | "ORGANIZATION" | "GOVERNMENT" | "OUTLET" | "ANONYMOUS" | null } | null | undefined) {
  const search = filter?.search?.trim();
  return {
    ...(filter?.kind ? { kind: filter.kind } : {}),
    ...(search ? { OR: [{ name: { contains: search, mode: "insensitive" as const } }, { aliases: { has: search } }] } : {}),
  };
}

const MergeSpeakersInput = builder.inputType("MergeSpeakersInput", {
  description: "Fold speakers into one: their statements, aliases and members move to the target.",
  fields: (t) => ({
    targetId: t.id({ required: true, description: "The speaker that remains." }),
    mergeIds: t.idList({ required: true, description: "Speakers merged into the target and then deleted." }),
  }),
});

const MergeSpeakersPayload = builder.objectRef<{ speakerId: number | null; errors: UserErrorShape[] }>("MergeSpeakersPayload").implement({
  fields: (t) => ({
    speaker: t.prismaField({
      type: "Speaker",
      nullable: true,
      resolve: (query, p, _a, ctx) => (p.speakerId ? ctx.prisma.speaker.findUnique({ ...query, where: { id: p.speakerId } }) : null),
    }),
    errors: t.field({ type: [UserError], resolve: (p) => p.errors }),
  }),
});

builder.mutationFields((t) => ({
  mergeSpeakers: t.field({
    type: MergeSpeakersPayload,
    description: "Merges speakers the extractor kept apart. Contradictions involving them are re-detected.",
    args: { input: t.arg({ type: MergeSpeakersInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      requireWriter(ctx);
      const targetId = idOf(String(input.targetId), "Speaker", "targetId");
      const mergeIds = [...new Set(input.mergeIds.map((id) => idOf(String(id), "Speaker", "mergeIds")))];
      if (mergeIds.length === 0) return { speakerId: null, errors: [{ code: "INVALID" as const, message: "mergeIds must name at least one speaker", field: "mergeIds" }] };
      if (mergeIds.includes(targetId)) return { speakerId: null, errors: [{ code: "INVALID" as const, message: "a speaker cannot be merged into itself", field: "mergeIds" }] };
      const found = await ctx.prisma.speaker.findMany({ where: { id: { in: [targetId, ...mergeIds] } }, select: { id: true, aliases: true, name: true, key: true, formerKeys: true } });
      const missing = [targetId, ...mergeIds].filter((id) => !found.some((f) => f.id === id));
      if (missing.length) return { speakerId: null, errors: [{ code: "NOT_FOUND" as const, message: `no speaker with id ${missing.join(", ")}`, field: missing.includes(targetId) ? "targetId" : "mergeIds" }] };
      const target = found.find((f) => f.id === targetId)!;
      await ctx.services.writeAndRefresh("mergeSpeakers", async (tx) => {
        const { propKeys } = await mergeSpeakerRows(tx, target, found.filter((f) => f.id !== targetId));
        return { value: undefined, propKeys };
      });
      return { speakerId: targetId, errors: [] };
    },
  }),
}));
