"""`notesite init`: a ready-to-use notes repository for a new program.

It writes the settings (every one spelled out with its default), one valid example of each
data file, the editor schemas, the CI workflow, the pre-commit configuration, Dependabot's
configuration, the hash-checked requirements and a README for PMs. The examples are dated
relative to "today", so they validate with no diagnostics and build a site on the day they
are made. Templates are the files in `init_files/`; a `@NAME@` in them is replaced by the
value of NAME below.

The repository installs exactly the notesite it was made with: notesite's dependencies from
`requirements.txt` (versions and hashes from notesite's own uv.lock) and notesite itself
from its git source at one 40-hex commit, never a bare package name that anyone could
register on the index.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from notesite import __version__
from notesite.commands.schema import schema_files
from notesite.errors import UsageProblem
from notesite.safewrite import write_files
from notesite.settings import Settings

# Actions the workflow uses, pinned by commit on their current major versions (the tag in
# the comment is what Dependabot reads to propose the next one).
ACTIONS = {
    "CHECKOUT": ("3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"),
    "SETUP_PYTHON": ("5fda3b95a4ea91299a34e894583c3862153e4b97", "v7.0.0"),
    "CACHE": ("27d5ce7f107fe9357f9df03efb73ab90386fccae", "v5.0.5"),
    "UPLOAD_ARTIFACT": ("bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", "v7.0.0"),
    "DOWNLOAD_ARTIFACT": ("3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", "v8.0.1"),
    "UPLOAD_PAGES_ARTIFACT": ("fc324d3547104276b827a68afc52ff2a11cc49c9", "v5.0.0"),
    "DEPLOY_PAGES": ("cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", "v5.0.0"),
}
WRANGLER = "4.164.0"  # Cloudflare's deploy tool, run with npx at this exact version
# Where the site is published, if anywhere (docs/deploy.md explains each); the default keeps
# it as a private workflow artifact only.
DEPLOYS = ("none", "github-pages", "cloudflare-pages")

# (path in the new repository, template in init_files/); paths may hold @NAME@ too.
FILES: tuple[tuple[str, str], ...] = (
    ("README.md", "README.md"),
    (".gitignore", "gitignore"),
    ("notesite.yaml", "notesite.yaml"),
    ("data/staff.yaml", "staff.yaml"),
    ("data/pairs/p-0001.yaml", "pair.yaml"),
    ("data/notes/p-0001/@NOTE_DATE@-support.md", "note.md"),
    ("data/ratings/@YEAR@/pm-jrivera.yaml", "rating.yaml"),
    ("data/focus/pm-jrivera/@FOCUS_DATE@.yaml", "focus.yaml"),
    ("data/participation/@YEAR@.csv", "participation.csv"),
    ("data/calendar/@YEAR@.yaml", "calendar.yaml"),
    ("requirements.txt", "requirements.txt"),
    (".github/workflows/notesite.yml", "workflow.yml"),
    (".github/dependabot.yml", "dependabot.yml"),
    (".pre-commit-config.yaml", "pre-commit-config.yaml"),
    (".vscode/settings.json", "vscode-settings.json"),
    (".vscode/extensions.json", "vscode-extensions.json"),
)
SCHEMAS = "schemas"
_TOKEN = re.compile(r"@([A-Z][A-Z0-9_]*)@")
IGNORED = frozenset({".git"})  # a fresh `git clone` of an empty repository is still empty


_COMMIT = re.compile(r"^[0-9a-f]{40}$")


class InitError(UsageProblem):
    """The repository cannot be created there, or notesite's source cannot be pinned."""


@dataclass(frozen=True)
class Source:
    """Where the notes repository installs notesite from: a git repository at one commit."""

    url: str  # anything `git clone` and pip's `git+` accept: https://…, ssh://…, file://…
    commit: str  # 40 hex digits

    @property
    def requirement(self) -> str:
        return f"git+{self.url}@{self.commit}"


def resolve_source(given: str | None) -> Source:
    """`--source URL[@COMMIT]`, completed from this installation of notesite where it can be.

    A local clone's folder stands for itself at its checked-out commit; a URL without a
    commit takes the commit this notesite was installed from (pip's record of a git install,
    or the checkout an editable install runs from).
    """
    if given:
        url, _, commit = given.rpartition("@") if _COMMIT.match(given[-40:]) else (given, "", "")
        if commit:
            return Source(_url(url), commit)
        if Path(given).is_dir():
            return Source(_url(given), _head(Path(given)))
    installed = _installed_source()
    if installed is None:
        raise InitError(
            "cannot tell which notesite commit to pin: pass --source with where your "
            "organisation keeps notesite and the commit, e.g. --source "
            "https://github.com/your-org/notesite@<40-hex commit>, or a local clone's folder"
        )
    return Source(_url(given), installed.commit) if given else installed


def _url(where: str) -> str:
    """A URL for pip's `git+` and pre-commit: local folders become absolute file:// URLs."""
    if "://" in where or where.startswith("git@"):
        return where
    return Path(where).resolve().as_uri()


def _head(folder: Path) -> str:
    import subprocess

    try:
        done = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        raise InitError(f"{folder} is not a git clone of notesite with a commit") from None
    return done.stdout.strip()


def _installed_source() -> Source | None:
    """The git source this notesite was installed from, per PEP 610's direct_url.json."""
    import json
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        raw = distribution("notesite").read_text("direct_url.json")
        record = json.loads(raw) if raw else {}
    except (PackageNotFoundError, ValueError):
        return None
    url = str(record.get("url", ""))
    commit = str(record.get("vcs_info", {}).get("commit_id", ""))
    if commit and _COMMIT.match(commit):
        return Source(url, commit)
    if record.get("dir_info", {}).get("editable") and url.startswith("file://"):
        folder = Path(url.removeprefix("file://"))
        try:
            return Source(url, _head(folder))
        except InitError:
            return None
    return None


def local_zone() -> str | None:
    """The machine's IANA zone name (TZ, else /etc/localtime's target), if it has one."""
    from zoneinfo import ZoneInfo

    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(os.readlink("/etc/localtime").partition("zoneinfo/")[2])
    for name in candidates:
        try:
            if name:
                ZoneInfo(name)
                return name
        except (ValueError, KeyError, OSError):
            continue
    return None


@dataclass(frozen=True)
class Created:
    root: Path
    files: tuple[Path, ...]  # every file written, sorted


def values(
    today: date, settings: Settings, source: Source, zone: str, deploy: str
) -> dict[str, str]:
    """What each @NAME@ stands for: example dates a few days or weeks before `today`, the
    pinned source, and the workflow's pieces."""

    def ago(days: int) -> str:
        return (today - timedelta(days=days)).isoformat()

    return {
        "MATCHED_ON": ago(60),
        "NOTE_DATE": ago(7),
        "LOGGED": ago(6),
        "FOCUS_DATE": ago(9),
        "NEXT_CHECK_IN": ago(2),
        "YEAR": settings.year_of(today),
        "RATED_ON": today.isoformat(),
        "WEEK1": ago(21),
        "WEEK2": ago(14),
        "WEEK3": ago(7),
        **calendar_values(today, settings),
        "VERSION": __version__,
        "SOURCE": source.url,
        "COMMIT": source.commit,
        "NOTESITE_SOURCE": source.requirement,
        "TIMEZONE": zone,
        "TIMEZONE_SETTING": f'"{zone}"',
        "WRANGLER": WRANGLER,
        "DEPLOY_SUMMARY": _DEPLOY_SUMMARY[deploy],
        **{name: f"{sha}  # {tag}" for name, (sha, tag) in ACTIONS.items()},
    }


def calendar_values(today: date, settings: Settings) -> dict[str, str]:
    """The example calendar: weekly on today's weekday (so the example participation weeks,
    7, 14 and 21 days ago, are class days) for the whole program year, with one day off
    that is a class day but not one of those weeks: the first from December 20 on."""
    from notesite.class_calendar import WEEKDAYS

    year = settings.year_of(today)
    start, end = settings.year_start(year), settings.year_end(year)
    first = start + timedelta(days=(today.weekday() - start.weekday()) % 7)
    weeks = {today - timedelta(days=n) for n in (7, 14, 21)}
    days = [first + timedelta(days=7 * k) for k in range((end - first).days // 7 + 1)]
    free = [d for d in days if d not in weeks]
    off = next((d for d in free if d >= settings.in_year(year, "12-20")), free[-1])
    return {
        "CAL_WEEKLY": WEEKDAYS[today.weekday()],
        "CAL_FROM": start.isoformat(),
        "CAL_TO": end.isoformat(),
        "CAL_EXCEPT": off.isoformat(),
    }


_DEPLOY_SUMMARY = {
    "none": "",
    "github-pages": "\n# Then the `deploy` job publishes it with GitHub Pages, private to the "
    "organisation.",
    "cloudflare-pages": "\n# Then the `deploy` job publishes it to Cloudflare Pages behind "
    "Cloudflare Access.",
}


def workflow(names: dict[str, str], deploy: str) -> str:
    """The workflow: its jobs, each starting with the privacy guard, and the deploy job."""
    pieces = {  # the deploy job first: it holds a guard too
        "DEPLOY_JOBS": template(f"deploy-{deploy}.yml").rstrip("\n") if deploy != "none" else "",
        "GUARD": template("workflow-guard.yml").rstrip("\n"),
        "INSTALL": template("workflow-install.yml").rstrip("\n"),
    }
    text = template("workflow.yml")
    for name, piece in pieces.items():
        text = text.replace(f"@{name}@", piece)
    return fill(text, names).rstrip("\n") + "\n"


def fill(text: str, names: dict[str, str]) -> str:
    """`text` with each @NAME@ replaced; a name without a value is a bug in a template."""
    return _TOKEN.sub(lambda m: names[m.group(1)], text)


def template(name: str) -> str:
    return resources.files("notesite").joinpath("init_files", name).read_text(encoding="utf-8")


def check_target(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise InitError(f"{target} is a file; choose a new or empty folder")
    if target.is_dir():
        present = sorted(p.name for p in target.iterdir() if p.name not in IGNORED)
        if present:
            shown = ", ".join(present[:5]) + (", …" if len(present) > 5 else "")
            raise InitError(
                f"{target} is not empty (it holds {shown}); choose a new or empty folder, "
                "so nothing of yours is overwritten"
            )


def init_repository(
    target: Path,
    today: date,
    *,
    source: Source,
    zone: str | None = None,
    deploy: str = "none",
) -> Created:
    """Write a new notes repository into `target`, which must be missing or empty.

    `zone` is the program's time zone (default: the machine's, else UTC); `deploy` one of
    DEPLOYS. Every file is created then renamed and never replaces one (nor writes through
    a link).
    """
    if deploy not in DEPLOYS:
        raise InitError(f"--deploy must be one of {', '.join(DEPLOYS)}, not {deploy!r}")
    check_target(target)
    zone = zone or local_zone() or "UTC"
    settings = Settings(timezone=zone)  # the template's notesite.yaml spells out exactly these
    names = values(today, settings, source, zone, deploy)
    files = {
        fill(rel, names): (
            workflow(names, deploy) if name == "workflow.yml" else fill(template(name), names)
        ).encode()
        for rel, name in FILES
    }
    files |= {f"{SCHEMAS}/{name}": data for name, data in schema_files(settings).items()}
    # replace=False: all or nothing; a stopped init (Ctrl+C, SIGTERM, disk full) leaves the
    # folder as it was, so it can be run again.
    return Created(target, tuple(sorted(write_files(target, files, replace=False))))
