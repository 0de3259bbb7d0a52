"""Recall and precision of the text anonymizer on the labelled multilingual evaluation set
(bench/anonymizer_evalset.py), per kind x script, and its speed.

Definitions (character spans; a redaction is a detection whose policy action is mask or drop):
- a planted value is caught when every letter and digit of it lies inside redactions (of any
  kind: what matters for privacy is that the value is gone); recall = caught / planted;
- a redaction is correct when it overlaps a planted value or the context written with it (the
  city after a street line); every other redaction is a false positive: a decoy (offender
  infrastructure, place, brand, malware, ATT&CK technique, amount, date, case number) or plain
  narrative text. precision = correct / redactions;
- decoys kept: share of decoys of each kind with no character redacted;
- MO reports: redactions on the hand-written reports of bench/data/mo_reports.json, which hold no
  personal data (every redaction there is a false positive on real report prose).

Usage: python bench/anonymizer_eval.py [--misses N] [--scale N] [--seed N] [--word-lists DIR]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from bench.anonymizer_evalset import SEED, Planted, Sample, generate
from shared.anonymization.detectors import Detection
from shared.anonymization.text import TextAnonymizer
from shared.anonymization.word_lists import load_word_lists

RECALL_TARGET = 0.99
PRECISION_TARGET = 0.90
MIN_CELL = 20


def planted_value_caught(text: str, value: Planted, redactions: list[Detection]) -> bool:
    """Every letter and digit of the planted value lies inside a redaction."""
    covered = bytearray(value.end - value.start)
    for det in redactions:
        lo, hi = max(det.start, value.start), min(det.end, value.end)
        for i in range(lo, hi):
            covered[i - value.start] = 1
    return all(covered[i] or not text[value.start + i].isalnum() for i in range(len(covered)))


def _second_pass_cpu(samples: list[Sample], anonymizer: TextAnonymizer) -> float:
    """CPU seconds of a second pass: what a long-running producer pays per text, without the
    first use's loading, and less sensitive than wall-clock time to other work on the host."""
    start = time.process_time()
    for sample in samples:
        anonymizer.find(sample.text)
    return time.process_time() - start


def evaluate(samples: list[Sample], anonymizer: TextAnonymizer, misses: int) -> None:
    action = anonymizer.policy.text.action
    planted: Counter[tuple[str, str]] = Counter()
    caught: Counter[tuple[str, str]] = Counter()
    by_detail: dict[str, Counter[str]] = defaultdict(Counter)
    missed: list[tuple[str, str, str, str]] = []
    redactions: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    false_hits: Counter[str] = Counter()
    false_examples: list[str] = []
    decoys: Counter[str] = Counter()
    decoys_kept: Counter[str] = Counter()
    elapsed = 0.0
    for sample in samples:
        text = sample.text
        t0 = time.perf_counter()
        found = anonymizer.find(text)
        elapsed += time.perf_counter() - t0
        dets = [d for d in found if action("narrative", d.kind) != "keep"]
        for value in sample.planted:
            cell = (value.kind, value.script)
            planted[cell] += 1
            ok = planted_value_caught(text, value, dets)
            caught[cell] += ok
            by_detail[f"{value.kind} {value.detail.split('/')[0]}"][("ok" if ok else "miss")] += 1
            if not ok:
                missed.append((value.kind, value.script, text[value.start : value.end], value.source))
        zones = [(p.start, p.end) for p in sample.planted] + sample.context
        for det in dets:
            redactions[det.kind] += 1
            if any(det.start < end and start < det.end for start, end in zones):
                correct[det.kind] += 1
                continue
            hit = next((d.kind for d in sample.decoys if det.start < d.end and d.start < det.end), "text")
            false_hits[f"{det.kind} on {hit}"] += 1
            if len(false_examples) < misses:
                false_examples.append(f"{det.kind:<12} {text[det.start : det.end]!r}")
        for decoy in sample.decoys:
            decoys[decoy.kind] += 1
            decoys_kept[decoy.kind] += not any(d.start < decoy.end and decoy.start < d.end for d in dets)

    print(f"{'kind':<13}{'script':<15}{'n':>6}{'recall':>9}  target")
    for kind, script in sorted(planted):
        n = planted[kind, script]
        recall = caught[kind, script] / n
        verdict = ("ok" if recall >= RECALL_TARGET else "BELOW") if n >= MIN_CELL else "(n<20)"
        print(f"{kind:<13}{script:<15}{n:>6}{recall:>9.3f}  {verdict}")
    total, total_caught = sum(planted.values()), sum(caught.values())
    print(f"{'all':<28}{total:>6}{total_caught / total:>9.3f}")
    print()
    print(f"{'redaction kind':<16}{'n':>6}{'precision':>11}")
    for kind, n in redactions.most_common():
        print(f"{kind:<16}{n:>6}{correct[kind] / n:>11.3f}")
    all_red = sum(redactions.values())
    precision = sum(correct.values()) / all_red if all_red else 1.0
    verdict = "ok" if precision >= PRECISION_TARGET else "BELOW"
    print(f"{'all':<16}{all_red:>6}{precision:>11.3f}  target {PRECISION_TARGET} {verdict}")
    print("false positives:", ", ".join(f"{k} {n}" for k, n in false_hits.most_common(12)) or "none")
    print()
    print("decoys kept: " + ", ".join(f"{k} {decoys_kept[k]}/{n}" for k, n in sorted(decoys.items())))
    print()
    print("by country / variant (misses only):")
    for detail, counts in sorted(by_detail.items()):
        if counts["miss"]:
            print(f"  {detail:<28} {counts['miss']} of {counts['ok'] + counts['miss']} missed")
    chars = sum(len(s.text) for s in samples)
    cpu = _second_pass_cpu(samples, anonymizer)
    print()
    print(
        f"{len(samples)} texts, {total} planted values, mean {chars / len(samples):.0f} chars: "
        f"{elapsed / len(samples) * 1e6:.0f} µs/text, {chars / elapsed / 1e6:.2f} MB/s "
        f"(first pass, wall clock: word lists of a script load on its first text); "
        f"second pass {cpu / len(samples) * 1e6:.0f} µs/text of CPU"
    )
    if misses:
        print()
        print("sample of missed values (synthetic):")
        for kind, script, value, source in missed[:misses]:
            print(f"  {kind:<12} {script:<14} {source:<14} {value!r}")
        print("sample of false positives:")
        for line in false_examples:
            print("  " + line)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--misses", type=int, default=0, help="print this many missed values")
    parser.add_argument("--scale", type=int, default=1, help="multiply the set's size")
    parser.add_argument("--seed", type=int, default=SEED, help="draw another set (default %(default)s)")
    parser.add_argument(
        "--word-lists",
        type=Path,
        help="an operator's word-list directory (as CRIMEFEED_ANONYMIZATION_WORD_LISTS); default: bundled",
    )
    args = parser.parse_args()
    samples = generate(seed=args.seed, scale=args.scale)
    anonymizer = TextAnonymizer(word_lists=load_word_lists(args.word_lists))
    # First use loads the lazily built lists (places, frequent words): not part of the speed.
    anonymizer.find("Warm-up: Иван Петров, 12 Main Street, +44 20 7946 0958, JG 10 37 59 A.")
    evaluate(samples, anonymizer, args.misses)
    mo_reports_masks(anonymizer, args.misses)


MO_REPORTS = Path(__file__).resolve().parent / "data" / "mo_reports.json"


def mo_reports_masks(anonymizer: TextAnonymizer, examples: int) -> None:
    """Redactions on hand-written MO reports that hold no personal data (bench/data): every one
    is a false positive on real report prose, which the generated set's templates do not show."""
    reports = json.loads(MO_REPORTS.read_text(encoding="utf-8"))["reports"]
    action = anonymizer.policy.text.action
    counts: Counter[str] = Counter()
    shown: list[str] = []
    texts = [t for r in reports for t in (r["title"], r["narrative"], *r["modus_operandi"])]
    for text in texts:
        for det in anonymizer.find(text):
            if action("narrative", det.kind) != "keep":
                counts[det.kind] += 1
                if len(shown) < examples:
                    shown.append(f"{det.kind:<12} {text[det.start : det.end]!r}")
    print()
    print(
        f"MO reports without personal data ({len(reports)} reports, {len(texts)} texts): "
        + (", ".join(f"{kind} {n}" for kind, n in counts.most_common()) or "no")
        + " redactions (all false positives)"
    )
    for line in shown:
        print("  " + line)


if __name__ == "__main__":
    main()
