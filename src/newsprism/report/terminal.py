"""The terminal summary: what ``newsprism analyze`` prints without ``--format``.

Per story: the outlets legend, the cited brief with ``[n]`` markers, the
coverage matrix (claims x outlets), disagreements, quote variants with a
coloured word diff, framing and the timeline; then the inputs that failed.
Article text is always rendered as plain :class:`rich.text.Text`, never as
markup, so brackets in the news cannot restyle the output, and control
characters from the inputs are shown escaped (:func:`visible`), so they
cannot drive the terminal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import fields, is_dataclass, replace
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import COVERAGE_WORDS, Article, Claim, FramingItem, QuoteVariantPair, Report, Story
from .view import lean_words

__all__ = ["render_terminal", "visible"]

MAX_MATRIX_ROWS = 40
CLAIM_WIDTH = 60
#: A coverage cell's width: its marks and the sources they name fold onto further lines past it.
CELL_WIDTH = 14
MAX_TIMELINE = 15


def _markers(ids: Sequence[str], numbers: Mapping[str, int]) -> str:
    return "".join(f"[{numbers[i]}]" for i in dict.fromkeys(ids) if i in numbers)


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _heading(console: Console, title: str) -> None:
    console.print()
    console.print(Text(title, style="bold underline"))


def _legend(console: Console, articles: Sequence[Article], numbers: Mapping[str, int]) -> None:
    _heading(console, "Outlets")
    for a in articles:
        line = Text(f"  [{numbers[a.id]}] ", style="bold")
        line.append(_short(a.label, 70))
        if a.label != a.id:
            line.append(f"  ({a.id})", style="dim")
        if a.duplicate_of:
            line.append(f"  reprint of {a.duplicate_of}", style="yellow")
        if a.genre is not None:
            line.append(f"  {a.genre.label}", style="magenta" if a.genre.label != "news" else "dim")
            line.append(f" ({a.genre.reason})", style="dim")
        if a.lean is not None:
            line.append(f"  leans {a.lean}", style="dim")
        console.print(line)


def _brief(console: Console, story: Story, numbers: Mapping[str, int]) -> None:
    titles = {"brief": "Brief", "single_source": "Reported only by one outlet", "disputed": "Disputed"}
    for section, title in titles.items():
        sentences = [b for b in story.brief if b.section == section]
        if not sentences:
            continue
        _heading(console, title)
        for n, b in enumerate(sentences, 1):
            line = Text(f"  {n}. " if section == "brief" else "  • ")
            line.append(" ".join(b.text.split()))
            line.append(" " + _markers(b.articles, numbers), style="cyan")
            console.print(line)


_CELL_STYLE = {"states": "green bold", "reports": "green", "denies": "red bold", "part": "dim"}


def _cell(claim: Claim, article_id: str) -> Text:
    """What the article does with the claim: each mark, strongest first, with the source it names."""
    cell = Text()
    for c in claim.cell(article_id):
        if cell:
            cell.append(" ")
        cell.append(c.mark, style=_CELL_STYLE[c.kind])
        if c.source and c.kind in ("reports", "denies"):
            cell.append(f" {c.source}", style="dim")
    return cell


def _matrix(console: Console, story: Story, articles: Sequence[Article], numbers: Mapping[str, int]) -> None:
    claims = [c for c in story.claims if not c.off_topic]
    if not claims:
        return
    disputed = {cid for d in story.disagreements for cid in d.claims}
    _heading(console, "Coverage: claims × outlets")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("claim", overflow="fold", max_width=CLAIM_WIDTH)
    for a in articles:
        table.add_column(f"[{numbers[a.id]}]", justify="center", overflow="fold", max_width=CELL_WIDTH)
    table.add_column("note", style="yellow", no_wrap=True)
    ranked = sorted(claims, key=lambda c: -len(set(c.article_ids)))
    for n, claim in enumerate(ranked[:MAX_MATRIX_ROWS], 1):
        notes = []
        if len(set(claim.article_ids)) == 1:
            notes.append("single source")
        if claim.id in disputed:
            notes.append("disputed")
        row = [Text(f"{n}. ", style="dim") + Text(_short(claim.text, CLAIM_WIDTH * 2))]
        row += [_cell(claim, a.id) for a in articles]
        row.append(Text(", ".join(notes)))
        table.add_row(*row)
    console.print(table)
    hidden = len(ranked) - MAX_MATRIX_ROWS
    off_topic = len(story.claims) - len(claims)
    tail = []
    if hidden > 0:
        tail.append(f"{hidden} more claims not shown")
    if off_topic:
        tail.append(f"{off_topic} off-topic claims left out")
    legend = " · ".join(f"{mark} {words}" for mark, words in COVERAGE_WORDS.values())
    legend += " (the source named) · blank: does not report it"
    console.print(Text(f"  {legend}" + ("; " + "; ".join(tail) if tail else ""), style="dim"))


def _disagreements(console: Console, story: Story, numbers: Mapping[str, int]) -> None:
    if not story.disagreements:
        return
    _heading(console, "Disagreements")
    for d in story.disagreements:
        line = Text(f"  • {d.kind}: ", style="bold")
        line.append(d.explanation)
        line.append(" " + _markers([s.article for s in d.spans], numbers), style="cyan")
        console.print(line)
        for side in d.sides:
            value = Text(f"      {side.value} ", style="bold")
            value.append(_markers(list(side.articles), numbers), style="cyan")
            console.print(value)
        for span in d.spans:
            quote = Text(f"      [{numbers.get(span.article, '?')}] ", style="cyan")
            quote.append(_short(span.text, 150), style="italic")
            console.print(quote)


def diff_text(pair: QuoteVariantPair) -> Text:
    """A pair's word diff: removed words red and struck through, added green."""
    out = Text()
    for op, words in pair.diff:
        if out:
            out.append(" ")
        if op == "-":
            out.append(words, style="red strike")
        elif op == "+":
            out.append(words, style="green")
        else:
            out.append(words)
    return out


def _quote_variants(console: Console, story: Story, numbers: Mapping[str, int]) -> None:
    groups = dict.fromkeys(q.variant_group for q in story.quotes if q.variant_group)
    if not groups:
        return
    _heading(console, "Quote variants")
    for gid in groups:
        members = [q for q in story.quotes if q.variant_group == gid]
        speaker = next((q.speaker for q in members if q.speaker), None) or "unknown speaker"
        console.print(Text(f"  {gid} · {speaker}", style="bold"))
        for text in dict.fromkeys(q.span.text for q in members):
            line = Text("    ")
            line.append(_markers([q.span.article for q in members if q.span.text == text], numbers), style="cyan")
            line.append(f" “{_short(text, 150)}”")
            console.print(line)
        for pair in (p for p in story.quote_variants if p.group == gid and p.relation != "identical"):
            line = Text(f"    {pair.relation}: ", style="yellow")
            line.append_text(diff_text(pair))
            console.print(line)


def _variants_line(item: FramingItem, numbers: Mapping[str, int]) -> Text:
    line = Text("    ")
    for n, (wording, ids) in enumerate(item.variants.items()):
        if n:
            line.append(" · ", style="dim")
        line.append(wording, style="bold")
        line.append(" " + _markers(ids, numbers), style="cyan")
    return line


def _verb_table(item: FramingItem, articles: Sequence[Article], numbers: Mapping[str, int]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("outlet", no_wrap=True)
    table.add_column("verbs", justify="right")
    table.add_column("non-neutral", justify="right")
    table.add_column("profile", overflow="fold")
    for a in articles:
        counts = item.counts.get(a.id)
        if not counts:
            continue
        total = sum(counts.values())
        loaded = sum(n for lem, n in counts.items() if lem in item.loaded)
        verbs = Text()
        for lem, n in counts.items():  # most used first
            if verbs:
                verbs.append(", ")
            style = "yellow" if lem in item.loaded else ""
            verbs.append(f"{lem} {n}", style=style)
        table.add_row(Text(f"[{numbers[a.id]}] {_short(a.label, 24)}"), str(total), f"{loaded / total:.0%}", verbs)
    return table


def _framing(console: Console, story: Story, articles: Sequence[Article], numbers: Mapping[str, int]) -> None:
    if not story.framing:
        return
    _heading(console, "Framing")
    kinds = {
        "naming": "Naming",
        "attribution_verb": "Reporting verbs",
        "loaded_term": "Loaded terms",
        "voices": "Voices quoted",
    }
    for kind, title in kinds.items():
        items = [f for f in story.framing if f.kind == kind]
        if not items:
            continue
        console.print(Text(f"  {title}", style="bold"))
        for item in items:
            if kind == "naming":
                console.print(Text(f"    {item.referent}:", style="dim") + _variants_line(item, numbers))
            elif kind == "attribution_verb":
                console.print(_verb_table(item, articles, numbers))
            elif kind == "loaded_term":
                line = Text(f"    {item.referent}", style="bold")
                line.append(" " + _markers([s.article for s in item.spans], numbers), style="cyan")
                if item.note:
                    line.append(f"  {item.note.split(';')[0]}", style="dim")
                console.print(line)
            else:
                for speaker, ids in item.variants.items():
                    line = Text(f"    {speaker} ")
                    line.append(_markers(ids, numbers), style="cyan")
                    console.print(line)
            if item.note and kind in ("attribution_verb", "voices"):
                console.print(Text(f"    {item.note}", style="yellow"))


def _timeline(console: Console, story: Story, numbers: Mapping[str, int]) -> None:
    if not story.timeline:
        return
    _heading(console, "Timeline")
    for entry in story.timeline[:MAX_TIMELINE]:
        line = Text(f"  {entry.date:<10} ", style="bold")
        line.append(_short(entry.text, 140))
        line.append(" " + _markers([s.article for s in entry.support], numbers), style="cyan")
        console.print(line)
    if len(story.timeline) > MAX_TIMELINE:
        console.print(Text(f"  … {len(story.timeline) - MAX_TIMELINE} more dated events", style="dim"))


def _story(console: Console, report: Report, story: Story) -> None:
    articles = []
    for aid in story.article_ids:
        try:
            articles.append(report.article(aid))
        except KeyError:
            articles.append(Article(id=aid, text=""))
    numbers = {a.id: n for n, a in enumerate(articles, 1)}
    opinion_only = bool(articles) and not any(a.news for a in articles)
    marked = " · opinion" if opinion_only else ""
    outlets = len({a.voice for a in articles})
    console.rule(
        Text(
            f"{story.id} · {_short(story.title, 80)}{marked} · {len(articles)} articles from {outlets} "
            f"outlet{'' if outlets == 1 else 's'}",
            style="bold",
        )
    )
    if (words := lean_words(story.lean)) is not None:
        console.print(Text(f"  Coverage by lean: {words}", style="yellow" if story.lean and story.lean.blindspot_for else ""))
    _legend(console, articles, numbers)
    if opinion_only and not story.brief:
        console.print(Text("  No brief: every article of this story is opinion or analysis.", style="dim"))
    _brief(console, story, numbers)
    _matrix(console, story, articles, numbers)
    _disagreements(console, story, numbers)
    _quote_variants(console, story, numbers)
    _framing(console, story, articles, numbers)
    _timeline(console, story, numbers)


#: Characters a terminal acts on rather than shows: C0 controls but tab and newline, DEL and the C1 controls
#: (ESC starts colour changes, window-title rewrites, screen clears; a carriage return overwrites the line).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(value: Any) -> Any:
    """``value`` (a string, or a model object, tuple, list or dict holding strings) with every terminal control
    character written out as an escape (``\\x1b``), so text from the inputs cannot drive the terminal."""
    if isinstance(value, str):
        if not _CONTROL.search(value):
            return value
        return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), value)
    if isinstance(value, (tuple, list)):
        items = [visible(v) for v in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else type(value)(items)
    if isinstance(value, dict):
        pairs = [(visible(k), visible(v)) for k, v in value.items()]
        return (
            value
            if all(k is a and v is b for (k, v), (a, b) in zip(pairs, value.items(), strict=True))
            else dict(pairs)
        )
    if is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in fields(value):
            old = getattr(value, f.name)
            new = visible(old)
            if new is not old:
                changes[f.name] = new
        return replace(value, **changes) if changes else value
    return value


def render_terminal(report: Report, console: Console) -> None:
    """Print a readable summary of ``report`` on ``console`` (control characters from the inputs shown escaped)."""
    # what the summary prints: the articles, stories and errors (not the per-sentence annotations)
    report = replace(
        report, articles=visible(report.articles), stories=visible(report.stories), errors=visible(report.errors)
    )
    header = Text("newsprism", style="bold")
    header.append(f" · {len(report.articles)} articles · {len(report.stories)} stories")
    console.print(header)
    for story in report.stories:
        _story(console, report, story)
    if report.errors:
        _heading(console, "Errors")
        for failure in report.errors:
            line = Text(f"  {failure.input}: ", style="red bold")
            line.append(failure.error)
            console.print(line)
