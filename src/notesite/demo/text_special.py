"""Prose pools for match milestones and the special note types (all invented)."""

# One sentence per line keeps the pools easy to read, grep and edit.
# ruff: noqa: E501

from __future__ import annotations

from notesite.demo.text import Topic

KICKOFF = Topic(
    "kickoff",
    ("relationship", "participation"),
    leads=(
        ("pair", "PM introduced {mentor} and {mentee} at the match event at {school}."),
        (
            "pair",
            "First class together for {mentor} and {mentee}; PM sat with the pair for the first half hour.",
        ),
    ),
    details=(
        "They found common ground quickly: both like {activity} and both have younger siblings.",
        "{mentee} was quiet at first and answered in single words, then opened up when {mentor} asked about {interest}.",
        "{mentor} explained their work in {field}, and {mentee} asked how long it took to get that job.",
        "Both logged in to the platform during class and exchanged a first message.",
        "{mentee} said they signed up because a friend had a mentor last year and liked it.",
    ),
    assess=(
        "A promising start; {mentor} was patient and let {mentee} set the pace.",
        "{mentee}'s interest in {interest} gives the pair a natural first goal.",
        "{mentee} may need a few weeks to warm up, which is normal at this stage.",
    ),
    plan=(
        "The pair will set one goal for the year during the next class, on {d7}.",
        "PM will check the platform by {d10} to make sure both have answered the first prompt.",
        "PM will call {mentor} after the third class for a short check-in.",
    ),
)

CLOSURE = Topic(
    "closure",
    ("relationship",),
    leads=(
        (
            "pair",
            "PM held a closing conversation with {mentor} and {mentee} at {school}. {closure}",
        ),
        ("mentor", "PM called {mentor} to confirm that the match is closing. {closure}"),
    ),
    details=(
        "They talked through what they had done together, including the work on {interest}.",
        "{mentee} thanked {mentor} and said the messages helped on hard weeks.",
        "{mentor} asked whether they could write {mentee} a reference later; PM explained how to do that through the program.",
        "Both wrote a final platform message, which PM read with their permission.",
    ),
    assess=(
        "Both handled the ending with care, and the match closes on good terms.",
        "{mentee} leaves the match with clearer goals than at the start.",
    ),
    plan=(
        "PM closed the match in the program records today.",
        "PM will send {mentor} the mentor exit survey by {d7}.",
        "PM will tell {counselor} about the closure by {d3} so the school has current information.",
    ),
)

PAUSE = Topic(
    "pause",
    ("participation",),
    leads=(
        ("mentor", "PM spoke with {mentor} about pausing the match. {pause}"),
        (
            "mentee,family",
            "PM spoke with {mentee} and {mentee}'s {guardian} about pausing the match. {pause}",
        ),
    ),
    details=(
        "Both want to continue the match once things settle.",
        "{mentee} asked whether they could still message {mentor}; PM explained that messaging pauses too.",
        "The pair agreed on a short goodbye message so the pause does not feel like an ending.",
    ),
    assess=(
        "A planned pause protects the relationship better than a stretch of unexplained absences.",
        "The pause is expected to be temporary.",
    ),
    plan=(
        "PM marked the match as paused in the program records.",
        "PM will check in with both of them about restarting by {d21}.",
        "PM will tell the class lead at {school} so that {mentee} has a partner for activities meanwhile.",
    ),
)

_CALL_LEADS = (
    ("mentor", "PM held the fall check-in call with {mentor}, the first formal call of the year."),
    ("mentor", "PM held the midyear check-in call with {mentor} by phone."),
    ("mentor", "PM held the spring check-in call with {mentor} to look back on the year so far."),
)
_CALL_DETAILS = (
    "{mentor} described the relationship as 'easy now' and said the last few classes felt natural.",
    "{mentor} said {mentee} replies faster when a message includes a photo or one quick question.",
    "They talked about {mentee}'s goal of exploring {interest}; {mentor} has found two short videos to share.",
    "{mentor} asked how to respond when {mentee} goes quiet for a week, and PM shared strategies from the mentor guide.",
    "{mentor} has attended most classes this term and missed one because of work.",
    "{mentor} mentioned that {mentee} seems more stressed since midterms and wondered whether to bring it up.",
    "{mentor} finds the curriculum prompts useful but would like more time for open conversation.",
    "{mentor} said {mentee} talks a lot about {activity} and asked whether going to an event would be allowed.",
    "{mentor} admitted to feeling unsure whether the relationship is 'working' because {mentee} is quiet in class.",
    "{mentor} shared that {mentee} opened up about {subject} being the hardest class this year.",
    "{mentor} asked how much to share about their own work in {field} without making the conversation about them.",
    "{mentor} reported that {mentee} has started asking questions back, which is new.",
)
_CALL_ASSESS = (
    "{mentor} is engaged and reflective and is building a steady relationship.",
    "The relationship is developing at a normal pace for this point in the year.",
    "{mentor} could use more support with conversations about school stress.",
    "{mentor}'s instinct to follow {mentee}'s interests is a strength.",
    "Attendance and messaging both meet program expectations.",
    "{mentor} is underestimating the progress; quiet mentees often value the relationship more than they show.",
    "{mentor} keeps the focus on {mentee}, which is exactly what the program asks of mentors.",
)
_CALL_PLAN = (
    "PM will send {mentor} the guide on talking about stress by {d3}.",
    "{mentor} will set a small goal with {mentee} around {interest} by the end of {month}.",
    "PM explained the out-of-program request process; {mentor} will submit a request if they want to attend an event.",
    "PM will observe the pair during class on {d14} and share feedback with {mentor}.",
    "PM will send {mentor} two conversation starters for quieter mentees by {d7}.",
    "{mentor} will try one shorter, photo-based message in the next week and tell PM how {mentee} responds.",
    "PM will schedule the next formal check-in call ahead of its due date.",
)

MENTOR_CALLS = tuple(
    Topic(
        f"mentor-call-{i + 1}",
        ("mentor-touch-point", "relationship", "participation"),
        (lead,),
        _CALL_DETAILS,
        _CALL_ASSESS,
        _CALL_PLAN,
    )
    for i, lead in enumerate(_CALL_LEADS)
)
LATE_CALL = "The call was due by {due} and happened late because {mentor} had to reschedule twice."

SUMMARY = Topic(
    "summary",
    ("relationship", "participation", "academic"),
    leads=(
        (
            "pair",
            "End-of-year summary for {year}, based on PM notes, platform activity and closing conversations with {mentor} and {mentee}.",
        ),
        (
            "mentor,mentee",
            "Summary of the {year} program year for {mentor} and {mentee}, written after the last class at {school}.",
        ),
    ),
    details=(
        "Obstacles this year included a stretch of missed classes in the winter and {mentee}'s busy {activity} schedule.",
        "{mentor}'s travel for work in {field} cost the pair several classes in the spring, though messaging continued.",
        "The pair met their main goal: {mentee} researched {interest} and finished a short project about it.",
        "Of the three goals set in the fall, the pair completed two; the third, a campus visit, was not reached.",
        "{mentee} raised the {subject} grade from a D to a C+ between the first and last marking periods.",
        "{mentee} finished the year with no failing grades, which was the academic goal the pair set in October.",
        "Messaging was steady most of the year, with a dip in the spring that recovered after a check-in.",
        "{mentor} attended most classes and completed the formal check-in calls.",
        "{mentee}'s attendance at class was uneven in the first half of the year and strong after February.",
        "{mentee} said the most useful part of the year was talking through {activity} with someone outside school.",
        "{mentor} named the moment {mentee} asked for advice without prompting as the high point of the year.",
    ),
    assess=(
        "The relationship is healthy and trusting, and both want to continue next year.",
        "{mentee} has grown in confidence and speaks up more in class discussions.",
        "{mentor} has become more comfortable letting {mentee} lead the conversation.",
        "Participation was the main weakness of the year and improved after midyear.",
        "The match came through a hard stretch in the winter and is stronger for it.",
        "{mentee}'s interest in {interest} is now a concrete plan rather than a vague idea.",
        "The pair would benefit from a more regular messaging rhythm next year.",
    ),
    plan=(
        "The pair will set two goals at the first class next fall, one of them about {interest}.",
        "PM will share summer programs related to {interest} with {mentee} before the last day of school.",
        "PM will confirm by the end of July that {mentor} is returning.",
        "{mentor} and {mentee} agreed to one check-in message a month over the summer, within program guidelines.",
        "PM will carry any unfinished goals into next year's plan for the pair.",
        "PM will share this summary with {counselor} at {school} before the end of June.",
    ),
)
