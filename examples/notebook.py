#!/usr/bin/env python3
"""Ingest a text file into a running gainsay server and print its contradictions as a table.

Standard library only.  usage: python3 examples/notebook.py FILE [--url URL]
Environment: GAINSAY_URL (default http://localhost:4000/graphql), GAINSAY_API_KEY.
"""
import json
import os
import sys
import urllib.request

URL = os.environ.get("GAINSAY_URL", "http://localhost:4000/graphql")


def gql(query, variables=None):
    headers = {"content-type": "application/json"}
    if os.environ.get("GAINSAY_API_KEY"):
        headers["authorization"] = "Bearer " + os.environ["GAINSAY_API_KEY"]
    req = urllib.request.Request(URL, data=json.dumps({"query": query, "variables": variables or {}}).encode(), headers=headers)
    with urllib.request.urlopen(req, timeout=120) as res:
        body = json.load(res)
    if body.get("errors"):
        raise SystemExit("GraphQL error: " + "; ".join(e["message"] for e in body["errors"]))
    return body["data"]


INGEST = """mutation($input: IngestSourceInput!) {
  ingestSource(input: $input) { created source { id title } statements { id } }
}"""

CONTRADICTIONS = """query($source: ID!) {
  contradictions(first: 50, filter: { sourceId: $source }) {
    totalCount
    edges { node { kind confidence explanation sides { label statements { speaker { name } } } } }
  }
}"""


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    if not args:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(args[0], encoding="utf-8") as f:
        text = f.read()
    data = gql(INGEST, {"input": {"text": text}})["ingestSource"]
    src = data["source"]
    print(f"{'ingested' if data['created'] else 'already stored'}: {src['title']} ({len(data['statements'])} statements)")
    rows = gql(CONTRADICTIONS, {"source": src["id"]})["contradictions"]["edges"]
    header = ("kind", "conf", "side A", "side B")
    table = [header]
    for edge in rows:
        c = edge["node"]
        sides = [", ".join(sorted({s["speaker"]["name"] for s in side["statements"]})) for side in c["sides"]]
        table.append((c["kind"], f"{c['confidence']:.2f}", sides[0] if sides else "", sides[1] if len(sides) > 1 else ""))
    widths = [min(40, max(len(r[i]) for r in table)) for i in range(4)]
    for r in table:
        print("  ".join(cell[: widths[i]].ljust(widths[i]) for i, cell in enumerate(r)))
    print(f"{len(rows)} contradiction(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
