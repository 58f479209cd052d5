"""Start a gold story: pick AllSides articles, segment them, write the story file and a worksheet.

    .venv/bin/python tests/gold/worksheet.py SLUG ID [ID ...] [--title "..."]

Writes ``tests/gold/stories/SLUG.json`` (the articles' raw text as AllSides
holds it, each cut into numbered sentences by a plain rule splitter that owes
nothing to newsprism, and an empty ``claims`` list) and prints a worksheet:
every sentence under its key (``A3`` is article A's third sentence). The
labeller fills ``claims`` by those keys; see ``tests/gold/README.md``. With
``--disputes`` the file goes to ``tests/gold/disputes/`` with empty
``disputes`` and ``alike`` lists instead.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

ALLSIDES = Path(__file__).resolve().parents[3] / "shared" / "data" / "allsides" / "articles.jsonl.gz"
STORIES = Path(__file__).resolve().parent / "stories"
DISPUTES = Path(__file__).resolve().parent / "disputes"

# A sentence ends at . ! ? (closing quotes/brackets may follow) before a space and
# a capital, digit or opening quote, unless the word before is a common abbreviation.
# Scraped text often lost the space ('deal.Flynn', 'filing."The'): a straight quote
# there closes when an odd number of them came before it in the paragraph.
_MARK = re.compile(r"(?<=[a-z0-9)%])[.!?]|(?<=[A-Z])[.!?](?=\s)")
_CLOSERS = "\"'”’)]"
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Jr|Sr|St|Rev|Prof|Corp|Inc|Co|Ltd|No|vs|Jan|Feb|Mar|Apr|Aug|"
    r"Sept|Sep|Oct|Nov|Dec|Ft|Mt|Pres|Atty|Supt|Del|Ariz|Calif|Colo|Conn|Fla|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|"
    r"Mo|Mont|Neb|Nev|Okla|Ore|Pa|Penn|Tenn|Tex|Va|Vt|Wash|Wis|Wyo)|\b[A-Z]|\b(?:[A-Z]\.)+[A-Z])\.$"
)


def _cut_after(chunk: str, mark: int) -> int | None:
    """Where the sentence whose end mark is at ``mark`` ends, or None when it does not end there."""
    if _ABBREV.search(chunk[: mark + 1]):
        return None
    end = mark + 1
    while end < len(chunk) and chunk[end] in _CLOSERS:
        if chunk[end] == '"' and chunk[:end].count('"') % 2 == 0:
            break  # an opening quote: the next sentence starts with it
        end += 1
    rest = chunk[end:]
    if not rest:
        return None
    if rest[0].isspace():
        nxt = rest.lstrip()
        return end if nxt and (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in "\"'“‘([") else None
    if rest[0].isupper() and end > mark + 1:
        return end  # 'email.”The'
    if rest[0].isupper() and len(rest) > 1 and rest[1].islower():
        return end  # 'deal.Flynn'
    if rest[0] in '“"' and len(rest) > 1 and rest[1].isupper():
        return end  # 'filing."The'
    return None


def segment(text: str) -> list[tuple[int, int]]:
    """Character ranges of the sentences of ``text``: paragraphs, then sentence ends."""
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        chunk = para.group()
        cut = 0
        for m in _MARK.finditer(chunk):
            if m.start() < cut:
                continue
            end = _cut_after(chunk, m.start())
            if end is None:
                continue
            if chunk[cut:end].strip():
                spans.append(_trim(text, start + cut, start + end))
            cut = end
        if chunk[cut:].strip():
            spans.append(_trim(text, start + cut, start + len(chunk)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def load(ids: list[str]) -> dict[str, dict]:
    wanted = set(ids)
    found: dict[str, dict] = {}
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["id"] in wanted:
                found[row["id"]] = row
    missing = wanted - set(found)
    if missing:
        sys.exit(f"worksheet: not in {ALLSIDES}: {', '.join(sorted(missing))}")
    return found


def worksheet(story: dict) -> str:
    lines = [f"# {story['story']}: {story['title']}", ""]
    for art in story["articles"]:
        lines.append(f"## {art['key']}  {art['outlet']} ({art['bias']}), {art['published']}: {art['title']}")
        for n, (start, end) in enumerate(art["sentences"], 1):
            lines.append(f"{art['key']}{n}: {art['text'][start:end]}")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slug")
    parser.add_argument("ids", nargs="*")
    parser.add_argument("--title", default="")
    parser.add_argument("--show", action="store_true", help="print the worksheet of an existing story file")
    parser.add_argument(
        "--disputes", action="store_true", help="start a dispute story (disputes/, empty disputes and alike lists)"
    )
    args = parser.parse_args(argv)
    folder = DISPUTES if args.disputes else STORIES
    path = folder / f"{args.slug}.json"
    if args.show:
        print(worksheet(json.loads(path.read_text(encoding="utf-8"))))
        return
    rows = load(args.ids)
    articles = []
    for key, art_id in zip("ABCDEFGH", args.ids, strict=False):
        row = rows[art_id]
        articles.append(
            {
                "key": key,
                "id": art_id,
                "outlet": row["outlet"],
                "bias": row["bias"],
                "published": row["published"],
                "title": row["title"],
                "url": row["url"],
                "text": row["text"],
                "sentences": [list(s) for s in segment(row["text"])],
            }
        )
    story: dict = {"story": args.slug, "title": args.title, "articles": articles}
    story.update({"disputes": [], "alike": []} if args.disputes else {"claims": [], "opinion": []})
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(story, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(worksheet(story))


if __name__ == "__main__":
    main()
