/**
 * Fetches a web page for ingestUrl and feeds, with the limits a server that fetches what users name needs: http(s)
 * only; no private, loopback, link-local or otherwise non-public address (every address a name resolves to is
 * checked when the connection is made, on every redirect, so a name that resolves to an internal address — or a
 * redirect to one — is refused) unless the operator allows them (GAINSAY_ALLOW_PRIVATE_URLS); a time limit on the
 * whole fetch; a cap on the body's size and on redirects; HTML (or XML, for feeds) content types only. Each failure is
 * an InputError with its own code (services/errors.ts FetchErrorCode), nothing is stored.
 *
 * Node's own http/https clients, with a `lookup` that checks the resolved addresses (ipaddr.js classifies them).
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { InputError } from "./errors.js";

export type FetchOptions = {
  /** Allow private, loopback and link-local addresses (GAINSAY_ALLOW_PRIVATE_URLS=1). */
  allowPrivate?: boolean;
  /** The whole fetch, redirects included. */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Which content types are accepted: "html" (text/html, application/xhtml+xml) or "feed" (XML and HTML too). */
  accept?: "html" | "feed";
  /** The field errors name. */
  field?: string;
};

export type FetchedPage = { body: string; url: string; contentType: string; status: number };

export const FETCH_TIMEOUT_MS = 15_000;
export const FETCH_MAX_BYTES = 4 * 1024 * 1024;
export const FETCH_MAX_REDIRECTS = 5;
const USER_AGENT = "gainsay/0.1 (+contradiction analysis of news; fetches pages named by its users)";

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)$/;
const FEED_TYPES = /^(application\/(rss|atom|rdf|xml)(\+xml)?|text\/xml|text\/html|application\/xhtml\+xml)$/;

/** An address a server fetching user-named URLs must not reach: anything but a public unicast address. */
export function isNonPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  let ip = ipaddr.parse(address);
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  return ip.range() !== "unicast";
}

const refuse = (field: string, host: string, address: string) =>
  new InputError(`${host} resolves to ${address}, a private, loopback or otherwise non-public address: refused (the operator can allow such addresses with GAINSAY_ALLOW_PRIVATE_URLS=1)`, field, "URL_FORBIDDEN");

/** Fetches `url` (see the module's comment); throws InputError with a FetchErrorCode. */
export async function fetchPage(raw: string, opts: FetchOptions = {}): Promise<FetchedPage> {
  const field = opts.field ?? "url";
  const timeoutMs = opts.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? FETCH_MAX_BYTES;
  const maxRedirects = opts.maxRedirects ?? FETCH_MAX_REDIRECTS;
  let url = parseUrl(raw, field);
  const signal = AbortSignal.timeout(timeoutMs);
  for (let redirects = 0; ; redirects++) {
    const res = await requestOnce(url, { ...opts, field, maxBytes, signal, timeoutMs });
    if (res.location === undefined) {
      const types = opts.accept === "feed" ? FEED_TYPES : HTML_TYPES;
      if (res.status < 200 || res.status > 299) throw new InputError(`${url.href} answered HTTP ${res.status}`, field, "URL_HTTP_STATUS", { status: res.status });
      if (!types.test(res.contentType)) throw new InputError(`${url.href} is ${res.contentType || "of no content type"}, not ${opts.accept === "feed" ? "a feed (RSS or Atom XML)" : "an HTML page"}`, field, "URL_NOT_HTML", { contentType: res.contentType });
      return { body: res.body, url: url.href, contentType: res.contentType, status: res.status };
    }
    if (redirects >= maxRedirects) throw new InputError(`${raw.slice(0, 200)} redirects more than ${maxRedirects} times`, field, "URL_TOO_MANY_REDIRECTS", { maxRedirects });
    url = parseUrl(new URL(res.location, url).href, field);
  }
}

function parseUrl(raw: string, field: string): URL {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new InputError(`"${raw.slice(0, 100)}" is not a valid URL`, field);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new InputError(`${u.protocol} URLs cannot be fetched: use http or https`, field);
  if (u.username || u.password) throw new InputError("URLs with a user name or password are not fetched", field);
  return u;
}

type Once = { status: number; contentType: string; body: string; location?: string };

function requestOnce(url: URL, o: FetchOptions & { field: string; maxBytes: number; signal: AbortSignal; timeoutMs: number }): Promise<Once> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  // A literal address is never looked up: it is checked here.
  if (!o.allowPrivate && ipaddr.isValid(host) && isNonPublicAddress(host)) return Promise.reject(refuse(o.field, host, host));
  const lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, "", 4);
      const bad = o.allowPrivate ? undefined : addresses.find((a) => isNonPublicAddress(a.address));
      if (bad) return callback(refuse(o.field, hostname, bad.address) as unknown as NodeJS.ErrnoException, "", 4);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise<Once>((resolve, reject) => {
    const req = client.request(url, {
      method: "GET",
      lookup,
      signal: o.signal,
      headers: { "user-agent": USER_AGENT, accept: o.accept === "feed" ? "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1" : "text/html, application/xhtml+xml;q=0.9, */*;q=0.1", "accept-encoding": "identity" },
    });
    const fail = (e: Error & { code?: string }) => {
      if (e instanceof InputError) return reject(e);
      if (o.signal.aborted || e.name === "AbortError" || e.name === "TimeoutError") return reject(new InputError(`${url.href} did not answer within ${o.timeoutMs / 1000} s`, o.field, "URL_TIMEOUT", { timeoutMs: o.timeoutMs }));
      reject(new InputError(`${url.href} cannot be reached: ${e.code ?? e.message}`, o.field, "URL_UNREACHABLE"));
    };
    req.on("error", fail);
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && location) {
        res.resume();
        return resolve({ status, contentType: "", body: "", location });
      }
      const contentType = (res.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
      const declared = Number(res.headers["content-length"] ?? NaN);
      const tooLarge = () => new InputError(`${url.href} is larger than ${o.maxBytes / 1024 / 1024} MB`, o.field, "URL_TOO_LARGE", { maxBytes: o.maxBytes });
      if (declared > o.maxBytes) {
        req.destroy();
        return reject(tooLarge());
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size > o.maxBytes) {
          req.destroy();
          reject(tooLarge());
          return;
        }
        chunks.push(c);
      });
      res.on("error", fail);
      res.on("end", () => {
        if (size > o.maxBytes) return;
        const charset = /charset=["']?([\w-]+)/i.exec(String(res.headers["content-type"] ?? ""))?.[1];
        let body: string;
        try {
          body = new TextDecoder(charset ?? "utf-8").decode(Buffer.concat(chunks));
        } catch {
          body = new TextDecoder("utf-8").decode(Buffer.concat(chunks));
        }
        resolve({ status, contentType, body });
      });
    });
    req.end();
  });
}
