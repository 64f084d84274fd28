/**
 * What text the corpus accepts. Each check returns why a string is refused, or undefined when it is fine; callers
 * turn the reason into an InputError (or a GraphQL error) naming the field.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** C0 controls other than tab, line feed, form feed and carriage return; DEL; C1 controls; the noncharacters U+FFFE/F. */
const CONTROL = /[\u0001-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;
const WORD = /\p{L}{2,}/u;
const REPLACEMENT = /\uFFFD/g;

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** Strings PostgreSQL cannot store at all: a lone UTF-16 surrogate (not valid Unicode) or a NUL character. */
export function malformedUnicode(s: string): string | undefined {
  const lone = LONE_SURROGATE.exec(s);
  if (lone) return `malformed Unicode: a lone surrogate ${codePoint(lone[0])} at offset ${lone.index}`;
  const nul = s.indexOf("\u0000");
  if (nul >= 0) return `contains a NUL character (U+0000) at offset ${nul}`;
  return undefined;
}

/** Short fields (title, publisher): well-formed, no control characters. */
export function plainTextProblem(s: string): string | undefined {
  const m = malformedUnicode(s);
  if (m) return m;
  const c = CONTROL.exec(s);
  return c ? `contains the control character ${codePoint(c[0])} at offset ${c.index}` : undefined;
}

/**
 * An article's text: well-formed Unicode, no control characters, not binary data decoded as text (many U+FFFD
 * replacement characters), and at least one word (two letters in a row, in any script).
 */
export function articleTextProblem(text: string): string | undefined {
  const p = plainTextProblem(text);
  if (p) return p;
  const replaced = text.match(REPLACEMENT)?.length ?? 0;
  if (replaced >= 16 || (replaced > 0 && replaced / text.length > 0.01)) {
    return `looks like binary data or text in another encoding (${replaced} replacement characters U+FFFD): send UTF-8 text`;
  }
  if (!WORD.test(text)) return "has no words (it needs at least one run of two letters)";
  return undefined;
}
