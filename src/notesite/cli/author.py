"""Commands that write files for people: `new note`, `init`, `schema`, `demo`."""

from __future__ import annotations

import os
import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from notesite.cli.common import (
    PROMPT_CHOICES,
    ROOT,
    TODAY,
    Commands,
    check_root,
    echo,
    echo_diagnostics,
    find_repository,
    parse_date,
    refuse_inside_data,
    rel,
    resolve_today,
    settings_of,
)

if TYPE_CHECKING:
    from notesite.models import Pair
    from notesite.settings import Settings


@click.group(cls=Commands)
def new() -> None:
    """Create files from templates."""


@new.command("note")
@click.argument("pairs", nargs=-1, metavar="[PAIR]...")
@click.option(
    "--type", "note_type", default=None, help="The note type, e.g. mentor-call (asked if missing)."
)
@click.option(
    "--date", "day", metavar="YYYY-MM-DD", default=None, help="The support date (default: today)."
)
@click.option("--author", default=None, help="Staff id of the author (default: the pair's PM).")
@click.option(
    "--tags",
    metavar="TAG,...",
    default=None,
    help="Category tags, comma-separated (default: the type's usual tag; asked if missing).",
)
@click.option(
    "--interactive/--no-interactive",
    default=None,
    help="Ask for a missing PAIR, type and tags (default: when run in a terminal).",
)
@ROOT
@TODAY
def new_note(
    pairs: tuple[str, ...],
    note_type: str | None,
    day: str | None,
    author: str | None,
    tags: str | None,
    interactive: bool | None,
    root: Path | None,
    today: str | None,
) -> None:
    """Write a new note for each PAIR from the DAP template of its type and print its path.

    Several PAIRs get one note each (support given to a group). In a terminal, a missing
    PAIR or --type is asked for, and then the tags.
    """
    from notesite.commands.new_note import check_request
    from notesite.commands.new_note import new_note as scaffold_note

    root = check_root(root)
    now = resolve_today(today, root)
    settings, problems = settings_of(root)
    if problems:  # the note types and tags come from notesite.yaml: not from the defaults
        echo_diagnostics(problems)
        raise click.ClickException("fix notesite.yaml first; no note was written")
    tag_slugs = _tags_option(tags, settings) if tags is not None else ()
    if author is not None:
        _check_author(root, author)
    support_day = parse_date(day, "--date") if day else now
    prompting = not pairs or note_type is None
    if prompting and not (sys.stdin.isatty() if interactive is None else interactive):
        wanted = (("PAIR", not pairs), ("--type", note_type is None))
        missing = " and ".join(word for word, gone in wanted if gone)
        raise click.UsageError(
            f"missing {missing}: write, for example, `notesite new note p-0001 --type "
            "support` (in a terminal, notesite asks for what is missing)"
        )
    records = [_pair_of(root, pid, now) for pid in dict.fromkeys(pairs)]
    if not records:
        records = [_pair_of(root, _ask_pair(root), now)]
    if note_type is None:
        note_type = _ask_one("Note type", sorted(settings.types), "note type")
    if prompting and not tag_slugs:
        tag_slugs = _ask_tags(note_type, settings)
    for pair in records:  # check every pair before writing any note
        check_request(pair, note_type, support_day, now, settings)
    for pair in records:
        created = scaffold_note(
            root, pair, note_type, author or pair.pm, support_day, now, settings, tag_slugs
        )
        echo(rel(created.path), line=True)


def _pair_of(root: Path, pair: str, now: date) -> Pair:
    """The pair's record, or a usage error naming the closest pair id."""
    from notesite.diagnostics import did_you_mean
    from notesite.load.files import Kind, SourceFile
    from notesite.models import ID_PATTERN
    from notesite.validate.records import load_pair

    pair_file = root / "data" / "pairs" / f"{pair}.yaml"
    if not re.match(ID_PATTERN, pair) or not pair_file.is_file():
        hint = did_you_mean(pair, _pair_ids(root))
        message = f"no pair `{pair}` (no data/pairs/{pair}.yaml)" + (f"; {hint}" if hint else "")
        raise click.BadParameter(message, param_hint="PAIR")
    rec, found = load_pair(root, SourceFile(Kind.PAIR, f"data/pairs/{pair}.yaml", (pair,)), now)
    if rec is None:
        echo_diagnostics(found)
        raise click.ClickException(f"fix data/pairs/{pair}.yaml first")
    return rec.item


def _check_author(root: Path, author: str) -> None:
    """A usage error unless `author` is the id of someone on the staff roster: the note
    would not validate, and the value is written into its front matter as typed."""
    from notesite.diagnostics import did_you_mean
    from notesite.load.files import Kind, SourceFile
    from notesite.validate.records import load_staff

    staff, _, _ = load_staff(root, SourceFile(Kind.STAFF, "data/staff.yaml", ()))
    ids = sorted(s.item.id for s in staff)
    if author not in ids:
        hint = did_you_mean(author, ids) or (
            "the staff ids are: " + ", ".join(ids) if 0 < len(ids) <= PROMPT_CHOICES else ""
        )
        raise click.BadParameter(
            f"no one on the staff roster (data/staff.yaml) has the id `{author}`"
            + (f"; {hint}" if hint else "; add them to data/staff.yaml first"),
            param_hint="--author",
        )


def _pair_ids(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "data" / "pairs").glob("*.yaml"))


def _tags_option(value: str, settings: Settings) -> tuple[str, ...]:
    from notesite.commands.new_note import ScaffoldError, parse_tags

    try:
        return parse_tags(value, settings)
    except ScaffoldError as exc:  # a parameter callback answers click in click's terms
        raise click.BadParameter(str(exc), param_hint="--tags") from None


def _ask_one(label: str, choices: list[str], what: str) -> str:
    """Ask until the answer is one of `choices` (listed when few), hinting at typos."""
    from notesite.diagnostics import did_you_mean

    if not choices:
        raise click.UsageError(f"there is no {what} to choose from yet")

    def check(value: str) -> str:
        value = value.strip()
        if value in choices:
            return value
        hint = did_you_mean(value, choices)
        raise click.UsageError(f"`{value}` is not a {what}" + (f"; {hint}" if hint else ""))

    return str(
        click.prompt(
            label,
            type=click.Choice(choices),
            show_choices=len(choices) <= PROMPT_CHOICES,
            value_proc=check,
        )
    )


def _ask_pair(root: Path) -> str:
    ids = _pair_ids(root)
    label = "Pair" if len(ids) <= PROMPT_CHOICES else f"Pair (e.g. {ids[0]})"
    return _ask_one(label, ids, "pair in data/pairs/")


def _ask_tags(note_type: str, settings: Settings) -> tuple[str, ...]:
    from notesite.commands.new_note import ScaffoldError, default_tags, parse_tags

    def check(value: str) -> tuple[str, ...]:
        try:
            return parse_tags(value, settings)
        except ScaffoldError as exc:  # click.prompt asks again on a UsageError
            raise click.UsageError(str(exc)) from None

    default = default_tags(note_type, settings)
    try:
        parse_tags(default, settings)
    except ScaffoldError:
        default = ""  # the program renamed the usual tag: no default then
    echo("Category tags: " + ", ".join(settings.tag_labels), line=True)
    answer: tuple[str, ...] = click.prompt(
        "Tags (1 to 5, separated by commas)", default=default or None, value_proc=check
    )
    return answer


@click.command()
@ROOT
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write the *.schema.json files into (default: schemas/ in the repository, "
    "else in the current folder).",
)
def schema(root: Path | None, out: Path | None) -> None:
    """Write JSON Schemas of every file format, for editors (YAML language server).

    They follow the repository's notesite.yaml (its tags, types and rubric); outside a
    repository, the default settings.
    """
    from notesite.commands.schema import write_schemas
    from notesite.settings import Settings

    found = check_root(root) if root is not None else find_repository(Path.cwd())
    if out is None:  # beside data/, where the editor settings `init` writes look for them
        out = Path(os.path.relpath(found / "schemas")) if found is not None else Path("schemas")
    refuse_inside_data(found, out, "the schemas")
    settings, problems = settings_of(found) if found is not None else (Settings(), [])
    if problems:
        echo_diagnostics(problems)
        sys.exit(1)
    for path in write_schemas(out, settings):
        echo(str(path), line=True)


@click.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--pairs",
    type=click.IntRange(1, 9999),
    default=48,
    show_default=True,
    help="How many pairs to generate.",
)
@click.option("--seed", type=int, default=7, show_default=True, help="Random seed.")
@click.option(
    "--notes-per-pair",
    type=click.FloatRange(0.5, 500),
    default=None,
    help="Average notes per pair (default about 10).",
)
@TODAY
def demo(out: Path, pairs: int, seed: int, notes_per_pair: float | None, today: str | None) -> None:
    """Generate a fictional program into OUT (the committed demo, or a large one to benchmark)."""
    from notesite.demo import generate

    now = resolve_today(today) if today else date(2026, 11, 22)
    try:
        result = generate(out, pairs=pairs, seed=seed, today=now, notes_per_pair=notes_per_pair)
    except FileExistsError:
        raise click.UsageError(f"{out}/data already exists; choose an empty folder") from None
    echo(f"Generated {result.pairs} pairs and {result.notes} notes in {out}", line=True)


@click.command()
@click.argument("dir", type=click.Path(path_type=Path))
@click.option(
    "--source",
    metavar="URL[@COMMIT]",
    default=None,
    help="Where your organisation keeps notesite's git repository, optionally with the "
    "40-hex commit to pin (default: the source and commit this notesite was installed "
    "from). A local clone's folder pins its checked-out commit.",
)
@click.option(
    "--timezone",
    "zone",
    metavar="ZONE",
    default=None,
    help="The program's IANA time zone, e.g. America/New_York (default: this machine's).",
)
@click.option(
    "--deploy",
    type=click.Choice(["none", "github-pages", "cloudflare-pages"]),
    default="none",
    show_default=True,
    help="Also publish the site privately (docs/deploy.md): GitHub Pages with private "
    "visibility, or Cloudflare Pages behind Cloudflare Access.",
)
@TODAY
def init(dir: Path, source: str | None, zone: str | None, deploy: str, today: str | None) -> None:
    """Create a notes repository for a new program in DIR (a new or empty folder).

    It holds the settings, one example of every file, editor schemas, a GitHub Actions
    workflow that installs this notesite pinned by commit with hash-checked dependencies,
    Dependabot and pre-commit configurations and a README for PMs.
    """
    from notesite.commands.init import init_repository, resolve_source
    from notesite.settings import Settings

    refuse_inside_data(find_repository(dir.absolute().parent), dir, "its files", "DIR")

    if zone is not None:
        try:
            Settings(timezone=zone)
        except ValueError as exc:
            raise click.BadParameter(_first_error(exc), param_hint="--timezone") from None
    pinned = resolve_source(source)
    created = init_repository(
        dir, resolve_today(today, zone=zone), source=pinned, zone=zone, deploy=deploy
    )
    for path in created.files:
        echo(path.relative_to(dir).as_posix(), line=True)
    echo(f"Created a notes repository in {dir}: {len(created.files)} files.", line=True)
    echo(
        f"Next: read {dir / 'README.md'}, replace the examples with your program, "
        f"and check it with `notesite validate --root {dir}`.",
        line=True,
    )


def _first_error(exc: ValueError) -> str:
    """A pydantic error's own sentence, without its wrapping."""
    errors = getattr(exc, "errors", None)
    if callable(errors):
        ctx = errors()[0].get("ctx") or {}
        return str(ctx.get("error", exc))
    return str(exc)
