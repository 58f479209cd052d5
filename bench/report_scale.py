"""The HTML report at scale: size, load time, DOM size and text contrast in headless Chromium.

Analyzes ``--articles`` story-dense AllSides articles (the largest topic/day
groups, as ``bench/end_to_end.py --dense`` picks them; 300 by default), keeps
the JSON report under ``build/report_scale/`` (``--reuse`` renders that again
without analysing), renders the single-file HTML report and prints:

- the file size, the number of stories (and of single-article ones), the
  largest coverage matrix; the sizes of the folder of pages (``--out DIR/``);
- in headless Chromium (``/usr/bin/chromium``), on a desktop and on a
  phone-sized window: the time to the load event and to the first paint,
  the DOM nodes, and the focusable elements (tab stops); then the same once
  the first (largest) story is opened, with the time it took to open;
- the contrast of every text element's colour against its background, in the
  light and the dark theme: the lowest ratio and how many fall under 4.5:1.

    .venv/bin/python bench/report_scale.py                   # 300 articles
    .venv/bin/python bench/report_scale.py --reuse           # render and measure the kept report again
    .venv/bin/python bench/report_scale.py --screenshots     # also save screenshots to build/report_scale/
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "2")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
OUT = ROOT / "build" / "report_scale"
CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
MIN_CONTRAST = 4.5
MAX_CONTRAST_ELEMENTS = 20_000

#: Measures a loaded page: DOM nodes, tab stops, and per text element its colour against the background
#: it is drawn on (the nearest ancestor with an opaque background), as WCAG relative luminance ratios.
PAGE_FIGURES = """(limit) => {
  const nodes = document.getElementsByTagName('*').length;
  const focusable = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
    .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0).length;
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = el => { for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
    if (c && c[3] >= 0.99) return c; } return [255, 255, 255, 1]; };
  let worst = 99, under = 0, checked = 0; const examples = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode() && checked < limit) {
    const el = walker.currentNode.parentElement;
    if (!el || seen.has(el) || !walker.currentNode.textContent.trim()) continue;
    seen.add(el);
    if (el.getClientRects().length === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
    const fg = parse(style.color), bg = background(el);
    if (!fg) continue;
    const mixed = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
    const [a, b] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    checked++;
    if (ratio < worst) worst = ratio;
    if (ratio < 4.5) { under++; if (examples.length < 5) examples.push(
      `${el.tagName.toLowerCase()}.${el.className}: ${style.color} on rgb(${bg.slice(0, 3).join(',')}) = ${ratio.toFixed(2)}`); }
  }
  return {nodes, focusable, checked, worst, under, examples};
}"""


def analyse(n: int) -> Path:
    """Analyze ``n`` story-dense AllSides articles; the JSON report's path."""
    from end_to_end import CORPUS, dense_ids, read_articles
    from newsprism.config import Settings
    from newsprism.pipeline import analyze_articles
    from newsprism.report.json import dumps

    settings = Settings(n_process=2)
    articles = read_articles(CORPUS, settings, n, dense_ids(CORPUS, n))
    started = time.perf_counter()
    report = analyze_articles(articles, settings=settings)
    print(f"analysed {len(articles)} articles in {time.perf_counter() - started:.0f} s")
    path = OUT / f"report-{n}.json"
    OUT.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(report, indent=None), encoding="utf-8")
    return path


def measure(html: Path, screenshots: bool) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            for name, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})):
                for scheme in ("light", "dark"):
                    page = browser.new_page(viewport=viewport, color_scheme=scheme)
                    started = time.perf_counter()
                    page.goto(html.as_uri(), wait_until="load", timeout=120_000)
                    loaded = time.perf_counter() - started
                    paint = page.evaluate(
                        "() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || null"
                    )
                    figures: dict[str, Any] = page.evaluate(PAGE_FIGURES, MAX_CONTRAST_ELEMENTS)
                    shown = f"{paint / 1000:.2f} s" if paint else "n/a"
                    print(
                        f"{name:<7} {scheme:<5} load {loaded:6.2f} s  first paint {shown:>7}  DOM {figures['nodes']:>8,} "
                        f"nodes  tab stops {figures['focusable']:>7,}  contrast: lowest {figures['worst']:.2f} "
                        f"over {figures['checked']:,} text elements, {figures['under']} under {MIN_CONTRAST}:1"
                    )
                    for example in figures["examples"]:
                        print(f"        {example}")
                    if screenshots:
                        page.screenshot(path=str(OUT / f"{name}-{scheme}.png"))
                    # open the largest story (the first) as a reader would, and measure it in turn
                    button = page.locator("button.open-story").first
                    if button.count():
                        started = time.perf_counter()
                        button.click()
                        page.wait_for_selector("#st1-body", state="attached")
                        opened = time.perf_counter() - started
                        figures = page.evaluate(PAGE_FIGURES, MAX_CONTRAST_ELEMENTS)
                        print(
                            f"{'':<13} story 1 opened in {opened:5.2f} s  DOM {figures['nodes']:>8,} nodes  "
                            f"tab stops {figures['focusable']:>7,}  contrast: lowest {figures['worst']:.2f} "
                            f"over {figures['checked']:,} text elements, {figures['under']} under {MIN_CONTRAST}:1"
                        )
                        for example in figures["examples"]:
                            print(f"        {example}")
                        if screenshots:
                            page.locator("#st1").screenshot(path=str(OUT / f"{name}-{scheme}-story.png"))
                    page.close()
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300, help="story-dense AllSides articles (default 300)")
    parser.add_argument("--reuse", action="store_true", help="render the JSON report a previous run kept")
    parser.add_argument("--screenshots", action="store_true", help="save screenshots to build/report_scale/")
    args = parser.parse_args()

    from newsprism.report.html import render_html
    from newsprism.report.load import load_report

    path = OUT / f"report-{args.articles}.json"
    if not (args.reuse and path.exists()):
        path = analyse(args.articles)
    report = load_report(path)
    started = time.process_time()
    html = render_html(report)
    render_cpu = time.process_time() - started
    out = OUT / f"report-{args.articles}.html"
    out.write_text(html, encoding="utf-8")
    sizes = sorted((len(s.article_ids) for s in report.stories), reverse=True)
    rows = max((len(s.claims) for s in report.stories), default=0)
    print(
        f"{len(report.articles)} articles, {len(report.stories)} stories ({sizes.count(1)} of one article; "
        f"largest {sizes[:5]}), largest matrix {rows} claims"
    )
    print(f"HTML: {len(html.encode('utf-8')) / 1e6:.2f} MB, rendered in {render_cpu:.2f} CPU s -> {out}")
    print(f"JSON: {path.stat().st_size / 1e6:.2f} MB")
    from newsprism.report.html import render_pages

    site = OUT / "site"
    site.mkdir(parents=True, exist_ok=True)
    pages = render_pages(report)
    for name, page in pages.items():
        (site / name).write_text(page, encoding="utf-8")
    sizes_mb = sorted((len(p.encode("utf-8")) / 1e6 for n, p in pages.items() if n != "index.html"), reverse=True)
    print(
        f"pages (--out DIR/): index {len(pages['index.html'].encode('utf-8')) / 1e6:.2f} MB, {len(sizes_mb)} story "
        f"pages, largest {sizes_mb[0]:.2f} MB, median {sizes_mb[len(sizes_mb) // 2]:.3f} MB -> {site}"
    )
    if CHROMIUM.exists():
        measure(out, args.screenshots)
    else:
        print(f"no browser measure: {CHROMIUM} is missing (run `make browser`)")


if __name__ == "__main__":
    main()
