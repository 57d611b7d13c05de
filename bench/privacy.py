"""The personal-data rules on a generated, labelled corpus: how many true cases they miss
(false negatives) and how many look-alikes they flag (false positives), per kind.

    python bench/privacy.py            # 2,000 cases of each kind
    python bench/privacy.py --each 10000
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from datetime import date, timedelta

from lofte_cli.data.privacy import find_personal_data

Maker = Callable[[random.Random], str]


def luhn_digit(nine: str) -> str:
    total = 0
    for i, ch in enumerate(nine):
        n = int(ch) * (2 - i % 2)
        total += n // 10 + n % 10
    return str((10 - total % 10) % 10)


def birth(rng: random.Random) -> date:
    return date(1920, 1, 1) + timedelta(days=rng.randint(0, 365 * 100))


def personnummer(rng: random.Random, *, coordination: bool = False, valid: bool = True) -> str:
    day = birth(rng)
    yymmdd = f"{day:%y%m}{day.day + (60 if coordination else 0):02d}"
    serial = f"{rng.randint(0, 999):03d}"
    check = luhn_digit(yymmdd + serial)
    if not valid:
        check = str((int(check) + rng.randint(1, 9)) % 10)
    form = rng.choice(["short-dash", "short", "long-dash", "long", "plus"])
    if form == "short":
        return yymmdd + serial + check
    if form == "long":
        return f"{day.year // 100}{yymmdd}{serial}{check}"
    if form == "long-dash":
        return f"{day.year // 100}{yymmdd}-{serial}{check}"
    return f"{yymmdd}{'+' if form == 'plus' else '-'}{serial}{check}"


def mobile(rng: random.Random) -> str:
    digits = f"7{rng.choice('02369')}{rng.randint(0, 9_999_999):07d}"
    a, b, c, d = digits[:2], digits[2:5], digits[5:7], digits[7:]
    sep = rng.choice([" ", "\u00a0", "-", ""])
    form = rng.choice(["0", "+46", "0046", "+46 (0)"])
    prefix = {"0": "0", "+46": "+46 ", "0046": "0046 ", "+46 (0)": "+46 (0)"}[form]
    dash = "-" if form == "0" and rng.random() < 0.5 else sep
    return f"{prefix}{a}{dash}{b}{sep}{c}{sep}{d}"


def landline(rng: random.Random) -> str:
    area = rng.choice(["8", "31", "40", "303", "304", "18", "90", "54"])
    rest = f"{rng.randint(0, 10 ** (8 - len(area)) - 1):0{8 - len(area)}d}"
    return f"0{area}-{rest[:-4]} {rest[-4:-2]} {rest[-2:]}".replace("- ", "-")


def email(rng: random.Random) -> str:
    first = rng.choice(["anna", "erik", "åsa", "örjan", "kim", "li"])
    last = rng.choice(["svensson", "berg", "öberg", "nilsson"])
    return (
        f"{first}.{last}{rng.randint(1, 99)}@{rng.choice(['gmail.com', 'hotmail.se', 'telia.com'])}"
    )


LOOKALIKES: dict[str, Maker] = {
    "invalid check digit": lambda rng: personnummer(rng, valid=False),
    "ISO date": lambda rng: f"{birth(rng):%Y-%m-%d}",
    "date range": lambda rng: f"{birth(rng):%Y-%m-%d}–{birth(rng):%Y-%m-%d}",
    "case number": lambda rng: (
        f"{rng.randint(1000, 9999)}-K{rng.randint(100000, 999999)}-{rng.randint(10, 26)}"
    ),
    "diarienummer": lambda rng: f"KS {rng.randint(2015, 2026)}/{rng.randint(1, 999)}",
    "org number": lambda rng: (
        f"{rng.choice(['21', '55', '80'])}{rng.randint(2000, 9999):04d}-{rng.randint(0, 9999):04d}"
    ),
    "postcode": lambda rng: f"{rng.randint(100, 999)} {rng.randint(10, 99)} Stenungsund",
    "opening hours": lambda rng: f"kl. {rng.randint(7, 10):02d}.00–{rng.randint(15, 20):02d}.00",
    "amount": lambda rng: f"{rng.randint(1, 999)} {rng.randint(100, 999)} kr",
    "year span": lambda rng: f"{rng.randint(2019, 2025)}–{rng.randint(2025, 2030)}",
    "percent": lambda rng: f"{rng.randint(0, 99)},{rng.randint(0, 9)} %",
    "police short number": lambda rng: "114 14",
    "emergency": lambda rng: "112",
}
TRUE_CASES: dict[str, tuple[str, Maker]] = {
    "personnummer": ("L301", personnummer),
    "samordningsnummer": ("L301", lambda rng: personnummer(rng, coordination=True)),
    "mobile number": ("L303", mobile),
    "landline": ("L303", landline),
    "e-mail address": ("L302", email),
}


def in_a_sentence(rng: random.Random, value: str) -> str:
    before = rng.choice(["Ring", "Kontakt:", "Uppgift", "Se", ""])
    after = rng.choice(["i dag.", "", "(kvällstid)", "för mer information."])
    return f"{before} {value} {after}".strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--each", type=int, default=2000, help="cases of each kind")
    args = parser.parse_args()
    rng = random.Random(7)
    print(f"{'kind':<22}{'cases':>8}{'missed':>8}{'wrong code':>12}   (true cases)")
    total_missed = total_true = 0
    for name, (code, make) in TRUE_CASES.items():
        missed = wrong = 0
        for _ in range(args.each):
            found = find_personal_data(in_a_sentence(rng, make(rng)))
            codes = {f.code for f in found}
            missed += not found
            wrong += bool(found) and code not in codes
        total_missed += missed
        total_true += args.each
        print(f"{name:<22}{args.each:>8}{missed:>8}{wrong:>12}")
    print(f"{'kind':<22}{'cases':>8}{'flagged':>8}   (look-alikes)")
    total_flagged = total_false = 0
    for name, make in LOOKALIKES.items():
        flagged = sum(
            bool(find_personal_data(in_a_sentence(rng, make(rng)))) for _ in range(args.each)
        )
        total_flagged += flagged
        total_false += args.each
        print(f"{name:<22}{args.each:>8}{flagged:>8}")
    print(
        f"false negatives: {total_missed} of {total_true}; "
        f"false positives: {total_flagged} of {total_false}"
    )


if __name__ == "__main__":
    main()
