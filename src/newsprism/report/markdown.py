"""The Markdown report: the HTML report's sections, for pasting into notes.

Per story: sources numbered ``[1]..[n]``, the cited brief, the coverage
matrix, disagreements with both sides quoted, quote variants with the word
diff (~~removed~~ / **added**), framing, timeline, entities and each
article's removed pieces. Every citation ``[n]`` resolves to the story's
source list.

Article text is hostile here too: it is flattened to one line and every
character Markdown (or HTML inside Markdown) would interpret is
backslash-escaped, so a headline cannot become a heading, a link, an image
or raw HTML in whatever renders the notes. The only unescaped brackets in
the output are citation markers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ..model import COVERAGE_WORDS, QuoteVariantPair, Report
from .view import BRIEF_SECTIONS, Cell, Cite, ClaimRow, StoryView, build_view

__all__ = ["md_escape", "render_markdown"]

_INLINE = re.compile(r"([\\`*_\[\]<>|~#])|&(?=#?\w+;)")
_LEADING = re.compile(r"^([-+=])|^(\d+)([.)])")
REMOVED_CHARS = 240


def md_escape(text: str) -> str:
    """``text`` as one line of literal Markdown text."""
    flat = " ".join(text.split())
    escaped = _INLINE.sub(lambda m: "\\" + (m.group(1) or "&"), flat)
    # A line start that would open a list or underline a heading is escaped too.
    return _LEADING.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), escaped)


def _short(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _markers(cites: Iterable[Cite]) -> str:
    return "".join(f"[{n}]" for n in sorted({c.n for c in cites}))


def _url(url: str | None) -> str | None:
    if not url:
        return None
    url = url.strip()
    if url.lower().startswith(("http://", "https://")) and not re.search(r"[\s<>]", url):
        return f"<{url}>"
    return md_escape(url)


def _sources(view: StoryView) -> list[str]:
    lines = ["### Sources", ""]
    for ref in view.articles:
        a = ref.article
        parts = [f"[{ref.n}] **{md_escape(ref.label)}**"]
        if a.title and a.title != ref.label:
            parts.append(md_escape(a.title))
        if a.published:
            parts.append(md_escape(a.published))
        if (url := _url(a.url)) is not None:
            parts.append(url)
        if a.duplicate_of:
            parts.append(f"reprint of `{a.duplicate_of.replace('`', '')}`")
        if a.genre is not None:
            parts.append(f"_{a.genre.label}_ ({md_escape(a.genre.reason)})")
        if a.lean is not None:
            parts.append(f"leans {a.lean}")
        lines.append("- " + " · ".join(parts))
    return lines


def _brief(view: StoryView) -> list[str]:
    lines = ["### Brief", ""]
    if not view.brief:
        if view.opinion_only:
            return [*lines, "_No brief: every article of this story is opinion or analysis._"]
        return [*lines, "_No brief: no claim is backed by the articles of this story._"]
    for section, title in BRIEF_SECTIONS.items():
        rows = view.brief.get(section, [])
        if not rows:
            continue
        if section != "brief":
            lines += ["", f"#### {title}", ""]
        for n, row in enumerate(rows, 1):
            bullet = f"{n}." if section == "brief" else "-"
            lines.append(f"{bullet} {md_escape(row.text)} {_markers(row.cites)}".rstrip())
    return lines


def _claim_line(row: ClaimRow, n: int) -> str:
    notes = [
        n
        for n, on in (("single source", row.single), ("disputed", row.disputed), ("off-topic", row.claim.off_topic))
        if on
    ]
    tail = f" _({', '.join(notes)})_" if notes else ""
    return f"{n}. {md_escape(_short(row.claim.text, 220))}{tail}"


def _cell(cell: Cell) -> str:
    """A cell's marks, strongest first, each 'reports' and 'denies' with the source it names."""
    out = [f"{m.mark} {md_escape(m.source)}" if m.source else m.mark for m in cell.marks]
    return " ".join(out) if out else " "


def _matrix(view: StoryView) -> list[str]:
    lines = ["### Coverage: claims × outlets", ""]
    if not view.matrix:
        return [*lines, "_No claims were aligned for this story._"]
    head = "| Claim | " + " | ".join(f"[{r.n}]" for r in view.articles) + " | Outlets |"
    rule = "|---|" + "|".join(":-:" for _ in view.articles) + "|--:|"
    lines += [head, rule]
    for n, row in enumerate(view.matrix, 1):
        cells = [_cell(c) for c in row.cells]
        lines.append(f"| {_claim_line(row, n)} | " + " | ".join(cells) + f" | {row.sources} |")
    legend = " · ".join(f"{mark} {words}" for mark, words in COVERAGE_WORDS.values())
    lines += ["", f"{legend} (the source named) · blank: does not report it"]
    if view.off_topic:
        lines += ["", f"Off-topic claims left out: {len(view.off_topic)}."]
    return lines


def _disagreements(view: StoryView) -> list[str]:
    lines = ["### Disagreements", ""]
    if not view.disagreements:
        return [*lines, "_No disagreements found._"]
    for d in view.disagreements:
        lines.append(f"- **{md_escape(d.kind)}**: {md_escape(d.explanation)} {_markers(d.sides)}".rstrip())
        if d.values:
            values = " · ".join(f"**{md_escape(v.value)}** {_markers(v.cites)}".rstrip() for v in d.values)
            lines.append(f"  - values: {values}")
        for side in d.sides:
            lines.append(f"  - [{side.n}] “{md_escape(_short(side.text, 400))}”")
    return lines


def diff_markdown(pair: QuoteVariantPair) -> str:
    """A word diff as Markdown: ~~only in a~~ and **only in b**."""
    out = []
    for op, words in pair.diff:
        text = md_escape(words)
        if not text:
            continue
        out.append(f"~~{text}~~" if op == "-" else f"**{text}**" if op == "+" else text)
    return " ".join(out)


def _quotes(view: StoryView) -> list[str]:
    lines = ["### Quote variants", ""]
    if not view.quote_groups:
        return [*lines, "_No quote is rendered differently by several articles._"]
    for g in view.quote_groups:
        lines.append(f"- **{md_escape(g.speaker)}** ({md_escape(g.id)})")
        for r in g.renderings:
            lines.append(f"  - “{md_escape(r.text)}” {_markers(r.cites)}".rstrip())
        for pv in g.pairs:
            if pv.pair.relation != "identical":
                sides = f"{_markers(pv.a) or '?'} → {_markers(pv.b) or '?'}"
                lines.append(f"  - _{pv.pair.relation}_ {sides}: {diff_markdown(pv.pair)}")
    return lines


def _framing(view: StoryView) -> list[str]:
    lines = ["### Framing"]
    if not view.framing and not view.verbs:
        return [*lines, "", "_No framing contrasts found._"]
    if rows := view.framing.get("naming"):
        lines += ["", "#### Naming", ""]
        for row in rows:
            variants = " · ".join(f"**{md_escape(w)}** {_markers(c)}" for w, c in row.variants)
            lines.append(f"- {md_escape(row.item.referent)}: {variants}")
    if view.verbs:
        lines += ["", "#### Reporting verbs", "", "| Outlet | Verbs | Non-neutral | Profile |", "|---|--:|--:|---|"]
        for v in view.verbs:
            profile = ", ".join(
                f"**{md_escape(lem)} {n}**" if loaded else f"{md_escape(lem)} {n}" for lem, n, loaded in v.verbs
            )
            lines.append(f"| [{v.ref.n}] {md_escape(v.ref.label)} | {v.total} | {v.non_neutral:.0%} | {profile} |")
        if view.verb_notes:
            lines += ["", *(f"- {md_escape(note)}" for note in view.verb_notes)]
    if rows := view.framing.get("loaded_term"):
        lines += ["", "#### Loaded terms", ""]
        for row in rows:
            kind = (row.item.note or "").split(";")[0]
            cites = [c for _, cs in row.variants for c in cs]
            lines.append(
                f"- **{md_escape(row.item.referent)}**"
                + (f" ({md_escape(kind)})" if kind else "")
                + f" {_markers(cites)}"
            )
    if rows := view.framing.get("voices"):
        lines += ["", "#### Voices quoted", ""]
        for row in rows:
            lines += [f"- {md_escape(speaker)} {_markers(c)}" for speaker, c in row.variants]
            if row.item.note:
                lines.append(f"- _{md_escape(row.item.note)}_")
    return lines


def _timeline(view: StoryView) -> list[str]:
    lines = ["### Timeline", ""]
    if view.timeline is None:
        return [*lines, "_No dated events found._"]
    for p in view.timeline.points:
        lines.append(f"- **{md_escape(p.entry.date)}** {md_escape(p.entry.text)} {_markers(p.cites)}".rstrip())
    return lines


def _entities(view: StoryView) -> list[str]:
    lines = ["### Entities", ""]
    if not view.entities:
        return [*lines, "_No entities found._"]
    lines += [
        "| Name | Type | Also called | " + " | ".join(f"[{r.n}]" for r in view.articles) + " |",
        "|---|---|---|" + "|".join("--:" for _ in view.articles) + "|",
    ]
    for e in view.entities:
        aliases = ", ".join(md_escape(a) for a in e.aliases if a != e.name)
        counts = " | ".join(str(c) if c else " " for c in e.counts)
        lines.append(f"| {md_escape(e.name)} | {md_escape(e.type)} | {aliases} | {counts} |")
    return lines


def _articles(view: StoryView, article_text: bool) -> list[str]:
    lines = ["### Articles"]
    for ref in view.articles:
        a = ref.article
        lines += ["", f"#### [{ref.n}] {md_escape(ref.label)}", ""]
        meta = [f"id `{a.id.replace('`', '')}`", f"{len(a.text.split())} words"]
        if a.title and a.title != ref.label:
            meta.insert(0, md_escape(a.title))
        if a.cites:
            meta.append("cites " + ", ".join(md_escape(c) for c in a.cites))
        lines.append(" · ".join(meta))
        if a.removed:
            counts = Counter(r.reason for r in a.removed)
            summary = ", ".join(f"{reason} {n}" for reason, n in sorted(counts.items()))
            lines += ["", f"Removed pieces ({len(a.removed)}: {md_escape(summary)}):", ""]
            for r in a.removed:
                detail = f" ({md_escape(r.detail)})" if r.detail else ""
                lines.append(f"- _{md_escape(r.reason)}_{detail}: “{md_escape(_short(r.text, REMOVED_CHARS))}”")
        else:
            lines += ["", "Nothing was removed from this article."]
        if article_text:
            lines += [""] + [f"> {md_escape(p)}" if p.strip() else ">" for p in a.text.split("\n")]
    return lines


def _story(view: StoryView, article_text: bool) -> list[str]:
    n = len(view.articles)
    lines = [
        f"## {md_escape(view.title)}" + (" _(opinion)_" if view.opinion_only else ""),
        "",
        f"Story `{view.id.replace('`', '')}` · {n} article{'s' if n != 1 else ''} from {_count(view.outlets, 'outlet')} · "
        f"{_count(len(view.matrix), 'claim')} · {_count(len(view.disagreements), 'disagreement')}",
    ]
    if view.lean_words is not None:
        lines += ["", f"Coverage by lean: {view.lean_words}"]
    sections: Sequence[list[str]] = (
        _sources(view),
        _brief(view),
        _matrix(view),
        _disagreements(view),
        _quotes(view),
        _framing(view),
        _timeline(view),
        _entities(view),
        _articles(view, article_text),
    )
    for section in sections:
        lines += ["", *section]
    return lines


def render_markdown(report: Report, *, article_text: bool = False) -> str:
    """The report as Markdown; ``article_text`` adds each cleaned text as a quote."""
    view = build_view(report)
    stories = len(view.stories)
    lines = [
        "# newsprism report",
        "",
        f"{len(report.articles)} articles · {stories} stor{'y' if stories == 1 else 'ies'}"
        + (f" · generated {md_escape(report.generated_at)}" if report.generated_at else ""),
    ]
    if not view.stories:
        lines += ["", "_No articles were analyzed._"]
    for story in view.stories:
        lines += ["", *_story(story, article_text)]
    if report.errors:
        lines += ["", "## Inputs that could not be read", ""]
        lines += [f"- {md_escape(e.input)}: {md_escape(e.error)}" for e in report.errors]
    return "\n".join(lines) + "\n"
