"""Half-up rounding and the Pair Support Quality Rubric (SPEC §6, §10), by hand."""

from __future__ import annotations

import pytest

from notesite.derive import measures as derive


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        (0.125, 0.13),
        (2.125, 2.13),
        (0.005, 0.01),
        (2.675, 2.68),
        (1.005, 1.01),
        (0.124, 0.12),
        (8 / 3, 2.67),
        (50 / 60, 0.83),
        (1 / 60, 0.02),
        (2.0, 2.0),
        (0.0, 0.0),
    ],
    ids=[
        "0.125-half-up-not-half-even-0.12",
        "2.125-half-up-not-half-even-2.12",
        "0.005-half-up",
        "2.675-decimal-half-though-float-below",
        "1.005-decimal-half-though-float-below",
        "0.124-down",
        "8/3",
        "50/60",
        "1/60",
        "integer",
        "zero",
    ],
)
def test_round2_rounds_half_up_to_two_decimals(value, rounded):
    assert derive.round2(value) == rounded


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2, 2.0),
        ({"a": 3, "b": 3, "c": 2}, 8 / 3),
        ({"a": 2, "b": 2, "c": 3, "d": 3}, 2.5),
        ({"a": 1, "b": 1, "c": 1}, 1.0),
    ],
    ids=["whole-category", "mean-of-three", "mean-of-four", "all-ones"],
)
def test_category_value_is_the_integer_or_the_mean_of_indicators(value, expected):
    assert derive.category_value(value) == expected


SPEC_EXAMPLE = {
    "focus-list": 2,
    "reactive-support": {"customer-service": 3, "safety-escalation": 3, "challenging-topics": 2},
    "coaching": 3,
    "use-of-information": {
        "school-partners": 2,
        "match-history": 2,
        "online-communications": 3,
        "asks-for-help": 3,
    },
}


def test_quality_score_of_the_spec_example(mk):
    # (2 + 8/3 + 3 + 2.5) / 4 = 61/24 = 2.541666...
    score = derive.quality_score(mk.rating(SPEC_EXAMPLE))

    assert score == pytest.approx(61 / 24)
    assert derive.round2(score) == 2.54


def test_quality_score_is_computed_from_unrounded_categories(mk):
    # 1 + 5/3 + 1 + 7/4 = 65/12; / 4 = 65/48 = 1.3541... -> 1.35.
    # Rounding the categories first: (1 + 1.67 + 1 + 1.75) / 4 = 1.355 -> 1.36.
    rating = mk.rating(
        {
            "focus-list": 1,
            "reactive-support": {"customer-service": 1, "safety-escalation": 2, "x": 2},
            "coaching": 1,
            "use-of-information": {"a": 1, "b": 2, "c": 2, "d": 2},
        }
    )

    assert derive.round2(derive.quality_score(rating)) == 1.35


def test_quality_score_exactly_on_a_half_rounds_up(mk):
    # 5/3 + 7/3 + 9/4 + 9/4 = 8.5; / 4 = 2.125 -> 2.13 (half-to-even would give 2.12).
    rating = mk.rating(
        {
            "focus-list": {"a": 1, "b": 2, "c": 2},
            "reactive-support": {"a": 2, "b": 2, "c": 3},
            "coaching": {"a": 2, "b": 2, "c": 2, "d": 3},
            "use-of-information": {"a": 2, "b": 2, "c": 2, "d": 3},
        }
    )

    assert derive.quality_score(rating) == 2.125
    assert derive.round2(derive.quality_score(rating)) == 2.13


def test_quality_score_on_a_half_is_exact_with_a_custom_rubric(mk):
    # 1 + 1 + 8/3 + 11/6 = 39/6 = 6.5; / 4 = 1.625 -> 1.63. Summed in floats the mean is
    # 1.6249999999999998, which rounds to 1.62: the score must be computed exactly.
    rating = mk.rating(
        {
            "one": 1,
            "two": 1,
            "three": {"a": 2, "b": 3, "c": 3},
            "six": {"a": 1, "b": 1, "c": 1, "d": 2, "e": 3, "f": 3},
        }
    )

    assert derive.quality_score(rating) == 1.625
    assert derive.round2(derive.quality_score(rating)) == 1.63
