"""The benchmark's program as a Hugo site, so Hugo (and Pagefind after it) do comparable work.

`write_content(program, site)` turns the notes repository into Hugo content: one section per
pair (`content/pairs/<pair>/_index.md`, its page lists every note's full rendered text, like
notesite's pair page) and one page per note (`content/pairs/<pair>/<note>.md`). Front matter is
carried over verbatim, indented under `note:` / `pair:` (no YAML is parsed, so 100,000 notes
convert in seconds and nothing is reinterpreted); the staff roster becomes `data/staff.yaml`
(id -> name) for the templates. `write_theme(site, ...)` copies the minimal layouts in
`benchmarks/hugo/` and writes the configuration; it is cheap and runs every time.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import yaml

THEME = Path(__file__).resolve().parent / "hugo"
NOTE_DATE = re.compile(r"^date: (\S+)$", re.M)
PAIR_TITLE = re.compile(r'^(mentor|mentee): \{id: [^,]+, name: "([^"]+)"', re.M)

CONFIG = """\
baseURL = "/"
title = "Harborview Mentoring Partnership (Hugo)"
languageCode = "en"
relativeURLs = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
enableRobotsTXT = false

[markup.goldmark.renderer]
unsafe = false

[params]
indexPairPages = {index_pairs}
"""


def _front(title: str, key: str, yaml_text: str, extra: str = "") -> str:
    nested = "".join(f"  {line}\n" if line else "\n" for line in yaml_text.splitlines())
    return f"---\ntitle: {json.dumps(title)}\n{extra}{key}:\n{nested}---\n"


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def write_theme(site: Path, *, index_pair_pages: bool) -> None:
    """Layouts, static files and config.toml (Pagefind indexes note pages, or pair pages too)."""
    for sub in ("layouts", "static"):
        shutil.rmtree(site / sub, ignore_errors=True)
        shutil.copytree(THEME / sub, site / sub)
    _write(site / "config.toml", CONFIG.format(index_pairs=str(index_pair_pages).lower()))


def write_content(program: Path, site: Path) -> int:
    """Write `site/content` and `site/data` from the program; returns the number of pages."""
    content = site / "content"
    shutil.rmtree(content, ignore_errors=True)
    (site / "data").mkdir(parents=True, exist_ok=True)
    staff = yaml.safe_load((program / "data" / "staff.yaml").read_text(encoding="utf-8"))
    _write(
        site / "data" / "staff.yaml",
        yaml.safe_dump({s["id"]: s["name"] for s in staff}, allow_unicode=True),
    )
    (content / "pairs").mkdir(parents=True)
    _write(content / "_index.md", "---\ntitle: Home\n---\n")
    _write(content / "pairs" / "_index.md", "---\ntitle: Pairs\n---\n")
    pages = 2
    for pair_file in sorted((program / "data" / "pairs").glob("*.yaml")):
        pair_yaml = pair_file.read_text(encoding="utf-8")
        names = dict(PAIR_TITLE.findall(pair_yaml))
        title = f"Pair {pair_file.stem}: {names.get('mentee', '?')} & {names.get('mentor', '?')}"
        folder = content / "pairs" / pair_file.stem
        folder.mkdir()
        _write(folder / "_index.md", _front(title, "pair", pair_yaml, "layout: pair\n"))
        pages += 1
        for note in sorted((program / "data" / "notes" / pair_file.stem).glob("*.md")):
            pages += _write_note(note, folder / note.name)
    return pages


def _write_note(source: Path, target: Path) -> int:
    text = source.read_text(encoding="utf-8")
    end = text.find("\n---\n", 3)
    if not text.startswith("---\n") or end < 0:
        return 0
    front, body = text[4 : end + 1], text[end + 5 :]
    found = NOTE_DATE.search(front)
    if found is None:
        return 0
    title = f"{found[1]} {source.stem[11:].replace('-', ' ')}"
    _write(target, _front(title, "note", front, f"date: {found[1]}\n") + body)
    return 1
