"""Prose pools for `safety` and `out-of-program` notes (all invented, written with care)."""

# One sentence per line keeps the pools easy to read, grep and edit.
# ruff: noqa: E501

from __future__ import annotations

from notesite.demo.text import Topic

MAJOR = (
    Topic(
        "safety-home",
        ("social-services", "personal"),
        leads=(
            (
                "mentee,school",
                "During class, {mentee} told PM that they did not feel safe going home because of an adult's behavior at home.",
            ),
            (
                "mentor,mentee",
                "{mentor} called PM right after class to report that {mentee} had said something worrying about home.",
            ),
        ),
        details=(
            "{mentee} described arguments between adults in the home over the past week that have turned physical.",
            "{mentee} did not report being hurt but said they have been staying with a friend's family some nights.",
            "PM stayed with {mentee} and brought in the school social worker before the end of the school day.",
            "{mentor} stayed calm, did not promise to keep it secret, and told {mentee} that program staff would need to know.",
        ),
        assess=(
            "This is a major safety concern that requires escalation and a report under the school's mandated reporting procedure.",
            "{mentee} trusted adults in the program enough to speak up, which matters.",
            "Immediate risk was managed by connecting {mentee} with the school social worker the same day.",
        ),
        plan=(
            "The school social worker made the required report; PM will follow up with the social worker on {d7}.",
            "PM will check in with {mentee} at school on {d3}.",
            "PM will debrief with {mentor} by phone by {d3} and offer support.",
        ),
    ),
    Topic(
        "safety-self-harm",
        ("personal", "social-services"),
        leads=(
            (
                "mentor,mentee",
                "{mentor} contacted PM after {mentee} wrote on the platform that they 'did not see the point anymore.'",
            ),
            (
                "mentee,school",
                "{mentee} told PM during class that they had thought about hurting themselves last week.",
            ),
        ),
        details=(
            "PM met with {mentee} privately the same day; {mentee} said the thoughts came after a hard week at home and at school.",
            "{mentee} said they have no plan and have not acted on the thoughts.",
            "Following the program's safety protocol, PM walked {mentee} to {counselor}, who completed a risk screening.",
            "The school contacted {mentee}'s {guardian}, who came to pick {mentee} up.",
        ),
        assess=(
            "This is a major safety concern; the school screening found no immediate danger but recommended ongoing counseling.",
            "{mentor} responded exactly as trained by reaching out to staff right away.",
            "{mentee} was willing to talk and accepted help, which is a protective factor.",
        ),
        plan=(
            "{counselor} will meet with {mentee} weekly; PM will confirm the first session took place by {d7}.",
            "PM will debrief with {mentor} by {d3} and share support resources for mentors.",
            "PM will check in with {mentee} at the next class and keep the pair on the focus list.",
        ),
    ),
    Topic(
        "safety-substances",
        ("risky-behavior",),
        leads=(
            (
                "mentee",
                "{mentee} told PM during class about drinking at weekend parties and riding home with a driver who had been drinking.",
            ),
            (
                "school",
                "{counselor} told PM that {mentee} was found with a vape and what appeared to be marijuana at school.",
            ),
        ),
        details=(
            "{mentee} said this has been going on since early {month} and involves friends from outside school.",
            "{mentee} said they know it is risky but that it is 'what everyone does.'",
            "The school has started its discipline process and notified {mentee}'s {guardian}.",
            "{mentee} asked PM not to tell {mentor}, and PM explained what the program does and does not share.",
        ),
        assess=(
            "Substance use, and the unsafe rides that come with it, put {mentee} at serious risk; this is a major concern.",
            "{mentee} was honest with PM, which leaves room for support rather than only discipline.",
        ),
        plan=(
            "PM gave {mentee} information about the school's substance use counselor and will check by {d7} whether {mentee} made an appointment.",
            "PM will check in with {mentee} at the next class.",
            "PM will share the school's plan with {director} once it is set.",
        ),
    ),
)

MINOR = (
    Topic(
        "minor-phone-number",
        ("relationship", "mentor-touch-point"),
        leads=(
            (
                "mentor",
                "PM called {mentor} after seeing a personal phone number in a platform message to {mentee}.",
            ),
        ),
        details=(
            "{mentor} shared the number so {mentee} could text about an assignment for {subject}.",
            "As far as PM can tell, {mentee} has not used the number.",
            "{mentor} did not remember that personal contact details are not shared in the first year.",
        ),
        assess=(
            "A minor infraction that came from a misunderstanding of the rules, not a pattern.",
            "{mentor} took the feedback seriously.",
        ),
        plan=(
            "{mentor} will tell {mentee} in the next message to keep using the platform.",
            "PM will resend the first-year contact guidelines to {mentor} by {d3}.",
            "PM will review the pair's messages again on {d14}.",
        ),
    ),
    Topic(
        "minor-language",
        ("relationship", "mentee-touch-point"),
        leads=(
            (
                "mentee",
                "PM talked with {mentee} about a message to {mentor} that included profanity.",
            ),
        ),
        details=(
            "The message was sent after a frustrating day and was not aimed at {mentor}.",
            "{mentor} flagged it to PM without making a big deal of it with {mentee}.",
            "{mentee} apologized and said it would not happen again.",
        ),
        assess=(
            "Minor; the message was venting rather than a threat, and {mentee} understood the expectations.",
            "{mentor} handled it well by staying calm and telling staff.",
        ),
        plan=(
            "PM went over the platform guidelines with {mentee}.",
            "PM will let {mentor} know by {d3} that it was addressed, and thank them for flagging it.",
        ),
    ),
    Topic(
        "minor-photo",
        ("relationship", "mentor-touch-point"),
        leads=(
            (
                "mentor",
                "PM called {mentor} after a colleague noticed a photo of {mentor} and {mentee} on {mentor}'s public social media.",
            ),
        ),
        details=(
            "The photo was taken at the {month} event at {school}, and {mentee}'s face and school name were visible.",
            "{mentor} posted it to celebrate the match and did not know about the photo policy.",
            "{mentee}'s {guardian} has not signed a media release.",
        ),
        assess=(
            "A minor infraction with no known harm; quick removal is what matters.",
            "{mentor} was apologetic and understood the reason for the policy.",
        ),
        plan=(
            "{mentor} removed the photo during the call.",
            "PM will send the media policy to {mentor} by {d3}.",
            "PM will let {counselor} know by {d7} that it was addressed.",
        ),
    ),
    Topic(
        "minor-sign-out",
        ("participation", "mentee-touch-point"),
        leads=(
            (
                "mentee",
                "PM spoke with {mentee} after they left the {weekday} class early without signing out.",
            ),
        ),
        details=(
            "{mentee} left twenty minutes before the end of class to catch a ride home.",
            "The class lead could not find {mentee} and called PM.",
            "{mentee} said they did not know about the sign-out rule.",
        ),
        assess=(
            "Minor; no harm came of it, but staff need to know where students are during program time.",
            "{mentee} understood once the reason was explained.",
        ),
        plan=(
            "PM explained the sign-out procedure, and {mentee} agreed to use it.",
            "PM will tell the class lead at {school} by {d3} that this was resolved.",
        ),
    ),
)
LATE_ESCALATION = (
    "Escalation to {director} did not happen until {escalated}; PM should have escalated the same day "
    "and has reviewed the safety protocol since."
)
#: Plan sentence for a major note escalated on time, by escalation lag in days.
ESCALATED = (
    "PM escalated to Program Director {director} the same day, as the safety protocol requires.",
    "PM escalated to Program Director {director} the next morning, within the protocol's one-day window.",
)
MINOR_ESCALATED = "PM informed {director} of the infraction on {escalated}."

_OOP_LEADS = (
    (
        "mentor",
        "{mentor} submitted a request to take {mentee} to an open house at {college} on a Saturday.",
    ),
    ("mentor", "{mentor} asked to bring {mentee} to a job-shadow morning at their {field} office."),
    (
        "mentor",
        "{mentor} asked permission to attend one of {mentee}'s {activity} events with {mentee}'s family.",
    ),
    ("mentor", "{mentor} asked to take {mentee} to a free museum day downtown."),
)
_OOP_DETAILS = (
    "The request came in on {requested} for a meeting planned for {planned}.",
    "{mentee}'s {guardian} knows about the plan and is supportive.",
    "The meeting would be in a public place during the day, and {mentor} would meet {mentee} there rather than drive.",
    "According to {mentor}, {mentee} is excited about the idea.",
    "{mentor} has completed the background check and first-year training.",
)
OOP_APPROVED = Topic(
    "oop-approved",
    ("mentor-touch-point", "relationship"),
    _OOP_LEADS,
    _OOP_DETAILS,
    assess=(
        "The request meets the program's guidelines for out-of-program meetings.",
        "The outing fits the pair's goals and builds on {mentee}'s interest in {interest}.",
        "{mentor} followed the process and asked well ahead of time.",
    ),
    plan=(
        "PM approved the request and sent the consent form to {mentee}'s {guardian} today.",
        "{mentor} will confirm the time and meeting place with PM two days before {planned}.",
        "PM will call {mentor} after the meeting to hear how it went.",
    ),
)
OOP_DECLINED = Topic(
    "oop-declined",
    ("mentor-touch-point", "relationship"),
    _OOP_LEADS,
    _OOP_DETAILS,
    assess=(
        "The request cannot be approved as planned because the signed family consent form has not come back.",
        "The plan as described involves {mentor} driving {mentee}, which program rules do not allow.",
        "{mentor}'s intentions are good, and the idea could work in another form.",
    ),
    plan=(
        "PM declined the request for now and explained the reason to {mentor}.",
        "{mentor} may resubmit once the consent form is in; PM will send the form home with {mentee} on {d3}.",
        "PM will suggest a program event in {month} as an alternative.",
    ),
)
FOLLOW_UP_APPROVED = Topic(
    "oop-follow-up",
    ("mentor-touch-point", "relationship"),
    leads=(
        ("mentor", "PM called {mentor} to follow up on the out-of-program meeting on {planned}."),
        (
            "mentor,mentee",
            "PM checked in with {mentor} and {mentee} about their outing on {planned}.",
        ),
    ),
    details=(
        "The meeting happened as planned and lasted about two hours.",
        "{mentor} met {mentee} at the agreed place, and both arrived on time.",
        "{mentee} said the best part was asking questions without a class schedule in the way.",
        "{mentee}'s {guardian} sent {mentor} a thank-you message through the program afterwards.",
        "Neither of them raised any concern about safety or boundaries.",
    ),
    assess=(
        "The outing strengthened the relationship and stayed within program guidelines.",
        "{mentor} planned well and kept staff informed.",
    ),
    plan=(
        "PM closed the request in the program records.",
        "The pair will talk about the outing in next week's platform message.",
        "{mentor} may submit another request later in the year.",
    ),
)
