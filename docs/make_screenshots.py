"""Regenerate the README's pictures (docs/img/) with graphkit's own commands.

Builds the seed listing, writes the graph and a lineage page with ``graphkit viz`` and the gap
heatmap with ``graphkit gaps --plot``, then photographs the pages in Debian's Chromium
(playwright, network blocked). Run from the repository root:

    .venv/bin/python docs/make_screenshots.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "img"
SEED = ROOT / "tests" / "data" / "seed_hf_daily_papers.txt"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]


def run(*args: str, cwd: Path) -> None:
    subprocess.run([str(Path(sys.executable).parent / "graphkit"), *args], cwd=cwd, check=True)


def photograph(pages: dict[str, Path]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 760})
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        for name, page_path in pages.items():
            page = context.new_page()
            page.goto(page_path.as_uri())
            page.wait_for_selector("body[data-ready=true]", state="attached", timeout=120_000)
            page.wait_for_timeout(300)
            page.screenshot(path=str(OUT / name))
            page.close()
        browser.close()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        run("build", str(SEED), "-q", cwd=work)
        run("viz", "-o", "graph.html", cwd=work)
        run("viz", "--focus", "wav2vec2", "-o", "lineage.html", cwd=work)
        run("gaps", "--top", "10", "--plot", str(OUT / "gaps.png"), cwd=work)
        photograph({"graph.png": work / "graph.html", "lineage.png": work / "lineage.html"})
    for name in ("graph.png", "lineage.png", "gaps.png"):
        print(OUT / name, (OUT / name).stat().st_size // 1024, "KiB")


if __name__ == "__main__":
    main()
