"""Recall/precision of shared.anonymization's TextAnonymizer on a labelled PII corpus.

Corpus: presidio-research's generated_large.json (a list of {full_text, spans: [{entity_type,
entity_value, start_position, end_position}]}), read from its place beside the project; it is
never copied into the repository.

Definitions (character spans; a "redaction" is a detection whose policy action is mask or drop):
- recall of label type T: share of labelled T spans of which at least 50% of the characters are
  covered by redactions of a compatible kind (any kind counts as well, reported separately as
  "any-kind recall": what matters for privacy is that the value is gone).
- precision of kind K: share of redactions of kind K that overlap a labelled span of a compatible
  type. Unlabelled true positives (the corpus does not label every name) count as errors, so this
  is a lower bound.

Usage: python bench/anonymizer_eval.py [PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from shared.anonymization.detectors import Detection
from shared.anonymization.text import TextAnonymizer

DEFAULT_PATH = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "pii"
    / "presidio-research"
    / "generated_large.json"
)

# Labelled type -> our kinds that count as finding it.
COMPATIBLE: dict[str, frozenset[str]] = {
    "PERSON": frozenset({"PERSON"}),
    "EMAIL_ADDRESS": frozenset({"EMAIL"}),
    "PHONE_NUMBER": frozenset({"PHONE"}),
    "IBAN_CODE": frozenset({"IBAN"}),
    "CREDIT_CARD": frozenset({"CARD"}),
    "IP_ADDRESS": frozenset({"IP"}),
    "US_SSN": frozenset({"NATIONAL-ID"}),
    "ADDRESS": frozenset({"ADDRESS"}),
    "DATE_TIME": frozenset({"DATE-OF-BIRTH"}),
    "US_DRIVER_LICENSE": frozenset({"NATIONAL-ID"}),
}
# A street address label is often split into pieces (number, street, suite, postcode); the
# redaction of the whole address overlaps several, and a name inside an address is fine too.
EXTRA_PRECISION_MATCHES: dict[str, frozenset[str]] = {
    "ADDRESS": frozenset({"ADDRESS", "LOCATION"}),
    "PERSON": frozenset({"PERSON"}),
}
TARGETS = {
    "EMAIL_ADDRESS": 0.97,
    "PHONE_NUMBER": 0.97,
    "IBAN_CODE": 0.97,
    "CREDIT_CARD": 0.97,
    "IP_ADDRESS": 0.97,
    "PERSON": 0.85,
}


def _covered(span: tuple[int, int], dets: list[Detection]) -> int:
    start, end = span
    return sum(max(0, min(end, d.end) - max(start, d.start)) for d in dets)


def evaluate(records: list[dict[str, Any]], anonymizer: TextAnonymizer) -> None:
    action = anonymizer.policy.text.action
    found: Counter[str] = Counter()
    found_any: Counter[str] = Counter()
    labelled: Counter[str] = Counter()
    redactions: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    elapsed = 0.0
    for record in records:
        text = record["full_text"]
        t0 = time.perf_counter()
        dets = [d for d in anonymizer.find(text) if action("narrative", d.kind) != "keep"]
        elapsed += time.perf_counter() - t0
        spans = [(s["entity_type"], s["start_position"], s["end_position"]) for s in record["spans"]]
        for etype, start, end in spans:
            labelled[etype] += 1
            half = (end - start) / 2
            if _covered((start, end), [d for d in dets if d.kind in COMPATIBLE.get(etype, ())]) >= half:
                found[etype] += 1
            if _covered((start, end), dets) >= half:
                found_any[etype] += 1
        for det in dets:
            redactions[det.kind] += 1
            if any(
                det.start < end
                and start < det.end
                and (
                    det.kind in COMPATIBLE.get(etype, ())
                    or etype in EXTRA_PRECISION_MATCHES.get(det.kind, ())
                )
                for etype, start, end in spans
            ):
                correct[det.kind] += 1

    print(f"{'label type':<18}{'n':>6}{'recall':>9}{'any-kind':>10}{'target':>8}")
    for etype, n in labelled.most_common():
        target = f"{TARGETS[etype]:.2f}" if etype in TARGETS else ""
        print(f"{etype:<18}{n:>6}{found[etype] / n:>9.3f}{found_any[etype] / n:>10.3f}{target:>8}")
    print()
    print(f"{'redaction kind':<18}{'n':>6}{'precision':>11}")
    for kind, n in redactions.most_common():
        print(f"{kind:<18}{n:>6}{correct[kind] / n:>11.3f}")
    chars = sum(len(r["full_text"]) for r in records)
    print()
    per_text = elapsed / len(records) * 1e6
    print(f"{len(records)} texts, mean {chars / len(records):.0f} chars: {per_text:.1f} µs/text")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "path", nargs="?", type=Path, default=DEFAULT_PATH, help="labelled corpus (JSON list)"
    )
    args = parser.parse_args()
    if not args.path.is_file():
        sys.exit(f"corpus not found: {args.path} (pass the path of presidio-research's generated_large.json)")
    records = json.loads(args.path.read_text(encoding="utf-8"))
    evaluate(records, TextAnonymizer())


if __name__ == "__main__":
    main()
