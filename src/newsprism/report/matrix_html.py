"""The coverage matrix's rows as HTML, written in Python rather than a template macro: a large story's
matrix has tens of thousands of cells (900 claims × 26 articles), which a macro renders several times
slower. Every value is escaped (``html.escape``, quotes included), as the templates' autoescaping would.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape as _escape

from markupsafe import Markup

from .view import Cite, ClaimRow, Mark

__all__ = ["claim_row", "numbers"]


def escape(text: str) -> str:
    return _escape(text, quote=True)


def numbers(cites: Iterable[Cite]) -> Markup:
    """The article numbers of ``cites``, each once, in order: '[1][3]' ('?' when there is none)."""
    return Markup("".join(f"[{n}]" for n in dict.fromkeys(c.n for c in cites)) or "?")


def _mark(mk: Mark) -> str:
    c = mk.cite
    label, words = escape(c.label), escape(mk.words)
    return (
        f'<button type="button" class="cell {escape(mk.kind)}" data-n="{c.n}" data-a="{c.index}" data-s="{c.start}"'
        f' data-e="{c.end}" data-note="{words}" title="[{c.n}] {label} {words}"'
        f' aria-label="{label} {words}: show the sentence">{escape(mk.mark)}</button>'
    )


def claim_row(row: ClaimRow, n: int) -> Markup:
    """The matrix row of ``row``, numbered ``n``: the claim, one cell per article (its marks, or empty when
    the article does not report the claim) and the number of outlets stating it."""
    classes = " ".join(c for c, on in (("single", row.single), ("disputed", row.disputed), ("every", row.every)) if on)
    badges = (' <span class="badge single">single source</span>' if row.single else "") + (
        ' <span class="badge disputed">disputed</span>' if row.disputed else ""
    )
    parts = [
        f'<tr class="{classes}" data-claim="{escape(row.claim.id)}">\n',
        f'  <th scope="row"><span class="cid">{n}</span> {escape(row.claim.text)}{badges}</th>\n',
    ]
    for cell in row.cells:
        if cell.marks:
            parts.append(f'  <td class="c">{"".join(_mark(mk) for mk in cell.marks)}</td>\n')
        else:
            parts.append('  <td class="c a"></td>\n')
    parts.append(f'  <td class="n">{row.sources}</td>\n</tr>')
    return Markup("".join(parts))
