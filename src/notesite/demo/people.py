"""Invented people, schools and pairs for the demo program.

Every name here is made up: common first names joined with unusual surnames, so the demo
never describes a real person.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from notesite.demo.calendar import Calendar

FIRST_NAMES = (
    "Adaeze",
    "Alden",
    "Amara",
    "Anselm",
    "Bea",
    "Bexley",
    "Brisa",
    "Caius",
    "Calla",
    "Cormac",
    "Dalia",
    "Dashiell",
    "Delphine",
    "Emrys",
    "Esme",
    "Farrah",
    "Fenwick",
    "Gideon",
    "Greer",
    "Hollis",
    "Ines",
    "Isolde",
    "Jovan",
    "Juniper",
    "Kaito",
    "Kestra",
    "Lior",
    "Lucan",
    "Maren",
    "Marisol",
    "Nadira",
    "Niamh",
    "Oren",
    "Orla",
    "Pascale",
    "Perrin",
    "Quinlan",
    "Rafferty",
    "Reyna",
    "Rosalind",
    "Saoirse",
    "Soren",
    "Tamsin",
    "Teodora",
    "Thane",
    "Ulla",
    "Vashti",
    "Wren",
    "Xiomara",
    "Yusra",
    "Zephyr",
    "Anouk",
    "Bram",
    "Celeste",
    "Desmond",
    "Elio",
    "Fiora",
    "Galen",
    "Honora",
    "Idris",
    "Jessamy",
    "Keziah",
    "Leander",
    "Mireille",
    "Nikolai",
    "Odalys",
)
LAST_NAMES = (
    "Ardenwick",
    "Balthorpe",
    "Birchcombe",
    "Calloway-Ness",
    "Carrowmore",
    "Dellamere",
    "Dunharrow",
    "Eskerby",
    "Fairbrook",
    "Fennimoth",
    "Galvander",
    "Greavesly",
    "Halloway-Quist",
    "Hathermere",
    "Ibarrolo",
    "Iverleigh",
    "Jessaway",
    "Kallsberg",
    "Kestrelli",
    "Lachanter",
    "Larkspire",
    "Mabrion",
    "Marchbanks",
    "Mirevale",
    "Nakashiro",
    "Nettlecombe",
    "Oduyanwe",
    "Okwenna",
    "Ollerstone",
    "Pardowe",
    "Pennicroft",
    "Quarlesby",
    "Quintavale",
    "Rasmorrow",
    "Redferne",
    "Sallowmere",
    "Seabrightly",
    "Tovarrin",
    "Underhollow",
    "Umberleigh",
    "Valcourtney",
    "Vantobi",
    "Wexmoor",
    "Whitcombe-Ray",
    "Yarrowby",
    "Zamudez",
    "Zellwether",
    "Ashdowne",
    "Brackenridge-Oyo",
    "Corriveaux",
    "Delacroft",
    "Emberlin",
    "Foxhallow",
    "Gorsemoor",
)
MENTEE_NAMES = (
    "Aaliyah",
    "Adrian",
    "Amani",
    "Andre",
    "Ayana",
    "Bryce",
    "Camila",
    "Darius",
    "Deja",
    "Elena",
    "Emeka",
    "Fatoumata",
    "Gabriel",
    "Hana",
    "Imani",
    "Isaiah",
    "Jada",
    "Javier",
    "Kayla",
    "Keanu",
    "Khadija",
    "Lamar",
    "Leilani",
    "Luis",
    "Malik",
    "Mariana",
    "Mateo",
    "Naomi",
    "Nia",
    "Omar",
    "Priya",
    "Rashad",
    "Rosa",
    "Samir",
    "Selena",
    "Tariq",
    "Tiana",
    "Valeria",
    "Xavier",
    "Yara",
    "Zainab",
    "Dana",
    "Jonah",
    "Marisa",
    "Theo",
    "Lucia",
    "Kofi",
    "Anaya",
    "Eli",
    "Sofia",
)
INTERESTS = (
    "nursing",
    "mechanical engineering",
    "graphic design",
    "teaching",
    "computer science",
    "physical therapy",
    "marketing",
    "architecture",
    "culinary arts",
    "veterinary medicine",
    "music production",
    "accounting",
    "becoming an electrician",
    "social work",
    "journalism",
)
ACTIVITIES = (
    "soccer",
    "basketball",
    "track",
    "volleyball",
    "robotics club",
    "debate team",
    "marching band",
    "swim team",
    "theater",
    "wrestling",
    "chess club",
    "dance team",
    "baseball",
)
FIELDS = (
    "healthcare administration",
    "software",
    "banking",
    "city planning",
    "logistics",
    "nonprofit fundraising",
    "law",
    "civil engineering",
    "insurance",
    "public relations",
    "hospital pharmacy",
    "higher education",
)
CITIES = ("Denver", "Atlanta", "Phoenix", "Minneapolis", "Raleigh", "Columbus", "Pittsburgh")
GUARDIANS = ("mother", "father", "grandmother", "aunt", "older sister", "stepfather", "uncle")
SUBJECTS = (
    "Algebra II",
    "Geometry",
    "Biology",
    "Chemistry",
    "US History",
    "English 10",
    "Spanish II",
    "Physics",
    "World History",
    "Pre-Calculus",
)
COLLEGES = (
    "Lakeshore State University",
    "Brennan College",
    "Marlow Community College",
    "Easton Technical Institute",
    "St. Albery College",
    "Coldwater State University",
    "Fairhaven University",
    "Pinecrest Community College",
)


@dataclass(frozen=True)
class School:
    name: str
    weekday: int  # the day of the weekly mentoring class, 0 = Monday
    counselor: str


SCHOOLS = (
    School("Harbor High School", 1, "Ms. Adebayo-Lund"),
    School("Eastgate Academy", 2, "Mr. Verhallen"),
    School("Northfield Prep", 3, "Ms. Quennell"),
    School("Riverbend High School", 0, "Mr. Oyelaran"),
    School("Cedar Point Academy", 1, "Ms. Halvorsen-Diaz"),
    School("Lakemont Early College High School", 2, "Mr. Pellucci"),
    School("Westbrook Community High School", 3, "Ms. Tranholm"),
    School("Millbrook Academy of Science", 0, "Mr. Ashenby"),
)


@dataclass(frozen=True)
class Staff:
    id: str
    name: str
    role: str
    manager: str | None = None
    active: bool = True
    joined: date | None = None  # generator-only: None means before the demo's data starts
    left: date | None = None

    @property
    def first(self) -> str:
        return self.name.split()[0]

    def works_on(self, d: date) -> bool:
        return (self.joined is None or self.joined <= d) and (self.left is None or d <= self.left)


@dataclass(frozen=True)
class Roster:
    staff: tuple[Staff, ...]
    pms_prev: tuple[str, ...]  # PMs with a caseload in the previous program year
    pms_now: tuple[str, ...]  # PMs working today
    replacements: tuple[tuple[str, str], ...]  # (departed PM, the new hire who took the caseload)
    by_id: Mapping[str, Staff] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {s.id: s for s in self.staff})

    def of_role(self, role: str) -> tuple[Staff, ...]:
        return tuple(s for s in self.staff if s.role == role)


def unique_names(rng: random.Random, k: int) -> list[str]:
    """`k` full names, distinct while the pools allow it (mentor names may repeat beyond)."""
    total = len(FIRST_NAMES) * len(LAST_NAMES)
    picks = rng.sample(range(total), k) if k <= total else [rng.randrange(total) for _ in range(k)]
    return [
        f"{FIRST_NAMES[p % len(FIRST_NAMES)]} {LAST_NAMES[p // len(FIRST_NAMES)]}" for p in picks
    ]


def _staff_id(prefix: str, name: str, used: set[str]) -> str:
    """`pm-jrivera` style: role prefix, first initial, surname letters; a digit if taken."""
    first, last = name.split(" ", 1)
    base = f"{prefix}-{first[0].lower()}{''.join(c for c in last.lower() if c.isalnum())}"
    sid, n = base, 2
    while sid in used:
        sid, n = f"{base}{n}", n + 1
    used.add(sid)
    return sid


def build_roster(rng: random.Random, n_pairs: int, cal: Calendar) -> Roster:
    """About one PM per 13 pairs, a director per 8 PMs, one PM who left last summer."""
    n_pm = max(4, round(n_pairs / 13))
    n_left = max(1, n_pm // 10)
    n_dir = max(2, -(-n_pm // 8))
    n_coord = max(1, n_pairs // 400)
    names = unique_names(rng, n_dir + n_coord + n_pm + n_left)
    used: set[str] = set()
    dirs = [Staff(_staff_id("dir", n, used), n, "director") for n in names[:n_dir]]
    coords = [
        Staff(_staff_id("coord", n, used), n, "coordinator", dirs[0].id)
        for n in names[n_dir : n_dir + n_coord]
    ]
    left_on = cal.departure()
    pms: list[Staff] = []
    for i, name in enumerate(names[n_dir + n_coord :]):
        manager = dirs[i % n_dir].id
        if i >= n_pm:  # departed over the summer
            pms.append(
                Staff(_staff_id("pm", name, used), name, "pm", manager, False, None, left_on)
            )
        elif i >= n_pm - n_left:  # hired to take over a departed PM's caseload
            pms.append(
                Staff(
                    _staff_id("pm", name, used),
                    name,
                    "pm",
                    manager,
                    True,
                    left_on + timedelta(days=1),
                )
            )
        else:
            pms.append(Staff(_staff_id("pm", name, used), name, "pm", manager))
    departed = [p.id for p in pms[n_pm:]]
    hires = [p.id for p in pms[n_pm - n_left : n_pm]]
    return Roster(
        staff=tuple(dirs + coords + pms),
        pms_prev=tuple(p.id for p in pms if p.joined is None),
        pms_now=tuple(p.id for p in pms if p.active),
        replacements=tuple(zip(departed, hires, strict=True)),
    )
