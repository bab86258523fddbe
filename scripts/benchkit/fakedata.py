"""Invented but realistic podnět field values for seeding and benchmarks."""

from datetime import datetime
from datetime import timedelta
from zoneinfo import ZoneInfo


PRAGUE = ZoneInfo("Europe/Prague")

STREETS = [
    "Křižíkova", "Sokolovská", "Masarykova", "Husova", "Palackého",
    "Nádražní", "Žižkova", "Komenského", "Tyršova", "Revoluční",
    "Školní", "Zahradní", "Lesní", "Polní", "Jiráskova", "Smetanova",
]
PROBLEMS = [
    ("Výtluk ve vozovce v ulici {street}", "infrastruktura"),
    ("Nesvítí veřejné osvětlení, {street} {number}", "infrastruktura"),
    ("Přeplněné kontejnery na tříděný odpad v ulici {street}", "odpady"),
    ("Černá skládka za domem {street} {number}", "odpady"),
    ("Hluk z provozovny v ulici {street} po 22. hodině", "verejny-poradek"),
    ("Stížnost na jednání úředníka na přepážce", "urad"),
    ("Žádost o informace o rozpočtu na opravu ulice {street}", "urad"),
    ("Poškozená lavička v parku u ulice {street}", "zelen"),
    ("Spadlý strom blokuje chodník, {street}", "zelen"),
    ("Parkování na chodníku v ulici {street}", "doprava"),
    ("Chybějící přechod pro chodce u školy, {street}", "doprava"),
    ("Petice za zachování zeleně v ulici {street}", "zelen"),
]
SENTENCES = [
    "Problém trvá již několik týdnů a nikdo se jím nezabývá.",
    "Prosím o nápravu a o informaci, kdy bude věc vyřešena.",
    "V příloze posílám fotografii místa.",
    "Situace je nebezpečná zejména pro děti a seniory.",
    "Obracím se na vás opakovaně, předchozí podání zůstalo bez odpovědi.",
    "Děkuji za vyřízení a jsem k dispozici pro případné dotazy.",
    "Místo jsem ohlásil také městské policii.",
    "Žádám o vyrozumění o výsledku šetření.",
]
FIRST_NAMES = [
    "Jan", "Petr", "Jana", "Marie", "Tomáš", "Lucie", "Martin", "Eva",
    "Jiří", "Hana", "Pavel", "Kateřina", "Josef", "Lenka", "Zdeněk", "Věra",
]
LAST_NAMES = [
    "Novák", "Svoboda", "Dvořák", "Černý", "Procházka", "Kučera", "Veselý",
    "Horák", "Němec", "Marek", "Pokorný", "Král", "Růžička", "Beneš",
]
CHANNEL_WEIGHTS = {"web": 45, "email": 30, "post": 15, "phone": 10}
KIND_WEIGHTS = {"podnet": 70, "stiznost": 15, "informace": 10, "petice": 2, "jine": 3}
# State weights by the podnět's age in days (upper bounds): young podněty are
# mostly open, and a small backlog of old ones stays open.
STATE_WEIGHTS_BY_AGE = (
    (5, {"new": 50, "assigned": 40, "resolved": 8, "closed": 0, "rejected": 2}),
    (30, {"new": 5, "assigned": 45, "resolved": 35, "closed": 10, "rejected": 5}),
    (90, {"new": 1, "assigned": 12, "resolved": 30, "closed": 52, "rejected": 5}),
    (None, {"new": 0.2, "assigned": 2.8, "resolved": 10, "closed": 82, "rejected": 5}),
)
CATEGORIES = sorted({category for _title, category in PROBLEMS})
OFFICIAL_IDS = [f"urednik{number:02d}" for number in range(1, 21)]


def _weighted(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def state_weights(age_days):
    """Return the state weights of a podnět received `age_days` days ago."""
    for upper, weights in STATE_WEIGHTS_BY_AGE:
        if upper is None or age_days < upper:
            return weights


def fake_podnet(rng, received=None, now=None):
    """Return field values of one podnět received at `received` (default now)."""
    now = now or datetime.now(PRAGUE)
    received = received or now
    street = rng.choice(STREETS)
    template, category = rng.choice(PROBLEMS)
    title = template.format(street=street, number=rng.randrange(1, 120))
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    channel = _weighted(rng, CHANNEL_WEIGHTS)
    state = _weighted(rng, state_weights((now - received).days))
    values = {
        "title": title,
        "text": " ".join(rng.sample(SENTENCES, rng.randrange(2, 5))),
        "channel": channel,
        "received": received,
        "kind": _weighted(rng, KIND_WEIGHTS),
        "category": category,
        "citizen_name": f"{first} {last}",
        "citizen_email": f"{first.lower()}.{rng.randrange(10**6)}@example.cz",
        "citizen_phone": f"+420 6{rng.randrange(10**8):08d}",
        "citizen_address": f"{street} {rng.randrange(1, 120)}, 110 00 Praha",
        "wants_updates": rng.random() < 0.6,
        "state": state,
        "assignee": None if state == "new" else rng.choice(OFFICIAL_IDS),
        "deadline_accept": (received + timedelta(days=5)).date(),
        "deadline_resolve": (received + timedelta(days=30)).date(),
        "deadline_close": (received + timedelta(days=60)).date(),
        "confidential": rng.random() < 0.03,
    }
    if state in ("resolved", "closed"):
        values["resolution"] = "Závada byla odstraněna, děkujeme za upozornění."
    return values
