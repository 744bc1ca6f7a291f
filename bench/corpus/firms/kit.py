"""Building blocks every seed-built firm uses: the firm's own people, contacts at a client, research
topics with case pages, personal and admin pages, and the machine conventions drawn from the seed."""

from __future__ import annotations

import random

from pools import FIRST, LAST, PERSONAL_DOMAINS, company, domain_of, person
from world import Client, Page, Person, Zone

EASTERN = Zone("America/New_York", "Eastern Standard Time", -5)
CENTRAL = Zone("America/Chicago", "Central Standard Time", -6)


class Names:
    """Draws people and companies without repeating a name inside one firm's world."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def person(self, domain: str, style: str = "") -> Person:
        first, last = person(self.rng, self.used)
        return Person(first, last, _address(first, last, domain, style or self.rng.choice(EMAIL_STYLES)))

    def private(self) -> Person:
        """A private person writing from a personal mailbox."""
        first, last = person(self.rng, self.used)
        n = self.rng.randint(1, 99) if self.rng.random() < 0.6 else ""
        local = self.rng.choice(
            [f"{first}.{last}{n}", f"{first[0]}{last}{n}", f"{first}{last[0]}{n}"]
        ).lower()
        return Person(first, last, f"{local}@{self.rng.choice(PERSONAL_DOMAINS)}")

    def company(self, industries: list[str] | None = None, contacts: int = 2) -> Client:
        name, short = company(self.rng, self.used, industries)
        dom = domain_of(short, self.rng.choice(["com", "com", "com", "net", "co"]))
        style = self.rng.choice(EMAIL_STYLES)
        return Client(name, short, dom, tuple(self.person(dom, style) for _ in range(contacts)))

    def firm(self) -> tuple[str, str, str]:
        """(firm name, short name, domain)."""
        rng = self.rng
        a, b, c = (self.surname() for _ in range(3))
        form = rng.choice(
            ["{a} & {b} LLP", "{a} {b} LLC", "{a}, {b} & {c} LLP", "{a} {b} & {c} P.C.", "{a} & {b} LLC"]
        )
        name = form.format(a=a, b=b, c=c)
        dom = rng.choice([f"{a}{b}.com", f"{a}law.com", f"{a}{b}.law", f"{a[0]}{b[0]}{c[0]}law.com"]).lower()
        return name, a, dom

    def surname(self) -> str:
        while True:
            last = self.rng.choice(LAST)
            if last not in self.used:
                self.used.add(last)
                return last

    def first(self) -> str:
        return self.rng.choice(FIRST)


EMAIL_STYLES = ("{f}.{l}", "{fi}{l}", "{f}{l}", "{fi}.{l}", "{f}_{l}")


def _address(first: str, last: str, domain: str, style: str) -> str:
    local = style.format(f=first.lower(), l=last.lower(), fi=first[0].lower())
    return f"{local}@{domain}"


def case_names(rng: random.Random, names: Names, reporters: tuple[str, ...], n: int) -> tuple[str, ...]:
    """Case pages opened during research: generated captions with a reporter cite."""
    out = []
    for _ in range(n):
        a, b = names.surname(), names.surname()
        if rng.random() < 0.35:
            co = names.company(contacts=0).name
            b = co
        out.append(f"{a} v. {b}, {rng.randint(12, 350)} {rng.choice(reporters)} {rng.randint(1, 990)}")
    return tuple(out)


PERSONAL = (
    ("https://www.nytimes.com/", "The New York Times - Breaking News, US News, World News and Videos"),
    ("https://www.espn.com/nfl/", "NFL on ESPN - Scores, Stats and Highlights"),
    ("https://www.amazon.com/gp/cart/view.html", "Amazon.com Shopping Cart"),
    ("https://www.zillow.com/homes/for_sale/", "Real Estate & Homes For Sale | Zillow"),
    ("https://www.weather.com/weather/tenday/", "10-Day Weather Forecast - The Weather Channel"),
    ("https://www.reddit.com/r/Lawyertalk/", "Lawyertalk"),
    ("https://www.youtube.com/watch?v=5qap5aO4i9A", "lofi hip hop radio - YouTube"),
    ("https://www.linkedin.com/feed/", "Feed | LinkedIn"),
    ("https://www.cnn.com/", "CNN - Breaking News, Latest News and Videos"),
    ("https://www.target.com/c/kitchen", "Kitchen : Target"),
    ("https://www.allrecipes.com/recipes/", "Recipes | Allrecipes"),
    ("https://www.bankofamerica.com/", "Bank of America - Online Banking"),
    ("https://www.expedia.com/Hotel-Search", "Hotel Search Results | Expedia"),
    ("https://www.wayfair.com/furniture/", "Furniture | Wayfair"),
    ("https://www.nba.com/games", "NBA Games | NBA.com"),
    ("https://www.theatlantic.com/", "The Atlantic"),
)


def personal_pages(rng: random.Random, n: int = 9) -> tuple[Page, ...]:
    picks = rng.sample(PERSONAL, n)
    out = [Page(t, u, audible="youtube" in u) for u, t in picks]
    out.append(
        Page(
            "Inbox (4) - "
            + rng.choice(FIRST).lower()
            + "."
            + rng.choice(LAST).lower()
            + "@gmail.com - Gmail",
            "https://mail.google.com/mail/u/1/#inbox",
            incognito=rng.random() < 0.3,
        )
    )
    return tuple(out)


def admin_pages(rng: random.Random, firm: str, slug: str, att: Person, timekeeper: str) -> tuple[Page, ...]:
    """Firm admin with no client in it: the intranet, HR and benefits, CLE, IT."""
    pool = [
        Page(f"Home - {firm} Intranet", f"https://intranet.{slug}.com/", tag="intranet"),
        Page(
            "Workday - Benefits - Open Enrollment",
            "https://wd5.myworkday.com/firm/d/task/benefits.htmld",
            tag="hr",
        ),
        Page("ADP - Pay Statements", "https://my.adp.com/#/pay/pay-statements", tag="hr"),
        Page(f"CLE Tracker - {firm} Intranet", f"https://intranet.{slug}.com/cle", tag="intranet"),
        Page(
            "IT Service Desk - New Request",
            f"https://{slug}.service-now.com/sp?id=sc_cat_item",
            tag="intranet",
        ),
        Page("Concur Expense - Reports", "https://www.concursolutions.com/nui/expense", tag="hr"),
        Page(
            f"{timekeeper} - My Timesheet",
            f"https://time.{slug}.com/timesheet/{att.last.lower()}",
            tag="timekeeping",
        ),
    ]
    return (*rng.sample(pool[:-1], 5), pool[-1])


def pick(rng: random.Random, options: list[tuple[str, float]]) -> str:
    return rng.choices([o for o, _ in options], [w for _, w in options])[0]
