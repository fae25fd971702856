"""Sentence pools that lengthen generated notes for the benchmark (all invented, no real names).

`{mentor}` and `{mentee}` are the pair's first names, `{subject}`, `{weekday}`, `{activity}`,
`{count}` and `{platform}` are filled per note. The wording stays neutral, so adding it to any note
type (a safety note included) neither changes what the note is about nor trips a practice rule.
"""

# One sentence per line keeps the pools easy to read and edit.
# ruff: noqa: E501

from __future__ import annotations

SUBJECTS = (
    "Algebra II",
    "Biology",
    "Chemistry",
    "English",
    "Geometry",
    "Spanish",
    "US History",
    "Physics",
    "Economics",
    "art",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
ACTIVITIES = (
    "soccer practice",
    "the robotics club",
    "band rehearsal",
    "a weekend job",
    "the school play",
    "track season",
    "the debate team",
    "yearbook",
    "volunteering at the library",
    "babysitting younger cousins",
)
COUNTS = ("two", "three", "four", "five", "six")
PLATFORMS = ("platform", "program platform", "weekly lesson", "messaging thread")

# Extra sentences for the Data section: observed facts, in neutral language.
DATA_MORE = (
    "{mentee} arrived on time for the {weekday} class and stayed for the whole session.",
    "{mentor} logged in to the {platform} {count} times since the last note and answered every prompt.",
    "The pair spent most of the class on the lesson about setting goals for the semester.",
    "{mentee} talked about {activity} and how it fits around homework on weeknights.",
    "{mentor} mentioned that their own schedule at work is busier than usual this month.",
    "{mentee} brought up {subject} without being asked and said the class is going better than expected.",
    "The last {count} messages on the {platform} were short but friendly, mostly about weekend plans.",
    "{mentor} asked PM for ideas on how to keep conversations going when {mentee} gives one-word answers.",
    "The classroom was loud during the session, so the pair moved to the table by the window.",
    "{mentee} said they like the new lesson format because it leaves more time to talk.",
    "{mentor} shared a story about their first year of college, and {mentee} asked several follow-up questions.",
    "{mentee} showed {mentor} a project from {subject} and explained how the grading works.",
    "Both read through the week's prompt together before writing their answers.",
    "{mentee} said the week had been tiring because of tests in {subject} and a late night with {activity}.",
    "{mentor} wrote a longer message than usual, asking about {mentee}'s plans for the summer.",
    "The pair compared calendars and found that {weekday} evenings work best for messaging.",
    "{mentee} asked whether the program runs any events for families this spring.",
    "{mentor} said they had forgotten to reply last week and apologised to {mentee} in class.",
    "{mentee} was quieter than usual at the start and warmed up after the first activity.",
    "The pair finished the lesson early and used the time to talk about favourite music.",
    "{mentee} said a teacher had praised their work in {subject} in front of the class.",
    "{mentor} asked PM whether it is fine to send {mentee} a link to a free online course.",
    "{mentee} described how {activity} has helped them make friends in a new grade.",
    "The school counselor stopped by the class briefly and said hello to the pair.",
)

# Bullet lists in the Data section: an introduction, then several short items.
DATA_LIST_INTROS = (
    "What PM noted during the session:",
    "From the {platform} since the last note:",
    "Notes from the session:",
    "Points to remember for the next check-in:",
)
DATA_BULLETS = (
    "{count} messages exchanged, each answered within two days",
    "{mentee} finished the goal worksheet and kept a copy",
    "{mentor} asked about the next family event and its date",
    "{mentee} has a test in {subject} on {weekday}",
    "{activity} takes up most afternoons this month",
    "the pair agreed to try a short message every {weekday}",
    "{mentor} would like a reminder before each class",
    "{mentee} wants help planning a summer schedule",
    "{mentee} read the lesson before class for the first time",
    "{mentor} attended {count} of the last {count} classes",
    "{mentee} asked about volunteering hours for school",
    "the pair has not missed a lesson since the winter break",
    "{mentee} would like to talk about {subject} next time",
    "{mentor} shared a budgeting worksheet from their workplace",
    "{mentee} is thinking about a part-time job next summer",
    "{mentor} and {mentee} both said the new seating works better",
)

# Extra sentences for the Assessment section.
ASSESS_MORE = (
    "The relationship looks steady, and both seem comfortable raising small problems with each other.",
    "{mentee}'s confidence in {subject} is growing, which shows in how they talk about the class.",
    "{mentor} is consistent and patient, which suits {mentee}'s pace.",
    "The pair would benefit from a clearer routine for messaging between classes.",
    "PM sees real progress on the goal the pair set at the start of the year.",
    "{mentee}'s schedule is full, so short and regular contact will work better than long sessions.",
    "{mentor} may need more structure from the lessons to keep conversations going.",
    "Nothing here changes the pair's goals, but the next few weeks will show whether the new routine holds.",
    "{mentee} responds well to specific questions and less well to open-ended ones.",
    "The pair's tone in messages is warm, and the replies are getting longer.",
    "{mentor}'s own experience with {activity} gives them an easy way into conversations.",
    "PM thinks the pair is ready to take on a larger goal for the spring.",
)

ASSESS_LIST_INTROS = (
    "Strengths PM sees:",
    "What PM will keep an eye on:",
    "Where the pair stands:",
)
ASSESS_BULLETS = (
    "regular contact on the {platform}",
    "{mentee}'s growing interest in {subject}",
    "{mentor}'s steady attendance at class",
    "a shared goal both can describe in their own words",
    "replies that sometimes wait a week or more",
    "{mentee}'s busy afternoons with {activity}",
    "{mentor}'s changing work schedule",
    "a good rhythm of short weekly messages",
    "open communication with PM from both sides",
)

# Extra items for the Plan section's list of owned actions.
PLAN_MORE = (
    "PM will check the {platform} on {weekday} and send a short reminder if either has not replied.",
    "{mentor} will ask {mentee} about the test in {subject} in the next message.",
    "{mentee} will bring the goal worksheet to the next class.",
    "PM will share the spring event calendar with {mentor} this week.",
    "The pair will pick one small goal for the month during the next class.",
    "PM will ask the school counselor about tutoring options for {subject}.",
    "{mentor} will send one message every {weekday} for the next {count} weeks.",
    "PM will add a note to the pair's file after the next class.",
    "{mentee} will tell {mentor} how {activity} went in a platform message.",
    "PM will send {mentor} the guide on asking open questions.",
    "PM will sit with the pair for the first ten minutes of the next class.",
    "{mentor} and {mentee} will review their goal together at the end of the month.",
)
