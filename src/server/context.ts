import type { PrismaClient } from "../generated/prisma/client.js";
import type { Events } from "../events/bus.js";
import type { Services } from "../services/index.js";
import { rateKeyOf } from "./rate-limit.js";

export type Viewer = { canWrite: boolean; reason?: string };

export type Context = {
  prisma: PrismaClient;
  viewer: Viewer;
  events: Events;
  services: Services;
  /** The bucket the mutation rate limit counts this request in (see rate-limit.ts). */
  rateKey: string;
};

export type AppDeps = { prisma: PrismaClient; events: Events; services: Services; apiKeys: string[] };

/** Who is calling: with no API keys configured every caller may write (the server is bound to loopback then). */
export function viewerFor(authorization: string | null, apiKeys: string[]): Viewer {
  if (apiKeys.length === 0) return { canWrite: true };
  if (!authorization) return { canWrite: false, reason: "missing Authorization header" };
  const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!m) return { canWrite: false, reason: "Authorization must be `Bearer <key>`" };
  return apiKeys.includes(m[1]!) ? { canWrite: true } : { canWrite: false, reason: "unknown API key" };
}

export function createContext(deps: AppDeps, request: Request): Context {
  return {
    prisma: deps.prisma,
    viewer: viewerFor(request.headers.get("authorization"), deps.apiKeys),
    events: deps.events,
    services: deps.services,
    rateKey: rateKeyOf(request.headers.get("authorization")),
  };
}
