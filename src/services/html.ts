/**
 * A web page → the article's text and metadata. The page is parsed by linkedom (a light DOM), its boilerplate is
 * removed, and @mozilla/readability (Firefox's Reader View) picks the main content; the text is rebuilt from that
 * content's blocks, one paragraph per line pair, with the headline on the first line (the plain-text convention the
 * pipeline reads). Metadata come from JSON-LD (`NewsArticle` and its kin, also inside `@graph`), OpenGraph / article
 * meta tags, `<link rel=canonical>`, `<time datetime>` and `<title>`, in that order of trust. Pure; no network.
 *
 * Chosen over jsdom (measured on test/pages/ferry-contract.html, Node 20, 2 cores): linkedom 8.5 MB installed,
 * 14 packages, loads in ~100 ms, 3.2 ms a page; jsdom 25.9 MB, 37 packages, ~260 ms, 14.7 ms a page; Readability's
 * output was the same over both.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

/** Names the extraction, stored with each source made from HTML, so a later extractor knows which to re-run. */
export const HTML_EXTRACTOR = "readability-0.6.0+linkedom-0.18.15";

export type PageMeta = {
  title?: string;
  publisher?: string;
  author?: string;
  /** ISO 8601 as the page gives it. */
  publishedAt?: string;
  /** The canonical URL (absolute http(s)). */
  url?: string;
  /** The page's `<html lang>`, as a primary language subtag ("en"). */
  language?: string;
};

export type ExtractedPage = { text: string; meta: PageMeta };

/** Elements that never hold article text. */
const DROP_TAGS = "script, style, noscript, template, iframe, object, embed, svg, canvas, form, button, input, select, textarea, nav, aside, footer, figure, figcaption, picture, video, audio, dialog, menu";
/** ARIA roles of page furniture. */
const DROP_ROLES = ["navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search", "menu", "menubar", "toolbar"];
/**
 * Words in a class or id that mark page furniture on news sites: sharing, sign-up and promotion boxes, related and
 * most-read lists, bylines and tag lists (the byline is read as metadata), adverts, cookie notices, captions.
 */
const BOILERPLATE_WORDS = new Set([
  "share", "sharing", "social", "newsletter", "signup", "subscribe", "subscription", "related", "recommended", "promo",
  "promotion", "advert", "advertisement", "ad", "ads", "sponsor", "sponsored", "cookie", "cookies", "consent", "gdpr",
  "banner", "breadcrumb", "breadcrumbs", "byline", "dateline", "tags", "topics", "caption", "credit", "comments",
  "comment", "masthead", "menu", "sidebar", "popular", "trending", "outbrain", "taboola", "paywall", "print", "toolbar",
]);
/** Compounds in a class or id that mark furniture ("read-more", "most-read", "reading-time"). */
const BOILERPLATE_PHRASES = [/read-?more/, /pull-?quote/, /most-?read/, /reading-?time/, /more-?stories/, /also-?read/, /see-?also/, /embedded-?(video|media)/, /author-?(bio|info)/];
const BLOCK_TAGS = new Set(["P", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "BLOCKQUOTE", "PRE", "DD", "DT", "TD", "TH", "DIV", "SECTION", "ARTICLE", "MAIN", "HEADER", "UL", "OL", "DL", "TABLE", "TR", "TBODY"]);
/** A block whose text is mostly link text ("Read more: …", a list of stories) is navigation, not prose. */
const MAX_LINK_SHARE = 0.6;
const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReviewNewsArticle|Report|BlogPosting|LiveBlogPosting|ScholarlyArticle|TechArticle)$/;

const clean = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();
const some = (s: string | null | undefined) => clean(s) || undefined;

type El = Element;

/** The article's text and metadata from a page's HTML; `pageUrl` (where it was fetched) resolves relative URLs. */
export function extractPage(html: string, pageUrl?: string): ExtractedPage {
  const { document } = parseHTML(html);
  const meta = readMeta(document as unknown as Document, pageUrl);
  const doc = document as unknown as Document;
  removeBoilerplate(doc);
  // Readability keeps a main content element; it returns null for a page with too little prose, and then the
  // cleaned body is read as it is.
  let blocks: string[] = [];
  const article = new Readability(doc.cloneNode(true) as Document, { charThreshold: 200, keepClasses: false }).parse();
  if (article?.content) {
    const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
    blocks = textBlocks((content as unknown as Document).body);
  }
  if (blocks.length === 0 && doc.body) blocks = textBlocks(doc.body);
  const title = meta.title ?? some(article?.title);
  if (title) meta.title = title;
  // The headline heads the text (the pipeline reads the first line as the headline); a first block repeating it goes.
  if (title && blocks[0] && clean(blocks[0]).toLowerCase() === title.toLowerCase()) blocks.shift();
  const text = blocks.length ? [title ?? "", ...blocks].filter(Boolean).join("\n\n") : "";
  return { text, meta };
}

function removeBoilerplate(doc: Document) {
  for (const el of [...doc.querySelectorAll(DROP_TAGS)]) el.remove();
  for (const el of [...doc.querySelectorAll("[role], [aria-hidden], [hidden], [class], [id]")]) {
    if (!el.isConnected) continue;
    const role = el.getAttribute("role");
    if ((role && DROP_ROLES.includes(role)) || el.getAttribute("aria-hidden") === "true" || el.hasAttribute("hidden")) {
      el.remove();
      continue;
    }
    const names = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`.toLowerCase();
    if (!names.trim() || el.tagName === "BODY" || el.tagName === "HTML") continue;
    const words = names.split(/[^a-z0-9]+/).filter(Boolean);
    if (words.some((w) => BOILERPLATE_WORDS.has(w)) || BOILERPLATE_PHRASES.some((r) => r.test(names))) el.remove();
  }
  // The page's own <header> (logo, menus) but not an article's (its headline): the headline is read from metadata.
  for (const el of [...doc.querySelectorAll("header")]) if (!el.closest("article")) el.remove();
}

/** The text of each innermost block (a paragraph, a heading, a list item), whitespace collapsed; link-heavy blocks dropped. */
function textBlocks(root: El | null): string[] {
  const out: string[] = [];
  if (!root) return out;
  const visit = (el: El) => {
    const childBlocks = [...el.children].filter((c) => BLOCK_TAGS.has(c.tagName));
    if (childBlocks.length === 0 || !BLOCK_TAGS.has(el.tagName) || el.tagName === "P") {
      if (el !== root || childBlocks.length === 0) return emit(el);
    }
    // Text directly inside a container beside its blocks ("<div>Loose text<p>…</p></div>") is a block of its own.
    let loose = "";
    for (const node of [...el.childNodes]) {
      if (node.nodeType === 1 && BLOCK_TAGS.has((node as El).tagName)) {
        if (clean(loose)) out.push(clean(loose));
        loose = "";
        visit(node as El);
      } else loose += node.textContent ?? "";
    }
    if (clean(loose)) out.push(clean(loose));
  };
  const emit = (el: El) => {
    const text = clean(el.textContent);
    if (!text) return;
    const linked = [...el.querySelectorAll("a")].reduce((n, a) => n + clean(a.textContent).length, 0);
    if (linked / text.length > MAX_LINK_SHARE) return;
    out.push(text);
  };
  visit(root);
  return out;
}

function readMeta(doc: Document, pageUrl?: string): PageMeta {
  const metaTag = (...keys: string[]) => {
    for (const k of keys) {
      const v = some(doc.querySelector(`meta[property="${k}"], meta[name="${k}"]`)?.getAttribute("content"));
      if (v) return v;
    }
    return undefined;
  };
  const ld = jsonLdArticle(doc);
  const name = (v: unknown): string | undefined => {
    if (typeof v === "string") return some(v);
    if (Array.isArray(v)) return v.map(name).filter(Boolean).join(", ") || undefined;
    if (v && typeof v === "object" && "name" in v) return name((v as { name: unknown }).name);
    return undefined;
  };
  const urlOf = (v: unknown): string | undefined => {
    const raw = typeof v === "string" ? v : v && typeof v === "object" && "@id" in v ? String((v as { "@id": unknown })["@id"]) : undefined;
    if (!raw) return undefined;
    try {
      const u = new URL(raw.trim(), pageUrl);
      return u.protocol === "http:" || u.protocol === "https:" ? u.toString() : undefined;
    } catch {
      return undefined;
    }
  };
  const notUrl = (v: string | undefined) => (v && !/^https?:\/\//i.test(v) ? v : undefined);
  const time = doc.querySelector("article time[datetime], time[datetime]")?.getAttribute("datetime");
  const lang = clean(doc.documentElement?.getAttribute("lang")).toLowerCase();
  const meta: PageMeta = {
    title: name(ld?.headline) ?? metaTag("og:title", "twitter:title") ?? some(doc.querySelector("h1")?.textContent) ?? some(doc.querySelector("title")?.textContent),
    publisher: name(ld?.publisher) ?? metaTag("og:site_name", "application-name"),
    author: name(ld?.author) ?? notUrl(metaTag("article:author", "author", "byl")),
    publishedAt: (typeof ld?.datePublished === "string" ? some(ld.datePublished) : undefined) ?? metaTag("article:published_time", "og:published_time", "datePublished", "pubdate", "date") ?? some(time),
    url: urlOf(doc.querySelector('link[rel="canonical"]')?.getAttribute("href")) ?? urlOf(metaTag("og:url")) ?? urlOf(ld?.url) ?? urlOf(ld?.mainEntityOfPage),
    language: /^[a-z]{2,3}\b/.exec(lang)?.[0],
  };
  for (const k of Object.keys(meta) as Array<keyof PageMeta>) if (meta[k] === undefined) delete meta[k];
  return meta;
}

type LdNode = Record<string, unknown>;

/** The first JSON-LD node typed as a news article (or any article), looking into arrays and `@graph`. */
function jsonLdArticle(doc: Document): LdNode | undefined {
  const found: LdNode[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== "object") return;
    const node = v as LdNode;
    const types = ([] as unknown[]).concat(node["@type"] ?? []).map(String);
    if (types.some((t) => ARTICLE_TYPES.test(t))) found.push(node);
    if (node["@graph"]) walk(node["@graph"]);
  };
  for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      walk(JSON.parse(s.textContent ?? ""));
    } catch {
      // A page's broken JSON-LD is ignored; the other sources of metadata remain.
    }
  }
  return found.find((n) => /NewsArticle/.test(String(n["@type"]))) ?? found[0];
}
