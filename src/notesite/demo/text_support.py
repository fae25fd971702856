"""Prose pools for everyday `support` notes: mentee and mentor situations (all invented)."""

# One sentence per line keeps the pools easy to read, grep and edit.
# ruff: noqa: E501

from __future__ import annotations

from notesite.demo.text import Topic

ATTENDANCE = Topic(
    "attendance",
    ("academic", "personal"),
    leads=(
        (
            "mentee",
            "PM met with {mentee} before the {weekday} class at {school} to talk about recent absences.",
        ),
        (
            "school",
            "{counselor}, {mentee}'s counselor at {school}, emailed PM that {mentee} has missed {count} school days since the start of {month}.",
        ),
        (
            "mentee,family",
            "PM spoke by phone with {mentee} and {mentee}'s {guardian} about a run of missed first periods.",
        ),
    ),
    details=(
        "{mentee} said the bus route changed this fall and the new stop adds about twenty minutes each way.",
        "Most of the absences fall on Mondays, which {mentee} connected to staying up late on weekends to watch younger cousins.",
        "{mentee} has been arriving after first period at least twice a week and said {subject} feels pointless because the class is already ahead.",
        "The school's attendance report shows {count} unexcused absences and several late arrivals this marking period.",
        "{mentee} was open about it and said nobody had asked directly before; the tone stayed relaxed rather than defensive.",
        "{mentor} had noticed that {mentee} missed two platform prompts in a row and asked PM whether something was going on.",
    ),
    assess=(
        "The absences look driven by logistics more than disengagement, which makes them easier to address.",
        "{mentee} still talks about school goals with some energy, which is a strength to build on.",
        "The pattern is starting to affect {subject}, and another month like this could put the semester grade at risk.",
        "{mentor} is a steady presence and can help with accountability without sounding like one more adult checking up.",
    ),
    plan=(
        "PM will ask {counselor} by {d7} whether the school can adjust {mentee}'s bus stop or offer a late pass.",
        "{mentee} agreed to text PM on any morning the bus is missed, starting this week.",
        "{mentor} will use the next platform prompt to ask about mornings and share a routine that worked for them in high school.",
        "PM will review attendance with {counselor} again on {d14} and note whether the Monday pattern has changed.",
        "If absences continue past {d21}, PM will set up a call with {mentee}'s {guardian} and the school attendance team.",
    ),
)

GRADES = Topic(
    "grades",
    ("academic",),
    leads=(
        (
            "mentee",
            "PM sat with {mentee} during the {weekday} class to look at the progress report that came home in {month}.",
        ),
        ("school", "PM checked in with {counselor} at {school} about {mentee}'s current grades."),
        (
            "pair",
            "During class, {mentee} and {mentor} went through {mentee}'s grades together with PM at the table.",
        ),
    ),
    details=(
        "{mentee} is failing {subject} with a 58 and has two missing labs that can still be turned in for partial credit.",
        "Grades in the other classes are mostly B's and C's, and {mentee} is proud of a B+ in {subject2}.",
        "{mentee} said the {subject} teacher moves fast and that asking questions in front of the class feels embarrassing.",
        "{mentee} mentioned that {activity} runs until six most days, leaving little time for homework on weeknights.",
        "{mentor} offered to work through practice problems together on the platform, and {mentee} seemed relieved.",
        "The school offers after-school tutoring on Tuesdays and Thursdays, but {mentee} had not heard about it.",
    ),
    assess=(
        "{mentee} is capable in the subject but has been avoiding it, and the missing work accounts for most of the low grade.",
        "The eligibility rules for {activity} give {mentee} a concrete reason to bring the grade up before the marking period ends.",
        "{mentee} responded well when the problem was broken into two or three small tasks instead of 'bring the grade up.'",
        "{mentor}'s offer of help is a good sign for the relationship and gives the pair something specific to work on.",
    ),
    plan=(
        "{mentee} will turn in the two missing labs by {d7} and tell {mentor} in a platform message once they are in.",
        "PM will email {counselor} by {d3} to confirm the tutoring schedule and pass it on to {mentee}.",
        "{mentor} will send one {subject} practice question through the platform each week until the marking period ends.",
        "PM will check the grade portal with {mentee} again during class on {d14}.",
    ),
)

ESSAYS = Topic(
    "college-essays",
    ("academic", "career"),
    leads=(
        (
            "mentee",
            "PM met with {mentee} after class to read the first draft of a college personal statement.",
        ),
        (
            "pair",
            "{mentee} and {mentor} spent most of the {weekday} class on college essays, with PM checking in twice.",
        ),
        (
            "mentor",
            "{mentor} called PM to ask how much to help with {mentee}'s college essay without rewriting it.",
        ),
    ),
    details=(
        "The draft is about {activity}, but it reads mostly as a list of events and says little about what {mentee} learned.",
        "{mentee} wants to apply to {college} and {college2}, and both ask for a 650-word essay.",
        "A story {mentee} told out loud, about helping a younger cousin with homework, was much stronger than anything in the draft.",
        "{mentee} has not started the supplemental questions and was unsure what a 'why us' essay is looking for.",
        "{mentor} wrote their own college essays in a second language and shared how many drafts that took, which made {mentee} laugh.",
        "The earliest deadline on {mentee}'s list is November 1 for an early action application.",
    ),
    assess=(
        "{mentee} has a real voice when talking and needs help getting it onto the page, not help with grammar.",
        "The timeline is tight but workable if the essay has a clear topic this week.",
        "{mentor} is eager to help, and the main risk is over-editing; PM and {mentor} talked about keeping the essay in {mentee}'s own words.",
        "{mentee} is more confident about the application process than a month ago.",
    ),
    plan=(
        "{mentee} will rewrite the opening around the cousin story and share it with {mentor} on the platform by {d7}.",
        "{mentor} will give feedback as questions in the margin rather than edits; PM will check in with {mentor} about it on {d10}.",
        "PM will print the {college} supplement prompts for {mentee} before the next class.",
        "PM will ask {counselor} by {d3} whether {mentee} qualifies for application fee waivers.",
    ),
    months=(8, 9, 10, 11, 12, 1),
    grades=(11, 12),
)

FAFSA = Topic(
    "fafsa",
    ("financial", "academic"),
    leads=(
        (
            "mentee,family",
            "PM met with {mentee} and {mentee}'s {guardian} at the {school} financial aid night to start the FAFSA.",
        ),
        ("mentee", "PM checked in with {mentee} during class about where the FAFSA stands."),
        (
            "family",
            "{mentee}'s {guardian} called PM with questions about the financial aid form and which tax year it asks for.",
        ),
    ),
    details=(
        "The family has the account set up but stopped at the parent income section because one tax document is missing.",
        "{mentee}'s {guardian} worried that reporting income could affect other benefits; PM explained the form is used only for aid eligibility.",
        "{mentee} has a list of four schools to send the form to, including {college}.",
        "{mentee} works part time and was unsure whether that income needs to be reported.",
        "{mentor} offered to sit with {mentee} during class while the student section is finished.",
        "The state grant priority deadline is in early March, which {mentee} had not known about.",
    ),
    assess=(
        "The family is motivated but anxious about sharing financial information, and that worry is the main barrier, not the paperwork.",
        "{mentee} is doing more of this independently than most seniors PM works with, which is a strength.",
        "Missing the state priority date would cost the family real money, so this is time-sensitive.",
        "The {guardian} responded well to plain answers and asked good follow-up questions.",
    ),
    plan=(
        "PM will connect the family with {counselor} about the missing tax document by {d3}.",
        "{mentee} will finish the student section during class on {d7}, with {mentor} there for support.",
        "PM will call {mentee}'s {guardian} on {d10} to confirm the form was submitted.",
        "PM will send {mentee} the state grant deadline in writing today.",
    ),
    months=(10, 11, 12, 1, 2, 3),
    grades=(12,),
)

INTERNSHIP = Topic(
    "internship",
    ("career",),
    leads=(
        ("mentee", "PM met with {mentee} to talk about summer internship applications."),
        (
            "pair",
            "In class, {mentee} and {mentor} looked through summer programs together, with PM joining for the last twenty minutes.",
        ),
        (
            "mentor",
            "{mentor} emailed PM about a possible job-shadow day at their {field} workplace for {mentee}.",
        ),
    ),
    details=(
        "{mentee} wants to find something related to {interest} and has bookmarked three programs but not applied to any.",
        "One paid program asks for a résumé and a teacher recommendation, neither of which {mentee} has yet.",
        "{mentee} is worried about losing weekend shifts at work if the internship is unpaid.",
        "{mentor} described a normal day in {field}, and {mentee} asked detailed questions about pay and hours.",
        "The city's summer youth employment program opens applications soon and pays an hourly stipend.",
        "{mentee} has never written a résumé and was not sure what to list besides {activity}.",
    ),
    assess=(
        "{mentee}'s interest in {interest} has held steady all year, which makes this a good time to build experience.",
        "Money is a real constraint, so paid options should come first.",
        "{mentor} is a strong resource here and clearly enjoys this part of the relationship.",
        "{mentee} needs concrete deadlines; open-ended encouragement has not led to applications so far.",
    ),
    plan=(
        "{mentee} will draft a one-page résumé with {mentor} over the next two classes, finishing by {d14}.",
        "PM will send {mentee} the youth employment application link and deadline by {d3}.",
        "{mentee} will ask the {subject} teacher for a recommendation by {d7}.",
        "{mentor} will check with their manager about a job-shadow date and tell PM by {d10}.",
    ),
    months=(1, 2, 3, 4, 5, 10, 11),
    grades=(10, 11, 12),
)

FAMILY_MOVE = Topic(
    "family-move",
    ("personal", "social-services"),
    leads=(
        (
            "mentee",
            "{mentee} told PM during class that the family has to leave their apartment by the end of {month}.",
        ),
        (
            "family",
            "{mentee}'s {guardian} called PM to say the family is moving in with relatives across town.",
        ),
        (
            "school",
            "{counselor} let PM know that {mentee}'s family reported a change of address and may be in temporary housing.",
        ),
    ),
    details=(
        "The landlord is selling the building, and the family has not found a place they can afford nearby.",
        "The new address is about forty minutes from {school}, and {mentee} wants to finish the year there.",
        "{mentee} is sharing a room with two younger siblings and said it is hard to find quiet time for homework.",
        "{mentee} has not told {mentor} yet and asked whether PM would help explain if classes are missed.",
        "The {guardian} asked whether the program knows of any help with moving costs or deposits.",
        "{mentee} seemed tired but calm and said the family is used to making things work.",
    ),
    assess=(
        "Housing instability is the main risk to {mentee}'s attendance and participation this term.",
        "{mentee} may qualify for transportation and other support through the district's homeless education liaison.",
        "{mentee} has strong family support and is handling a stressful change with maturity.",
        "The relationship with {mentor} could be a stabilizing point if {mentee} chooses to share what is going on.",
    ),
    plan=(
        "PM will ask {counselor} by {d3} to connect the family with the district's housing liaison.",
        "PM will send the {guardian} a list of local rental assistance programs by {d7}.",
        "{mentee} will decide by the next class whether to tell {mentor}; PM will help with that conversation if asked.",
        "PM will check in with {mentee} about getting to school from the new address on {d10}.",
    ),
)

ACTIVITY = Topic(
    "activity",
    ("personal", "relationship"),
    leads=(
        ("mentee", "PM caught up with {mentee} after class about {activity}."),
        (
            "pair",
            "{mentee} spent part of the {weekday} class telling {mentor} about {activity}, and PM joined the conversation.",
        ),
        (
            "mentor",
            "{mentor} told PM they would like to go to one of {mentee}'s {activity} events.",
        ),
    ),
    details=(
        "{mentee} made the top group this year and has practice five days a week.",
        "{mentee} hurt an ankle two weeks ago and has been sitting out, which has been frustrating.",
        "The coach told {mentee} that keeping the {subject} grade up is a condition for the end-of-season events.",
        "{mentee} lit up talking about the team and called it the best part of the school day.",
        "{mentor} did {activity} in high school and shared a story about a bad loss, which landed well.",
        "Practices have pushed homework late into the night on most weekdays.",
    ),
    assess=(
        "Being part of {activity} is a real source of confidence and belonging for {mentee}.",
        "The shared interest gives the pair an easy way to connect, which matters in a first-year relationship.",
        "Balancing the schedule with school is the main challenge, and {mentee} is aware of it.",
        "The eligibility rule is a useful lever for the grade goal the pair set in the fall.",
    ),
    plan=(
        "{mentor} will ask {mentee} about the next event in their platform message this week.",
        "PM will send {mentor} the program's guidelines on attending public school events by {d3}.",
        "{mentee} will map out one weekly homework block around practice with {mentor} during the next class.",
        "PM will follow up with {mentee} on {d14} about the ankle and the season schedule.",
    ),
)

FRIENDSHIPS = Topic(
    "friendships",
    ("peer-relationships", "personal"),
    leads=(
        (
            "mentee",
            "{mentee} asked to talk with PM privately after class about a falling-out with friends.",
        ),
        (
            "school",
            "{counselor} mentioned to PM that {mentee} has been eating lunch in the counseling office.",
        ),
        (
            "pair",
            "During a partner activity, {mentee} told {mentor} and PM about tension in a group of friends.",
        ),
    ),
    details=(
        "A group chat turned into an argument last weekend, and two close friends stopped talking to {mentee}.",
        "{mentee} said the conflict started over a rumor and that most of it happened online.",
        "{mentee} has been avoiding the cafeteria and said {subject} is the only class where things feel normal.",
        "{mentee} said {mentor} is one of the few people not involved, which makes it easier to talk.",
        "{mentee} does not feel physically unsafe and said nobody has made threats.",
        "A new friend from {activity} has been checking in, which {mentee} appreciated.",
    ),
    assess=(
        "This looks like an ordinary but painful peer conflict; there are no signs of bullying that would call for a safety note.",
        "{mentee} is reflective and can describe their own part in the conflict, which is a strength.",
        "Pulling back from lunch and social time is worth watching over the next few weeks.",
        "{mentor} is a useful outside voice here and handled the conversation without taking sides.",
    ),
    plan=(
        "PM will check in with {mentee} again during class on {d7}.",
        "{mentor} will use this week's curriculum prompt on friendship as a natural place to continue the conversation.",
        "PM will ask {counselor} by {d3} whether peer mediation is possible if {mentee} wants it.",
        "If the conflict turns into threats or ongoing harassment, PM will write a safety note and follow school protocol.",
    ),
)

MESSAGING = Topic(
    "platform-messaging",
    ("participation", "relationship"),
    leads=(
        (
            "pair",
            "PM reviewed the pair's platform messages from the last month with {mentor} and {mentee} during class.",
        ),
        ("mentor", "PM called {mentor} about the gap in platform messages since early {month}."),
        (
            "mentee",
            "PM sat with {mentee} during class to look at the unanswered messages from {mentor}.",
        ),
    ),
    details=(
        "{mentor} has sent a message every week, but {mentee} has replied to only {count} of the last six.",
        "{mentee} said the messages feel like homework and that it is hard to know what to write back.",
        "{mentor}'s messages are long and mostly questions; {mentee} said they are kind but a little overwhelming.",
        "The pair's best exchange this month was a short back-and-forth about favorite snacks, with photos.",
        "{mentor} admitted to skipping the last two prompts because of deadlines at work.",
        "{mentee} said they would rather send short messages more often than one long one.",
    ),
    assess=(
        "Both are still invested; the gap is about format and timing, not lack of interest.",
        "Matching {mentee}'s shorter style will probably do more than adding more prompts.",
        "Messaging is below the program's weekly expectation, but the trend this week is up.",
        "{mentor} took the feedback well and asked for concrete ideas.",
    ),
    plan=(
        "{mentor} will keep messages to three or four sentences with one question, starting this week.",
        "{mentee} agreed to answer within two days and to use the photo feature at least once.",
        "PM will look at the message log again on {d14} and share what changed with both of them.",
        "PM will send {mentor} two sample messages that have worked well for other pairs by {d3}.",
    ),
)

WORK_HOURS = Topic(
    "work-hours",
    ("financial", "academic"),
    leads=(
        (
            "mentee",
            "{mentee} told PM during class about picking up more shifts at a grocery store.",
        ),
        (
            "family",
            "{mentee}'s {guardian} called PM, worried that {mentee} is working too many hours.",
        ),
        ("pair", "{mentee} mentioned to {mentor} and PM that they are working most evenings now."),
    ),
    details=(
        "{mentee} is working about twenty-five hours a week, mostly closing shifts that end after ten.",
        "The money goes toward the family's rent and {mentee}'s phone bill, and {mentee} is proud to contribute.",
        "{mentee} has fallen asleep in {subject} twice this month, according to the teacher.",
        "The store manager has been flexible before and gave {mentee} a day off for a college visit.",
        "{mentor} shared how they balanced a job during school and what they would do differently now.",
    ),
    assess=(
        "The job meets a real family need, so the goal is balance rather than quitting.",
        "Late closing shifts are the main problem for sleep and first-period classes.",
        "{mentee} shows responsibility and a strong work ethic.",
    ),
    plan=(
        "{mentee} will ask the manager by {d7} about trading two closing shifts for weekend hours.",
        "PM will share paid youth programs that fit around school by {d10}.",
        "{mentor} will check in with {mentee} about sleep and the new schedule in next week's message.",
        "PM will follow up with the {guardian} on {d14}.",
    ),
    grades=(10, 11, 12),
)

STRESS = Topic(
    "stress",
    ("personal", "social-services"),
    leads=(
        ("mentee", "{mentee} stayed after class to tell PM they have been feeling overwhelmed."),
        (
            "mentor",
            "{mentor} called PM after {mentee} wrote on the platform that everything feels like too much right now.",
        ),
        (
            "school",
            "PM talked with {counselor} after noticing that {mentee} seemed withdrawn during the last two classes.",
        ),
    ),
    details=(
        "{mentee} described trouble sleeping and falling behind in {subject}, and said the stress started around midterms.",
        "When PM asked directly, {mentee} said they have not had thoughts of hurting themselves.",
        "{mentee} has seen the school counselor once this year and found it helpful but has not gone back.",
        "{mentee}'s {guardian} is working double shifts, and {mentee} has taken on more care for younger siblings.",
        "{mentor} answered the message kindly and then reached out to PM, as the program asks.",
    ),
    assess=(
        "{mentee} is under significant stress but does not appear to be at immediate risk.",
        "{mentee} was open and able to name what is hard, which is a protective factor.",
        "{mentor} followed program guidance well and knew when to bring in staff.",
        "Reconnecting {mentee} with school-based support is the most useful next step.",
    ),
    plan=(
        "PM walked {mentee} to the counseling office the same day, and {counselor} set a follow-up appointment.",
        "PM will check in with {mentee} during class on {d7}, and by phone if {mentee} is absent.",
        "PM thanked {mentor} and will send the program's guide on responding to stress by {d3}.",
        "If anything suggests a risk of harm, PM will write a safety note and escalate to {director} the same day.",
    ),
)

JOB_CHANGE = Topic(
    "mentor-job-change",
    ("mentor-touch-point", "participation"),
    leads=(
        (
            "mentor",
            "PM called {mentor} after two missed classes in a row and learned that {mentor} has started a new job in {field}.",
        ),
        ("mentor", "{mentor} emailed PM to share news about a new job in {field}."),
    ),
    details=(
        "Onboarding at the new job runs late for the next few weeks and conflicts with the {weekday} class.",
        "{mentor} still wants to continue with {mentee} and asked whether attending every other week would be acceptable.",
        "{mentor} had not told {mentee} about the change yet, worried about seeming unreliable.",
        "The new job comes with a longer commute, but {mentor} expects the schedule to settle by the end of {month}.",
        "{mentor} has kept up platform messages even while missing classes.",
    ),
    assess=(
        "{mentor} is committed to the match; the problem is a time conflict, not fading interest.",
        "Unexplained missed classes could read to {mentee} as a lack of care, so telling {mentee} matters.",
        "Consistent messaging is a strength that can carry the relationship through a few hard weeks.",
    ),
    plan=(
        "{mentor} will tell {mentee} about the new job in this week's platform message; PM will let {mentee} know to look for it.",
        "PM will ask the program coordinator by {d3} whether remote attendance is possible for the next month.",
        "{mentor} will confirm by {d7} which {weekday} classes they can attend through the end of {month}.",
        "PM will call {mentor} again on {d21} to see how the schedule is working.",
    ),
)

TRAVEL = Topic(
    "mentor-travel",
    ("mentor-touch-point", "participation"),
    leads=(
        ("mentor", "{mentor} called PM before leaving for a work trip to {city}."),
        ("mentor", "PM followed up with {mentor} after {mentee} asked where {mentor} had been."),
    ),
    details=(
        "{mentor} will be away for {weeks} weeks and will miss the {weekday} classes during that time.",
        "{mentor} plans to keep messaging on the platform while away and asked whether a video message is allowed.",
        "{mentee} noticed the empty seat last week and asked the class lead whether {mentor} had quit.",
        "{mentor} wants to send {mentee} a postcard from {city} and asked whether that is within program rules.",
    ),
    assess=(
        "Planned absences are manageable when {mentee} knows about them ahead of time.",
        "{mentee}'s question shows the relationship matters to them, which is a good sign.",
        "{mentor} is thinking ahead and checking the rules, which PM appreciates.",
    ),
    plan=(
        "{mentor} will message {mentee} before leaving and say when they will be back.",
        "PM explained that mail must go to the school, not a home address, and will send {mentor} the school's address by {d3}.",
        "PM will sit with {mentee} during the classes {mentor} misses.",
        "PM will check in with {mentor} after the trip, on {d21}.",
    ),
)

MISSED_EVENTS = Topic(
    "missed-events",
    ("participation", "mentor-touch-point"),
    leads=(
        (
            "mentor",
            "PM called {mentor} about missing the program event at {school} last {weekday}.",
        ),
        ("mentor", "PM reached {mentor} by text after two unexplained absences from class."),
    ),
    details=(
        "{mentor} said they forgot about the event because the reminder email went to a spam folder.",
        "{mentee} waited at the door for {mentor} and later told PM they felt let down.",
        "{mentor} apologized and sounded embarrassed; they had not realized {mentee} was looking forward to it.",
        "{mentor} has now missed {count} classes this term, and none were reported ahead of time.",
        "{mentor} asked whether the program could send text reminders instead of emails.",
    ),
    assess=(
        "Attendance is the main concern in this match; {mentee} notices and is affected when {mentor} does not come.",
        "{mentor} is receptive and does not seem to be pulling away from the match.",
        "A practical reminder system may solve most of the problem.",
    ),
    plan=(
        "PM will add {mentor} to the text reminder list by {d3}.",
        "{mentor} will send {mentee} an apology on the platform today and mention the next class date.",
        "PM will let {mentee} know that {mentor} reached out and plans to be there on {d7}.",
        "If another class is missed without notice, PM will set up a match check-in with {mentor} and the program coordinator.",
    ),
)

ENTHUSIASM = Topic(
    "mentor-enthusiasm",
    ("relationship", "mentor-touch-point"),
    leads=(
        ("mentor", "{mentor} called PM to share how well the last class went."),
        ("pair", "PM observed {mentor} and {mentee} during the {weekday} class."),
    ),
    details=(
        "{mentee} showed {mentor} a project for {subject} and explained it step by step without being asked.",
        "{mentor} said it was the first time {mentee} started the conversation and kept it going.",
        "They laughed a lot and stayed ten minutes after class to finish a conversation about {interest}.",
        "{mentor} has been reading ahead in the curriculum and bringing examples from work in {field}.",
        "{mentee} told PM afterwards that {mentor} is 'actually cool,' which from {mentee} is high praise.",
    ),
    assess=(
        "The relationship has moved from polite to genuinely warm over the last month.",
        "{mentor}'s preparation and consistency are driving much of the progress.",
        "{mentee} is more confident with adults than at the start of the year.",
    ),
    plan=(
        "With {mentor}'s permission, PM will share this class as an example in the next mentor newsletter by {d14}.",
        "{mentor} will build on {mentee}'s interest in {interest} in the next two platform messages.",
        "PM will check in with both of them again at the end of {month}.",
    ),
)

BOUNDARIES = Topic(
    "boundaries",
    ("relationship", "mentor-touch-point"),
    leads=(
        (
            "mentor",
            "PM called {mentor} to talk about program boundaries after reviewing recent platform messages.",
        ),
        (
            "mentor",
            "{mentor} asked PM for advice after {mentee} asked to borrow money for a school trip.",
        ),
    ),
    details=(
        "{mentee} asked {mentor} to lend forty dollars for a trip deposit, and {mentor} was unsure how to say no kindly.",
        "{mentor} had offered {mentee} a ride home after class, which the program does not allow.",
        "{mentor} has been replying to messages late at night, sometimes after eleven.",
        "{mentor} said they want to be helpful and worried that saying no would hurt the relationship.",
        "Nothing in the messages was inappropriate; the point is to set expectations early.",
    ),
    assess=(
        "{mentor} means well, and the issue is unclear boundaries rather than poor judgment.",
        "Clear limits now will protect both {mentor} and {mentee} and keep the relationship healthy.",
        "{mentor} was receptive and asked good questions about the reasons for the rules.",
    ),
    plan=(
        "PM went through the program's guidelines on gifts, money and transportation with {mentor} on the call.",
        "PM will send {mentor} the written policy by {d3}, with a short script for saying no.",
        "PM will ask {counselor} by {d7} whether school funds can cover the trip deposit.",
        "{mentor} will keep messages between 8 a.m. and 9 p.m. from now on.",
    ),
)

#: Topics for ordinary support notes, drawn by season and grade.
SUPPORT_TOPICS = (
    ATTENDANCE,
    GRADES,
    ESSAYS,
    FAFSA,
    INTERNSHIP,
    FAMILY_MOVE,
    ACTIVITY,
    FRIENDSHIPS,
    MESSAGING,
    WORK_HOURS,
    STRESS,
    JOB_CHANGE,
    TRAVEL,
    MISSED_EVENTS,
    ENTHUSIASM,
    BOUNDARIES,
)
