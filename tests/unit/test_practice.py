"""SPEC §14 PM practice at its edges: NS820 (a safety note?), NS821 (focus cadence), NS822
(follow-up before the meeting), handed-over pairs. Today is 2026-11-22 unless a test says."""

from __future__ import annotations

from datetime import date

import pytest

from notesite.derive import practice
from notesite.settings import DEFAULT_REVIEW_PHRASES, Settings

D = date.fromisoformat
TODAY = D("2026-11-22")
DEFAULTS = Settings()


# --- NS820: phrases ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Dana said a friend talked about self-harm.",
        "Dana mentioned SUICIDE in a poem for class.",
        "She said she does not feel safe at home right now.",
        "He said he thought about hurting himself last week.",
        "The mentor reported that Dana described being abused by a cousin.",
        "Dana said she was afraid to go home after the argument.",
        "The counselor called child protective services.",
        "Dana told the mentor about an overdose at a party.",
        "Thoughts of self\nharm came up in the conversation.",  # a line break inside the phrase
    ],
)
def test_the_default_phrases_find_what_a_safety_note_would_be_about(text):
    assert practice.find_phrases(text, DEFAULT_REVIEW_PHRASES) != []


@pytest.mark.parametrize(
    "text",
    [
        "Dana has been cutting class on Fridays.",
        "There was a fight over who presents the group project.",
        "Dana's feelings were hurt when the mentor was late.",
        "The health class covered drugs and alcohol this week.",
        "A police officer spoke at career day; Dana asked good questions.",
        "Her secret weapon is asking for help early.",
        "The mentor made the meetings a safe space.",
        "Dana felt depressed about the chemistry grade.",
        "The anti-abuse poster campaign won a school prize.",  # part of a longer word
        "The abusers' list is a game character name.",  # not the whole word
    ],
)
def test_the_default_phrases_leave_everyday_school_talk_alone(text):
    assert practice.find_phrases(text, DEFAULT_REVIEW_PHRASES) == []


def test_phrases_are_reported_as_the_settings_write_them_once_each_in_order():
    text = "Suicidal thoughts, then ABUSE, then suicidal again."

    found = practice.find_phrases(text, ("abuse", "suicidal"))

    assert found == [("suicidal", 0), ("abuse", 24)]  # "Suicidal thoughts, then " is 24 long


def test_no_phrases_finds_nothing():
    assert practice.find_phrases("self-harm", ()) == []
    assert practice.find_phrases("self-harm", ("  ",)) == []


# --- NS820: which notes ask "should this be a safety note?" ----------------------------------


def review(mk, *notes, settings=DEFAULTS):
    return practice.safety_review(sorted(notes, key=lambda n: n.date), settings)


def test_a_note_tagged_risky_behavior_without_a_safety_note_asks(mk):
    note = mk.note("2026-10-03", tags=("personal", "risky-behavior"))

    [r] = review(mk, note)

    assert (r.note, r.tags, r.phrases) == (note, ("risky-behavior",), ())
    assert r.words == (
        "this support note is tagged risky-behavior, and pair p-0001 has no safety note within "
        "7 days of 3 Oct 2026: should this be a safety note?"
    )


def test_a_phrase_and_a_tag_are_both_named(mk):
    note = mk.note("2026-10-03", tags=("social-services",), phrases=(("self-harm", 12),))

    [r] = review(mk, note)

    assert r.what == 'is tagged social-services and says "self-harm"'


@pytest.mark.parametrize(
    ("safety_on", "asks"),
    [
        ("2026-09-26", False),  # 7 days before
        ("2026-09-25", True),  # 8 days before
        ("2026-10-10", False),  # 7 days after
        ("2026-10-11", True),  # 8 days after
        ("2026-10-03", False),  # the same day
    ],
    ids=["7-before", "8-before", "7-after", "8-after", "same-day"],
)
def test_a_safety_note_within_7_days_either_side_answers_it(mk, safety_on, asks):
    note = mk.note("2026-10-03", tags=("risky-behavior",))
    safety = mk.note(safety_on, type="safety", severity="minor")

    assert bool(review(mk, note, safety)) is asks


@pytest.mark.parametrize("kind", ["safety", "summary"])
def test_safety_notes_and_summaries_are_not_reviewed(mk, kind):
    extra = {"severity": "minor"} if kind == "safety" else {"program_year": "2026-27"}
    note = mk.note("2026-10-03", type=kind, tags=("risky-behavior",), **extra)

    assert review(mk, note) == []


@pytest.mark.parametrize("kind", ["support", "mentor-call", "out-of-program"])
def test_other_kinds_are_reviewed(mk, kind):
    assert len(review(mk, mk.note("2026-10-03", type=kind, tags=("risky-behavior",)))) == 1


def test_review_tags_are_a_setting_and_an_unknown_one_is_an_error(mk):
    settings = Settings.model_validate({"safety": {"review_tags": ["financial"]}})
    notes = [
        mk.note("2026-10-03", tags=("risky-behavior",)),
        mk.note("2026-10-20", tags=("financial",)),
    ]

    assert [r.note.date for r in review(mk, *notes, settings=settings)] == [D("2026-10-20")]
    with pytest.raises(ValueError, match="not a category tag"):
        Settings.model_validate({"safety": {"review_tags": ["risky"]}})


def test_default_review_tags_the_vocabulary_lacks_are_left_out():
    settings = Settings.model_validate(
        {"tags": [{"slug": "risky-behavior", "label": "Risky"}, {"slug": "school", "label": "S"}]}
    )

    assert settings.review_tags == ("risky-behavior",)


def test_review_phrases_given_replace_the_default():
    settings = Settings.model_validate({"safety": {"review_phrases": ["bullied"]}})

    assert settings.safety.review_phrases == ("bullied",)
    assert practice.find_phrases("self-harm", settings.safety.review_phrases) == []


# --- NS821: focus cadence ------------------------------------------------------------------


def overdue(mk, lists, today=TODAY, pairs=None, member=None, settings=DEFAULTS):
    return practice.focus_overdue(
        member or mk.staff("pm-a"), pairs or [mk.pair()], lists, settings, D(str(today))
    )


@pytest.mark.parametrize(
    ("latest", "due"),
    [("2026-11-08", False), ("2026-11-07", True)],
    ids=["14-days-ago-in-time", "15-days-ago-overdue"],
)
def test_a_focus_list_is_due_after_cadence_days(mk, latest, due):
    found = overdue(mk, [mk.focus("2026-10-01", ["p-0001"]), mk.focus(latest, ["p-0001"])])

    assert (found is not None) is due
    if found is not None:
        assert found.words == (
            "no focus list in the last 14 days: the latest is of 7 Nov 2026, 15 days ago"
        )


def test_a_pm_with_no_focus_list_at_all(mk):
    found = overdue(mk, [])

    assert found is not None and found.latest is None
    assert found.words == "no focus list yet (one is due every 14 days)"


@pytest.mark.parametrize(
    "case",
    ["no-active-pair", "inactive-pm", "not-a-pm", "another-pms-pair"],
)
def test_who_is_not_nagged(mk, case):
    pairs = {
        "no-active-pair": [mk.pair(status="paused")],
        "another-pms-pair": [mk.pair(pm="pm-b")],
    }.get(case, [mk.pair()])
    member = {
        "inactive-pm": mk.staff("pm-a", active=False),
        "not-a-pm": mk.staff("pm-a", role="director"),
    }.get(case, mk.staff("pm-a"))

    assert overdue(mk, [], pairs=pairs, member=member) is None


def test_another_pms_list_and_a_future_list_do_not_count(mk):
    lists = [mk.focus("2026-11-20", ["p-0001"], staff="pm-b"), mk.focus("2026-11-30", ["p-0001"])]

    assert overdue(mk, lists) is not None


def test_cadence_days_is_a_setting(mk):
    settings = Settings.model_validate({"focus": {"cadence_days": 7}})

    assert overdue(mk, [mk.focus("2026-11-15", ["p-0001"])], settings=settings) is None
    assert overdue(mk, [mk.focus("2026-11-14", ["p-0001"])], settings=settings) is not None


# --- NS822: a follow-up before the meeting --------------------------------------------------


@pytest.mark.parametrize(
    ("follow_up_on", "early"),
    [("2026-11-09", True), ("2026-11-10", False), ("2026-11-12", False), ("2026-10-30", False)],
    ids=["day-before-meeting", "meeting-day", "after", "before-the-request-is-NS807"],
)
def test_a_follow_up_dated_before_the_meeting(mk, follow_up_on, early):
    request = mk.request("2026-11-01", "2026-11-10")
    follow = mk.note(follow_up_on, type="out-of-program", follow_up_of=request.id)

    found = practice.early_follow_ups([request, follow], {request.id: request})

    assert found == ([(follow, request)] if early else [])


def test_a_follow_up_of_another_pairs_note_or_of_a_non_request_is_not_ns822(mk):
    request = mk.request("2026-11-01", "2026-11-10", pair="p-0002")
    other = mk.note("2026-11-01")
    notes = [
        mk.note("2026-11-05", type="out-of-program", follow_up_of=request.id),
        mk.note("2026-11-05", type="out-of-program", follow_up_of=other.id),
    ]

    assert practice.early_follow_ups(notes, {request.id: request, other.id: other}) == []


# --- Handed over ---------------------------------------------------------------------------


def test_handed_over_pairs_are_by_id_and_skip_the_pms_current_pairs(mk):
    pairs = [
        mk.pair("p-0003", pm="pm-b", pm_history=[("pm-a", "2025-09-15", "2026-11-01")]),
        mk.pair("p-0001", pm="pm-b", pm_history=[("pm-a", "2025-09-15", "2026-10-01")]),
        # back with pm-a after a colleague covered: pm-a's own pair, not handed over
        mk.pair("p-0002", pm="pm-a", pm_history=[("pm-a", "2025-09-15", "2026-10-01")]),
    ]

    found = practice.handed_over(pairs, "pm-a", TODAY, 90)

    assert [(h.pair.id, h.on, h.to) for h in found] == [
        ("p-0001", D("2026-10-01"), "pm-b"),
        ("p-0003", D("2026-11-01"), "pm-b"),
    ]


@pytest.mark.parametrize(
    "text",
    ["He said \u017felf-harm once", "SELF-HARM came up", "self\n  harm, twice", "\u212aill switch"],
)
def test_phrases_written_with_other_cases_or_rare_letters_are_found_not_crashed_on(text):
    phrases = ("self-harm", "self harm", "kill switch")
    found = practice.find_phrases(text, phrases)
    assert len(found) == 1 and found[0][0] in phrases


def test_a_note_without_any_phrase_word_is_skipped_quickly_and_finds_nothing():
    assert practice.find_phrases("Talked about college essays and the FAFSA.", ("self-harm",)) == []
