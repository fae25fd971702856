"""A note's body: DAP sections, and every word either published or the note refused."""

from __future__ import annotations

import pytest

from notesite import markdown
from notesite.commands.new_note import PROMPTS
from notesite.load.notefile import Split, sections
from notesite.validate.note_body import check_body

DAP = "## Data\nThe mentor called.\n\n## Assessment\nAll is well.\n\n## Plan\nCall again.\n"


def problems(body: str, *, inline: bool = False) -> list[tuple[int | None, str, str]]:
    """(line, code, message + hint) of the body's problems; the body starts on line 11."""
    parsed = markdown.parse_note(body, inline=inline)
    split = Split(front="", front_line=2, body=body, body_line=11)
    found = check_body("n.md", split, parsed, sections(parsed.tokens, 11))
    return [(d.line, d.code, f"{d.message} {d.hint}") for d in found]


def codes(body: str) -> list[tuple[int | None, str]]:
    return [(line, code) for line, code, _ in problems(body)]


def test_a_plain_note_has_no_problem() -> None:
    assert problems(DAP) == []


@pytest.mark.parametrize("depth", [10, 20, 40, 59])
def test_quotes_nested_deep_are_still_published(depth: int) -> None:
    body = DAP.replace("The mentor called.", ">" * depth + " The school wrote.\n\nThen more.")
    assert codes(body) == []
    page = markdown.render(markdown.parse(body))
    assert "The school wrote." in page and "Then more." in page and "Call again." in page


@pytest.mark.parametrize("depth", [60, 61, 200, 5000])
def test_quotes_nested_deeper_refuse_the_note_at_that_line(depth: int) -> None:
    body = DAP.replace("The mentor called.", "Intro.\n" + ">" * depth + " The school wrote.")
    assert codes(body) == [(13, "NS411")]
    assert "The school wrote." not in markdown.render(markdown.parse(body))  # why it is refused


def test_lists_nested_deep_are_published_up_to_the_limit() -> None:
    items = "".join("  " * i + f"- step{i}\n" for i in range(25))
    body = DAP.replace("The mentor called.", items)
    assert codes(body) == []
    assert "step24" in markdown.render(markdown.parse(body))


def test_lists_nested_deeper_refuse_the_note_and_hide_no_headings() -> None:
    items = "".join("  " * i + f"- step{i}\n" for i in range(40))
    body = DAP.replace("The mentor called.", items)
    # step29's content would be nested 60 deep; its line is 12 + 29. The headings after the
    # list are dropped by the parser too, but they are in the file: not "missing".
    assert codes(body) == [(41, "NS411")]


def test_validate_and_the_page_see_the_same_document() -> None:
    items = "".join("  " * i + f"- step{i}\n" for i in range(40))
    body = DAP.replace("The mentor called.", items)
    assert problems(body, inline=True) == problems(body, inline=False)


def test_an_untouched_template_prompt_is_hidden_as_meant() -> None:
    body = DAP.replace("The mentor called.", f"[//]: # ({PROMPTS['data']})\nThe mentor called.")
    assert codes(body) == []
    assert "observed" not in markdown.render(markdown.parse(body))


def test_text_after_a_prompt_on_its_line_is_an_error_at_that_line() -> None:
    body = DAP.replace("The mentor called.", f"[//]: # ({PROMPTS['data']}) The mentor called.")
    [(line, code, said)] = problems(body)
    assert (line, code) == (12, "NS412") and "text after its template prompt" in said
    assert "own" in said


def test_a_prompt_stuck_to_a_paragraph_is_an_error_at_the_prompt() -> None:
    body = DAP.replace("Call again.", f"Call again.\n[//]: # ({PROMPTS['plan']})")
    [(line, code, said)] = problems(body)
    assert (line, code) == (19, "NS412") and "joined to other text" in said


def test_text_written_inside_a_prompt_is_an_error_at_its_line() -> None:
    body = DAP.replace("The mentor called.", "Intro.\n\n[//]: # (The mentor called on Monday.)")
    [(line, code, said)] = problems(body)
    assert (line, code) == (14, "NS412") and "inside a template prompt" in said


def test_a_second_prompt_with_the_same_label_is_seen_too() -> None:
    body = DAP.replace("All is well.", "All is well.\n\n[//]: # (private: call the school)")
    body = body.replace("Call again.", "Call again.\n\n[//]: # (and the mentor)")
    assert codes(body) == [(17, "NS412"), (22, "NS412")]


def test_link_definitions_no_link_uses_are_hidden_text() -> None:
    used = DAP.replace("The mentor called.", "See [the mail][Inbox].\n\n[inbox]: https://x.example")
    assert codes(used) == []
    unused = DAP.replace("The mentor called.", "Intro.\n\n[note]: # 'Dana missed two sessions'")
    [(line, code, said)] = problems(unused)
    assert (line, code) == (14, "NS412") and "[note]" in said


def test_table_cells_beyond_the_first_row_are_hidden_text() -> None:
    table = "| day | what |\n|---|---|\n| Mon | call |\n| Tue | visit | extra words |\n"
    body = DAP.replace("The mentor called.", table)
    assert codes(body) == [(15, "NS412")]
    assert "extra" not in markdown.render(markdown.parse(body))  # why
    short = "| day | what |\n|---|---|\n| Mon |\n| Tue | x \\| y |\n| Wed | z | |\n"
    assert codes(DAP.replace("The mentor called.", short)) == []


def test_words_after_a_code_fence_language_are_hidden_text() -> None:
    assert codes(DAP.replace("The mentor called.", "```text\nlog\n```")) == []
    body = DAP.replace("The mentor called.", "```text from the school\nlog\n```")
    assert codes(body) == [(12, "NS412")]


def test_a_misspelt_heading_is_reported_where_it_is_with_a_did_you_mean() -> None:
    body = DAP.replace("## Assessment", "## Assesment").replace("## Plan", "## plans:")
    assert problems(body) == [
        (
            14,
            "NS400",
            "the `## Assessment` section is missing: this heading says `## Assesment` "
            "did you mean `## Assessment`?",
        ),
        (
            17,
            "NS400",
            "the `## Plan` section is missing: this heading says `## plans:` "
            "did you mean `## Plan`?",
        ),
    ]


def test_an_unrelated_heading_is_not_taken_for_a_misspelling() -> None:
    body = DAP.replace("## Assessment", "## Next steps")
    assert problems(body)[0][:2] == (11, "NS400")  # "missing", at the top of the body
    assert "did you mean" not in problems(body)[0][2]


def test_a_misspelt_heading_of_another_level_is_found_too() -> None:
    body = DAP.replace("## Data", "### Dta")
    assert codes(body) == [(11, "NS400")]
    assert "did you mean `## Data`?" in problems(body)[0][2]
