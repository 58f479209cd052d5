"""A view of one report, shared by the HTML and Markdown renderers.

The renderers only lay out what this module computes: per story, the
articles numbered ``[1]..[n]``, the brief with its citations resolved to
support spans, the coverage matrix, disagreements, quote variants, framing,
the timeline (with chart geometry) and entities.

Every pointer into an article is a :class:`Cite`. Besides the span it carries
the offsets in UTF-16 code units, because the page's script slices article
text as JavaScript strings, whose indices are UTF-16 units while Python's are
code points (they differ as soon as an article holds an emoji).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..listing import independent_voices, lean_bar
from ..model import (
    Article,
    Claim,
    FramingItem,
    Lean,
    LeanCoverage,
    QuoteVariantPair,
    Report,
    Span,
    Story,
    TimelineEntry,
)

__all__ = [
    "ArticleRef",
    "BriefRow",
    "Cite",
    "ClaimRow",
    "ReportView",
    "StoryView",
    "build_view",
    "lean_words",
]

BRIEF_SECTIONS = {"brief": "Brief", "single_source": "Reported only by one outlet", "disputed": "Disputed"}
FRAMING_KINDS = {
    "naming": "Naming",
    "attribution_verb": "Reporting verbs",
    "loaded_term": "Loaded terms",
    "voices": "Voices quoted",
}
# Timeline chart geometry (SVG user units).
CHART_WIDTH = 760
CHART_MARGIN = 40
CHART_ROW = 16
CHART_TOP = 28
MAX_STACK = 8
MIN_TICK_GAP = 80
LONG_RANGE_DAYS = 60
GAP_CAP_DAYS = 10


SpanLookup = Callable[[str, str], "Span | None"]


def lean_words(lean: LeanCoverage | None) -> str | None:
    """Coverage by lean in words: outlets per lean, those of unknown lean, and a blindspot ('None': no lean known)."""
    if lean is None:
        return None
    parts = [f"{lean.left} left", f"{lean.center} center", f"{lean.right} right"]
    if lean.unknown:
        parts.append(f"{lean.unknown} unknown")
    if lean.blindspot_for is not None:
        parts.append(f"blindspot for the {lean.blindspot_for}")
    return " · ".join(parts)


class Utf16:
    """Converts code-point offsets of texts to UTF-16 offsets, lazily per text."""

    def __init__(self) -> None:
        self._tables: dict[str, list[int] | None] = {}

    def __call__(self, article: Article, offset: int) -> int:
        if article.id not in self._tables:
            self._tables[article.id] = self._table(article.text)
        table = self._tables[article.id]
        return offset if table is None else table[min(offset, len(table) - 1)]

    @staticmethod
    def _table(text: str) -> list[int] | None:
        """Cumulative UTF-16 lengths, or None when every character is one unit."""
        if not text or max(text) <= "\uffff":
            return None
        table = [0]
        for ch in text:
            table.append(table[-1] + (2 if ch > "\uffff" else 1))
        return table


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """An article as one story shows it: its number there and its place in the page data."""

    n: int
    index: int
    article: Article

    @property
    def label(self) -> str:
        return self.article.label

    @property
    def source(self) -> str:
        """The article's independent source: a reprint counts as its original."""
        return self.article.duplicate_of or self.article.id


@dataclass(frozen=True, slots=True)
class Cite:
    """A clickable pointer to a span: article number, data index and UTF-16 offsets."""

    n: int
    index: int
    start: int
    end: int
    label: str
    text: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class BriefRow:
    text: str
    claims: tuple[str, ...]
    cites: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class Mark:
    """One thing an article does with a claim: its kind, mark and words, and a cite of the sentence."""

    kind: str
    mark: str
    words: str
    source: str | None
    cite: Cite


@dataclass(frozen=True, slots=True)
class Cell:
    """One coverage-matrix cell: what an article does with a claim, strongest first (empty when absent)."""

    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimRow:
    claim: Claim
    cells: tuple[Cell, ...]
    sources: int
    single: bool
    disputed: bool
    #: Stated by every outlet of the story.
    every: bool = False


@dataclass(frozen=True, slots=True)
class ValueView:
    """One side of a figure dispute: the value as written and a cite of each figure giving it."""

    value: str
    cites: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class DisagreementView:
    kind: str
    explanation: str
    claims: tuple[str, ...]
    sides: tuple[Cite, ...]
    values: tuple[ValueView, ...] = ()


@dataclass(frozen=True, slots=True)
class Rendering:
    text: str
    cites: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class PairView:
    """A variant pair with the articles behind each side."""

    pair: QuoteVariantPair
    a: tuple[Cite, ...]
    b: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    id: str
    speaker: str
    renderings: tuple[Rendering, ...]
    pairs: tuple[PairView, ...]


@dataclass(frozen=True, slots=True)
class FramingRow:
    """One framing item laid out: each wording with the articles that use it."""

    item: FramingItem
    variants: tuple[tuple[str, tuple[Cite, ...]], ...]


@dataclass(frozen=True, slots=True)
class VerbRow:
    ref: ArticleRef
    total: int
    non_neutral: float
    verbs: tuple[tuple[str, int, bool], ...]


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    x: float
    y: float
    r: float
    entry: TimelineEntry
    cites: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class TimelineChart:
    width: int
    height: int
    axis_y: int
    points: tuple[TimelinePoint, ...]
    ticks: tuple[tuple[float, str], ...]
    breaks: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class EntityRow:
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[Cite | None, ...]
    counts: tuple[int, ...]


@dataclass
class StoryView:
    story: Story
    articles: list[ArticleRef]
    brief: dict[str, list[BriefRow]] = field(default_factory=dict)
    matrix: list[ClaimRow] = field(default_factory=list)
    off_topic: list[ClaimRow] = field(default_factory=list)
    disagreements: list[DisagreementView] = field(default_factory=list)
    quote_groups: list[QuoteGroup] = field(default_factory=list)
    framing: dict[str, list[FramingRow]] = field(default_factory=dict)
    verbs: list[VerbRow] = field(default_factory=list)
    verb_notes: list[str] = field(default_factory=list)
    timeline: TimelineChart | None = None
    entities: list[EntityRow] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.story.id

    @property
    def title(self) -> str:
        return self.story.title

    @property
    def outlets(self) -> int:
        """How many outlets the story's articles come from: one voice each, however many articles."""
        return len({ref.article.voice for ref in self.articles})

    @property
    def lean_words(self) -> str | None:
        """The story's coverage by lean in words ('2 left · 1 center · 0 right · blindspot for the right')."""
        return lean_words(self.story.lean)

    @property
    def lean_bar(self) -> list[tuple[Lean, int, float]]:
        """The coverage-by-lean bar: (lean, outlets, percent of the outlets of known lean), left to right."""
        return lean_bar(self.story.lean)

    @property
    def claim_count(self) -> int:
        """The story's claims in the matrix (the off-topic ones left out), as its header counts them."""
        return sum(not c.off_topic for c in self.story.claims)

    @property
    def opinion_only(self) -> bool:
        """Whether every article of the story is opinion or analysis (it then has no brief)."""
        return bool(self.articles) and not any(ref.article.news for ref in self.articles)


@dataclass
class ReportView:
    report: Report
    stories: list[StoryView]
    index: dict[str, int]


class _Resolver:
    """Turns spans into cites for one story."""

    def __init__(self, refs: Sequence[ArticleRef], utf16: Utf16) -> None:
        self.refs = {r.article.id: r for r in refs}
        self.articles = {r.article.id: r.article for r in refs}
        self.utf16 = utf16

    def cite(self, span: Span, note: str = "") -> Cite | None:
        ref = self.refs.get(span.article)
        if ref is None:
            return None
        a = ref.article
        return Cite(ref.n, ref.index, self.utf16(a, span.start), self.utf16(a, span.end), ref.label, span.text, note)

    def cites(self, spans: Iterable[Span], note: str = "") -> tuple[Cite, ...]:
        out = (self.cite(s, note) for s in spans)
        return tuple(sorted((c for c in out if c is not None), key=lambda c: (c.n, c.start)))


def _independent(ids: Iterable[str], res: _Resolver) -> int:
    """How many outlets the articles ``ids`` speak for (:func:`~newsprism.listing.independent_voices`)."""
    return len(independent_voices(res.articles, ids))


def _brief(story: Story, res: _Resolver) -> dict[str, list[BriefRow]]:
    claims = {c.id: c for c in story.claims}
    out: dict[str, list[BriefRow]] = {}
    for b in story.brief:
        cites: list[Cite] = []
        for aid in dict.fromkeys(b.articles):
            # The support span of the first listed claim this article backs.
            span = next(
                (s for cid in b.claims if cid in claims for s in claims[cid].support if s.article == aid),
                None,
            )
            cite = res.cite(span) if span is not None else None
            if cite is not None:
                cites.append(cite)
        cites.sort(key=lambda c: c.n)
        out.setdefault(b.section, []).append(BriefRow(" ".join(b.text.split()), b.claims, tuple(cites)))
    return {k: out[k] for k in (*BRIEF_SECTIONS, *out) if k in out}


_ABSENT = Cell()


def _claim_row(claim: Claim, view: StoryView, res: _Resolver, disputed: set[str], outlets: int) -> ClaimRow:
    """The claim's matrix row; ``outlets``: how many outlets the story's articles speak for."""
    by_article = {s.article: s for s in claim.support}
    marks: dict[str, list[Mark]] = {}  # claim.cell(article) for every article at once: coverage is by article
    for c in claim.coverage:
        if (cite := res.cite(c.span)) is not None:
            source = c.source if c.kind in ("reports", "denies") else None
            marks.setdefault(c.article, []).append(Mark(c.kind, c.mark, c.words, source, cite))
    cells = [Cell(tuple(marks[ref.article.id])) if ref.article.id in marks else _ABSENT for ref in view.articles]
    sources = _independent(by_article, res)
    return ClaimRow(claim, tuple(cells), sources, sources == 1, claim.id in disputed, sources >= outlets)


def _quote_groups(story: Story, res: _Resolver) -> list[QuoteGroup]:
    groups: dict[str, list] = {}
    for q in story.quotes:
        if q.variant_group:
            groups.setdefault(q.variant_group, []).append(q)
    out = []
    for gid, members in groups.items():
        speaker = next((q.speaker for q in members if q.speaker), None) or "unknown speaker"
        texts: dict[str, list[Span]] = {}
        for q in members:
            texts.setdefault(q.span.text, []).append(q.span)
        renderings = tuple(Rendering(" ".join(t.split()), res.cites(spans)) for t, spans in texts.items())
        by_text = {r.text: r.cites for r in renderings}
        pairs = tuple(
            PairView(p, by_text.get(" ".join(p.a.split()), ()), by_text.get(" ".join(p.b.split()), ()))
            for p in story.quote_variants
            if p.group == gid
        )
        out.append(QuoteGroup(gid, speaker, renderings, pairs))
    return out


def _item_span(item: FramingItem, wording: str, aid: str) -> Span | None:
    """The item's example span of ``wording`` in one article (else any of its spans there)."""
    key = " ".join(wording.lower().split())
    return next(
        (s for s in item.spans if s.article == aid and " ".join(s.text.lower().split()) == key),
        next((s for s in item.spans if s.article == aid), None),
    )


def _framing_row(item: FramingItem, res: _Resolver, spans_of: SpanLookup | None = None) -> FramingRow:
    variants = []
    for wording, ids in item.variants.items():
        cites: list[Cite] = []
        for aid in dict.fromkeys(ids):
            span = spans_of(wording, aid) if spans_of is not None else _item_span(item, wording, aid)
            cite = res.cite(span, wording) if span is not None else None
            if cite is None and aid in res.refs:
                ref = res.refs[aid]
                cite = Cite(ref.n, ref.index, -1, -1, ref.label, "", wording)
            if cite is not None:
                cites.append(cite)
        variants.append((wording, tuple(sorted(cites, key=lambda c: c.n))))
    return FramingRow(item, tuple(variants))


def _first_quotes(story: Story) -> dict[tuple[str, str], Span]:
    """(speaker, article id) -> that speaker's first quote in the article."""
    out: dict[tuple[str, str], Span] = {}
    for q in sorted(story.quotes, key=lambda q: q.span.start):
        if q.speaker:
            out.setdefault((q.speaker, q.span.article), q.span)
    return out


def _lookup(spans: Mapping[tuple[str, str], Span]) -> SpanLookup:
    return lambda wording, article_id: spans.get((wording, article_id))


def _verbs(item: FramingItem, view: StoryView) -> list[VerbRow]:
    rows = []
    for ref in view.articles:
        counts = item.counts.get(ref.article.id)
        if not counts:
            continue
        total = sum(counts.values())
        loaded = sum(n for lem, n in counts.items() if lem in item.loaded)
        verbs = tuple((lem, n, lem in item.loaded) for lem, n in counts.items())  # most used first
        rows.append(VerbRow(ref, total, loaded / total, verbs))
    return rows


def _day(value: str) -> date | None:
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts[:3]]
        return date(numbers[0], numbers[1] if len(numbers) > 1 else 1, numbers[2] if len(numbers) > 2 else 1)
    except (ValueError, IndexError):
        return None


def _axis(days: Sequence[int]) -> tuple[dict[int, float], tuple[float, ...]]:
    """x position of each distinct day, and where the axis is broken.

    A gap longer than ``GAP_CAP_DAYS`` (when the whole range is long) is drawn
    as ``GAP_CAP_DAYS`` with a break mark, so one old background date does
    not squeeze the story's busy week into a corner.
    """
    distinct = sorted(set(days))
    inner = CHART_WIDTH - 2 * CHART_MARGIN
    if len(distinct) == 1:
        return {distinct[0]: CHART_MARGIN + inner / 2}, ()
    compress = distinct[-1] - distinct[0] > LONG_RANGE_DAYS
    offsets, breaks = [0.0], []
    for prev, day in zip(distinct, distinct[1:], strict=False):
        gap = day - prev
        if compress and gap > GAP_CAP_DAYS:
            breaks.append(len(offsets))
            gap = GAP_CAP_DAYS
        offsets.append(offsets[-1] + gap)
    scale = inner / offsets[-1]
    xs = {day: round(CHART_MARGIN + off * scale, 1) for day, off in zip(distinct, offsets, strict=True)}
    marks = tuple(round(CHART_MARGIN + (offsets[i - 1] + offsets[i]) / 2 * scale, 1) for i in breaks)
    return xs, marks


def _timeline(entries: Sequence[TimelineEntry], res: _Resolver) -> TimelineChart | None:
    """Entries in date order, placed on a time axis; same-day events stack upwards."""
    dated = sorted(((d.toordinal(), e) for e in entries if (d := _day(e.date)) is not None), key=lambda p: p[0])
    if not dated:
        return None
    xs, breaks = _axis([d for d, _ in dated])
    levels: dict[int, int] = {}
    placed = []
    for day, entry in dated:
        level = levels.get(day, 0)
        levels[day] = level + 1
        placed.append((day, entry, min(level, MAX_STACK - 1)))
    height = CHART_TOP + min(max(levels.values()), MAX_STACK) * CHART_ROW + 28
    axis_y = height - 26
    points = []
    for day, entry, level in placed:
        sources = _independent((s.article for s in entry.support), res)
        y = axis_y - 12 - level * CHART_ROW
        points.append(TimelinePoint(xs[day], y, 3.0 + min(sources, 4), entry, res.cites(entry.support)))
    # Label event dates as the articles gave them, skipping ones too close to the last label.
    ticks: list[tuple[float, str]] = []
    for day, entry in dated:
        if ticks and (ticks[-1][0] == xs[day] or xs[day] - ticks[-1][0] < MIN_TICK_GAP):
            continue
        ticks.append((xs[day], entry.date))
    return TimelineChart(CHART_WIDTH, height, axis_y, tuple(points), tuple(ticks), breaks)


def _entities(story: Story, view: StoryView, res: _Resolver) -> list[EntityRow]:
    rows = []
    for e in story.entities:
        mentions: list[Cite | None] = []
        counts = []
        for ref in view.articles:
            spans = [s for s in e.mentions if s.article == ref.article.id]
            counts.append(len(spans))
            mentions.append(res.cite(min(spans, key=lambda s: s.start)) if spans else None)
        rows.append(EntityRow(e.name, e.type, e.aliases, tuple(mentions), tuple(counts)))
    rows.sort(key=lambda r: (-sum(1 for c in r.counts if c), -sum(r.counts), r.name))
    return rows


def story_view(
    story: Story, articles: Mapping[str, Article], index: Mapping[str, int], utf16: Utf16, *, header: bool = False
) -> StoryView:
    """Everything one story shows, resolved to numbered articles and cites (``header``: only its numbered
    articles, as an index shows the story)."""
    refs: list[ArticleRef] = []
    for aid in story.article_ids:
        if aid in articles:
            refs.append(ArticleRef(len(refs) + 1, index[aid], articles[aid]))
    view = StoryView(story, refs)
    if header:
        return view
    res = _Resolver(refs, utf16)
    view.brief = _brief(story, res)
    disputed = {cid for d in story.disagreements for cid in d.claims}
    outlets = _independent(res.refs, res)
    rows = [_claim_row(c, view, res, disputed, outlets) for c in story.claims]
    view.matrix = sorted((r for r in rows if not r.claim.off_topic), key=lambda r: (-r.sources, -len(r.claim.support)))
    view.off_topic = [r for r in rows if r.claim.off_topic]
    view.disagreements = [
        DisagreementView(
            d.kind,
            d.explanation,
            d.claims,
            tuple(c for s in d.spans if (c := res.cite(s)) is not None),
            tuple(ValueView(side.value, res.cites(side.spans)) for side in d.sides),
        )
        for d in story.disagreements
    ]
    view.quote_groups = _quote_groups(story, res)
    for kind in FRAMING_KINDS:
        items = [f for f in story.framing if f.kind == kind]
        if kind == "attribution_verb":
            for item in items:
                view.verbs.extend(_verbs(item, view))
                if item.note:
                    view.verb_notes.extend(n.strip() for n in item.note.split(";") if n.strip())
        elif kind == "voices":
            first_quote = _first_quotes(story)
            view.framing[kind] = [_framing_row(f, res, _lookup(first_quote)) for f in items]
        elif items:
            view.framing[kind] = [_framing_row(f, res) for f in items]
    view.timeline = _timeline(story.timeline, res)
    view.entities = _entities(story, view, res)
    return view


def build_view(report: Report, *, headers: bool = False) -> ReportView:
    """The view of a whole report (``headers``: only what the stories' headers show); article indices follow
    ``report.articles``."""
    index = {a.id: n for n, a in enumerate(report.articles)}
    by_id = {a.id: a for a in report.articles}
    utf16 = Utf16()
    return ReportView(report, [story_view(s, by_id, index, utf16, header=headers) for s in report.stories], index)
