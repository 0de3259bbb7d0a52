"""How the text anonymizer's time grows with the length of texts a hostile partner could send.

Each text repeats one short unit (digits, "a@b.", capitalized words, number words, street lines,
CJK, ...) up to each size. A detector whose work grows with the square of the length shows a
ratio near 16 between two sizes four times apart (linear: near 4); at the intake's limit of
100,000 characters per string (services/producers/settings.py) such a detector held a producer
for minutes. Prints milliseconds per text at each size and the ratio of the last two.

Usage: python bench/anonymizer_hostile.py [--sizes 4000,16000,64000] [--only NAME,...]
"""

from __future__ import annotations

import argparse
import time

from shared.anonymization.policy import load_policy
from shared.anonymization.text import TextAnonymizer

UNITS: dict[str, str] = {
    "digits": "1234567890",
    "spaced-digits": "1 2 ",
    "dashed-digits": "-1-2",
    "number-words": "zero six one ",
    "capitalized-names": "Ivan Petrov ",
    "lowercase-words": "the cat sat ",
    "capitals": "AAAAAAAAAA",
    "at-and-dots": "a@b.",
    "phone-starts": "+1 (",
    "arabic-names": "محمد علي ",
    "han": "王伟李娜",
    "hangul-names": "김민수 ",
    "street-lines": "Rue 12, ",
    "labels": "Name:\n",
    "spelled-out": "J o h n ",
    "dots": ". . ",
    "letters-and-digits": "Ab1 ",
}


def hostile_text(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="4000,16000,64000", help="text lengths, comma-separated")
    parser.add_argument("--only", default="", help="unit names, comma-separated (default: all)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    names = [name for name in args.only.split(",") if name] or list(UNITS)
    anonymizer = TextAnonymizer(load_policy())
    # Word lists and patterns load on first use: not part of any text's time.
    anonymizer.redact("Ivan Petrov, +49 30 1234567, a@b.example, 王伟, 김민수, Rue 12. " * 3)
    print(f"{'unit':20s}" + "".join(f"{size:>12,d}" for size in sizes) + "   ratio of the last two")
    for name in names:
        timings = []
        for size in sizes:
            text = hostile_text(UNITS[name], size)
            started = time.perf_counter()
            anonymizer.redact(text)
            timings.append(time.perf_counter() - started)
        ratio = timings[-1] / timings[-2] if len(timings) > 1 and timings[-2] > 0 else float("nan")
        cells = "".join(f"{seconds * 1000:>10,.0f}ms" for seconds in timings)
        print(f"{name:20s}{cells}   {ratio:5.1f}", flush=True)


if __name__ == "__main__":
    main()
