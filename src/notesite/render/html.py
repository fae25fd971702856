"""Pages to bytes: the Jinja environment, its named filters, and rendering on every core.

Templates are package data (`notesite/render/templates/`), found one way: through
`importlib.resources`, so a wheel, an editable install and a source checkout read the same
files. Autoescape and StrictUndefined are on: a missing value fails the build instead of
printing "". Templates format what they are given (dates, plurals, 2-decimal numbers); every
number and status they print was computed in `derive/`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable

import jinja2
from markupsafe import Markup

from notesite import text, workers
from notesite.derive.measures import round2
from notesite.models import Pair

TEMPLATES: Traversable = resources.files("notesite.render") / "templates"
PARALLEL_MIN_PAGES = 200  # below this, starting workers costs more than it saves


@dataclass(frozen=True)
class Page:
    """One page to render: its template and the prepared values it shows (picklable)."""

    path: str  # POSIX path inside the site, e.g. "pairs/p-0001.html"
    template: str
    title: str
    context: Mapping[str, object] = field(default_factory=dict)
    section: str = ""  # which navigation entry is current

    @property
    def root(self) -> str:
        """The relative prefix back to the site root: the site works from disk, under any path."""
        return "../" * self.path.count("/")


# --- Filters: formatting only -------------------------------------------------------------


def num(value: float) -> str:
    """Two decimals, rounded half-up like the JSON."""
    return f"{round2(value):.2f}"


def bdi(name: str) -> Markup:
    """A person's name isolated from the text around it, so an Arabic or Hebrew name cannot
    reorder the words of a title or a sentence."""
    return Markup("<bdi>%s</bdi>") % name


def names(pair: Pair) -> Markup:
    """`Mentee & Mentor`, each name isolated (`text.pair_names` in HTML)."""
    return bdi(pair.mentee.name) + Markup(" &amp; ") + bdi(pair.mentor.name)


FILTERS: dict[str, Callable[..., str]] = {
    "longdate": text.longdate,
    "shortdate": text.shortdate,
    "num": num,
    "slug": text.slug,
    "school_key": text.school_key,
    "names": names,
    "bdi": bdi,
}
GLOBALS: dict[str, Callable[..., str]] = {"plural": text.plural, "noun": text.noun}


class _Loader(jinja2.BaseLoader):
    """Templates read from a folder of package data (any `Traversable`)."""

    def __init__(self, folder: Traversable) -> None:
        self.folder = folder

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool]]:
        file = self.folder.joinpath(*template.split("/"))
        if not file.is_file():
            raise jinja2.TemplateNotFound(template)
        return file.read_text(encoding="utf-8"), str(file), lambda: True


_environments: dict[str, jinja2.Environment] = {}  # compiled templates, by folder


def environment(folder: Traversable = TEMPLATES) -> jinja2.Environment:
    """The Jinja environment of a templates folder (made once: it caches compiled templates)."""
    key = str(folder)
    if key not in _environments:
        _environments[key] = _new_environment(folder)
    return _environments[key]


def _new_environment(folder: Traversable) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=_Loader(folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS)
    return env


def assets(folder: Traversable = TEMPLATES) -> dict[str, bytes]:
    """The static files (CSS, scripts, icon) by site path."""
    found = folder / "assets"
    return {
        f"assets/{a.name}": a.read_bytes()
        for a in sorted(found.iterdir(), key=lambda a: a.name)
        if a.is_file()
    }


def render_page(page: Page, common: Mapping[str, object], folder: Traversable = TEMPLATES) -> bytes:
    template = environment(folder).get_template(page.template)
    return template.render(**common, **page.context, page=page, root=page.root).encode("utf-8")


# --- On every core -------------------------------------------------------------------------


@dataclass(frozen=True)
class RenderJob:
    """What each worker renders with: given once to every worker (see `workers`)."""

    common: Mapping[str, object]
    folder: Traversable
    pages: tuple[Page, ...] = ()  # every page, when workers inherit the job (fork)


Chunk = range | tuple[Page, ...]  # pages by position in the job's, or the pages themselves
_job: RenderJob | None = None  # in a worker process: its job, set by _start


def _start(job: RenderJob) -> None:
    global _job
    _job = job
    environment(job.folder)  # compile the templates once per worker


def _render_chunk(chunk: Chunk) -> list[tuple[str, bytes]]:
    assert _job is not None  # set by _start when the worker starts
    job = _job
    pages = [job.pages[i] for i in chunk] if isinstance(chunk, range) else chunk
    return [(p.path, render_page(p, job.common, job.folder)) for p in pages]


def render_pages(
    pages: Sequence[Page],
    common: Mapping[str, object],
    folder: Traversable = TEMPLATES,
    jobs: int | None = None,
) -> dict[str, bytes]:
    """Render pages, on every core when there are many (a pair page per pair adds up);
    only the finished bytes travel back, and the result is the same on any number of cores.

    Forked workers inherit the pages and get ranges of them; otherwise each worker is sent
    its share of the pages, so that each page's values are pickled once.
    """
    method = workers.start_method()
    count = workers.plan(jobs, len(pages), PARALLEL_MIN_PAGES, method, heavy_job=True)
    if count < 2:
        return {p.path: render_page(p, common, folder) for p in pages}
    chunks: list[Chunk]
    if workers.inherits(method):
        job = RenderJob(common, folder, tuple(pages))
        size = -(-len(pages) // (count * 4))
        chunks = [range(i, min(len(pages), i + size)) for i in range(0, len(pages), size)]
    else:
        job = RenderJob(common, folder)
        size = -(-len(pages) // count)
        chunks = [tuple(pages[i : i + size]) for i in range(0, len(pages), size)]
    done = workers.run(_render_chunk, chunks, workers=count, start=_start, job=job, method=method)
    return dict(item for chunk in done for item in chunk)
