"""Synthetic action plans in the seed layouts, deterministic from a seed number.

Each synthetic plan is a seed plan re-told: its places, units and organisations renamed, its
dates moved by whole years, its owners' posts varied and some tool names swapped for others
the corpus knows, so the builder runs its real parsing path on text it has never seen.
Usage: python -m bench.corpus N OUT_DIR [--seed S]
"""
from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

from builder.header import read_header
from builder.normalise.organisations import UNIT_NAME, canonical_name

PLACES = ["Northshire", "Eastmoor", "Westdale", "Southport Vale", "Kingsbridge", "Ashford Downs",
          "Riverside", "Hollowbrook", "Greyfield", "Marshgate", "Oakhurst", "Brackenridge", "Fenwick",
          "Stonebury", "Larkhill", "Coldwater", "Highcombe", "Elmstead", "Thornbury", "Redcliffe"]
POST_SWAPS = [("Head of Operations", "Head of Delivery"), ("Community Director", "Area Director"),
              ("Performance Manager", "Performance Lead"), ("Deputy Director", "Assistant Director"),
              ("Business Manager", "Operations Manager")]
TOOL_SWAPS = [("IQAM", "RCAT"), ("EMO", "TPM"), ("OASys", "OASys"), ("SARA", "MEG")]
_YEAR_WORD = re.compile(r"\b((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*[\s.]*)(\d{4}|\d{2})\b")
_YEAR_NUMERIC = re.compile(r"\b(\d{1,2}[./]\d{1,2}[./])(\d{4}|\d{2})\b")


def _shift_years(text: str, years: int) -> str:
    def shift(match: re.Match) -> str:
        year = match.group(2)
        moved = int(year) + years
        return match.group(1) + (str(moved) if len(year) == 4 else f"{moved % 100:02d}")
    return _YEAR_NUMERIC.sub(shift, _YEAR_WORD.sub(shift, text))


def _place_of(name: str) -> str:
    words = canonical_name(name).split()
    return " ".join(w for w in words if w not in ("CRC", "PDU", "LDU", "Region")).strip()


def _places(text: str) -> tuple[str, list[str]]:
    """The inspected body's place name, and every place name of the plan, longest first."""
    header = read_header(text.split("\n"))
    inspected = header.inspected or header.title or ""
    unit = UNIT_NAME.search(inspected)
    body = _place_of(inspected[: unit.start()] if unit else inspected)
    names = [header.title or "", inspected[: unit.start()] if unit else inspected]
    names += [m.group(1) for m in UNIT_NAME.finditer(text)]
    places = {place for place in map(_place_of, names) if place and place.upper() != place}
    return body, sorted(places, key=len, reverse=True)


def _unique_place(index: int, rng: random.Random) -> str:
    """A random word, then the plan's index written in place names (base 20): no two plans of
    one corpus share an inspected body, so no two get the same plan IRI."""
    digits = []
    while True:
        index, digit = divmod(index, len(PLACES))
        digits.append(PLACES[digit])
        if not index:
            break
    return " ".join([rng.choice(PLACES), *digits])


def synthesise(seed_text: str, rng: random.Random, index: int = 0) -> str:
    text = seed_text
    body, places = _places(seed_text)
    for place in places:
        new = _unique_place(index, rng) if place == body else f"{rng.choice(PLACES)} {rng.choice(PLACES)}"
        for spelling in {place, place.replace(" and ", " & ")}:
            text = re.sub(rf"\b{re.escape(spelling)}\b", new, text)
    for old, new in POST_SWAPS:
        if rng.random() < 0.5:
            text = text.replace(old, new)
    for old, new in TOOL_SWAPS:
        if rng.random() < 0.3:
            text = re.sub(rf"\b{old}\b", new, text)
    return _shift_years(text, rng.randint(0, 4))


def generate(seeds: list[Path], count: int, out: Path, seed: int = 0) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    texts = [path.read_text(encoding="utf-8") for path in sorted(seeds)]
    written = []
    for index in range(count):
        path = out / f"plan_{index:05d}.txt"
        path.write_text(synthesise(texts[index % len(texts)], rng, index), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", type=Path, default=Path("data"))
    args = parser.parse_args()
    paths = generate(sorted(args.data.glob("*.txt")), args.count, args.out, args.seed)
    print(f"wrote {len(paths)} plans to {args.out}")


if __name__ == "__main__":
    main()
