// Synthetic news articles from templates written for this bench (own words, fictional people and towns). Article i is
// the same on every run. Dates spread over twenty years, so the corpus grows the way a news archive does: more
// months, not ever-larger months.

const FIRST = "Amal Bruno Chen Dara Elif Farid Greta Hadi Ines Jonas Karim Lena Marek Nadia Omar Petra Rami Sofia Tariq Uma Viktor Wafa Yusuf Zora Adnan Bianca Celine Dmitri Esra Fadi".split(" ");
const LAST = "Haddad Kowalski Nasser Lindqvist Okafor Rahimi Serrano Tanaka Varga Yilmaz Abboud Brandt Castillo Demir Eriksen Faris Guzman Halabi Ibrahim Jansen Khalil Lopez Mansour Novak".split(" ");
const PARTIES = [
  { name: "the United States", org: "the Pentagon", role: "Pentagon spokesperson" },
  { name: "Israel", org: "the Israeli government", role: "Israeli military spokesperson" },
  { name: "Iran", org: "the Iranian government", role: "Iranian foreign ministry spokesperson" },
  { name: "the Popular Mobilization Forces", org: "the PMF", role: "PMF spokesperson" },
  { name: "Syria", org: "the Syrian government", role: "Syrian government spokesperson" },
];
const PLACES = ["near Taji", "at Al-Asad air base", "in Erbil", "in Anbar", "near Eilat", "in Jordan", "at Baghdad airport", "in Syria", "in Iran", "near Baghdad"];
const OUTLETS = ["Reuters", "The Associated Press", "AFP", "the BBC", "Al Jazeera"];
const DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(" ");
const NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "12", "15", "20"];

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => ((s = Math.imul(s ^ (s >>> 13), 0x5bd1e995) + 0x6b43a9b5), ((s ^= s >>> 15) >>> 0) / 2 ** 32);
}

export type Article = { title: string; text: string; publishedAt: string };

export function article(i: number): Article {
  const r = rng(i * 2654435761 + 17);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const person = () => `${pick(FIRST)} ${pick(LAST)}`;
  const day = new Date(Date.UTC(2015, 0, 1) + Math.floor(r() * 20 * 365) * 86_400_000);
  const date = day.toISOString().slice(0, 10);
  const agent = pick(PARTIES);
  const other = pick(PARTIES.filter((p) => p !== agent));
  const place = pick(PLACES);
  const [a, b, c] = [person(), person(), person()];
  const killed = pick(NUMBERS);
  const outlet = pick(OUTLETS);
  const weekday = pick(DAYS);
  const title = `Strike ${place} draws competing accounts (${i})`;
  const lines = [
    title,
    "",
    day.toLocaleDateString("en-US", { month: "long", day: "numeric", year: "numeric", timeZone: "UTC" }),
    "",
    `${agent.role} ${a} said ${agent.name} carried out a strike ${place} on ${weekday}.`,
    "",
    `${b}, a spokesperson for ${other.org}, denied that ${other.name} was involved in the attack.`,
    "",
    `Local officials said the strike killed ${killed} people, ${outlet} reported.`,
    "",
    `“We were not informed before the operation,” ${c} said.`,
    "",
    `${outlet} said at least ${pick(NUMBERS)} people were wounded, citing hospital staff. Reference ${i}-${Math.floor(r() * 1e9)}.`,
  ];
  return { title, text: lines.join("\n"), publishedAt: date };
}

/** A claim about article i's event, for checkClaim. */
export function claimAbout(i: number): string {
  const t = article(i).text.split("\n")[4]!;
  return t.replace(/^.* said /, "").replace(/\.$/, "");
}
