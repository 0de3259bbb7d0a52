"""Accuracy of crime-category inference on the demo data set.

    python bench/category_accuracy.py [--seeds 7 8 9] [--size 240]

The labelled set: every demo submission (``generate_demo_set``) with its scenario's true
category. Each report goes through the production path with its category removed: MO report
-> STIX objects (``shared.stix.builder``) -> ``Tagger.tag_objects``, which infers the category
from the report's title, narrative and MO steps (attack-pattern names and descriptions). The
report is not anonymized first; anonymization only replaces personal data with placeholders.

Printed: overall accuracy, precision / recall / F1 per category, accuracy per language and per
distinct template (one template reworded with other personal details is one text, so the
"distinct texts" line is the honest sample size), and the most frequent confusions.

Overfitting. The rules (services/enrichment/data/category_rules.yaml) were first written from
domain knowledge, before any demo text was read; on seeds 7, 8, 9 that version scored 81.2%
(fr 87.0%, de 93.2%, es 82.4%, en 76.3%). That is the held-out figure. The rules were then
tuned after reading the English texts of the misclassified scenarios only (new terms were
written in all four languages from domain knowledge, without reading the fr/de/es texts):
92.4% on seeds 7-9 (en 90.5%; fr 93.2%, de 100%, es 93.2% on texts not read, but whose
scenarios were). Other seeds reuse the same ~120 templates, so they are not a fresh test set.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pydantic import ValidationError

from services.enrichment.tagging import Tagger
from services.producers.demo.generator import DemoSubmission, generate_demo_set
from shared.models.report import MOReport
from shared.stix import builder, ids
from shared.stix.errors import StixConversionError
from shared.stix.extension import get_extension

_CLOCK = datetime(2026, 11, 20, tzinfo=UTC)
_PSEUDONYM = ids.pseudonymize("bench-partner", b"bench-key")


@dataclass(frozen=True)
class Sample:
    truth: str
    predicted: str
    confidence: float
    language: str
    template: str
    scenario: str


def predict(tagger: Tagger, submission: DemoSubmission) -> tuple[str, float] | None:
    """The category the tagger infers for a submission with its category removed."""
    fields = {key: value for key, value in submission.report.items() if key != "crime_category"}
    try:
        report = MOReport.model_validate(fields)
        objects = builder.build_report_bundle(
            report, pseudonym=_PSEUDONYM, submission_id="bench", redactions={}, clock=lambda: _CLOCK
        )
    except (ValidationError, StixConversionError):
        return None
    tagger.tag_objects(objects)
    report_object = next(obj for obj in objects if obj["type"] == "report")
    extension = get_extension(report_object)
    return str(extension.get("crime_category")), float(extension.get("crime_category_confidence") or 0.0)


def collect(tagger: Tagger, seeds: Iterable[int], size: int) -> tuple[list[Sample], int, float]:
    samples: list[Sample] = []
    skipped = 0
    elapsed = 0.0
    for seed in seeds:
        for submission in generate_demo_set(seed=seed, size=size).submissions:
            start = time.perf_counter()
            result = predict(tagger, submission)
            elapsed += time.perf_counter() - start
            if result is None:
                skipped += 1
                continue
            samples.append(
                Sample(
                    truth=submission.category,
                    predicted=result[0],
                    confidence=result[1],
                    language=submission.language,
                    template=f"{submission.scenario_id}/{submission.template_id}",
                    scenario=submission.scenario_id,
                )
            )
    return samples, skipped, elapsed


def _ratio(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:6.1%}" if denominator else "     -"


def print_report(samples: list[Sample], skipped: int, elapsed: float) -> None:
    correct = sum(s.truth == s.predicted for s in samples)
    print(f"labelled reports: {len(samples)} (skipped as invalid: {skipped})")
    print(f"accuracy: {_ratio(correct, len(samples))}  ({correct}/{len(samples)})")
    by_text: dict[str, list[Sample]] = defaultdict(list)
    for sample in samples:
        by_text[sample.template].append(sample)
    text_correct = sum(
        Counter(s.truth == s.predicted for s in group).most_common(1)[0][0] for group in by_text.values()
    )
    print(
        f"distinct texts (scenario x template): {len(by_text)}, majority-correct: "
        f"{_ratio(text_correct, len(by_text))}"
    )
    print(f"time: {elapsed / max(len(samples), 1) * 1e6:.0f} µs per report (build + tag, whole bundle)")
    print()

    categories = sorted({s.truth for s in samples} | {s.predicted for s in samples})
    print(f"{'category':<28}{'support':>8}{'predicted':>10}{'precision':>11}{'recall':>9}{'F1':>8}")
    for category in categories:
        tp = sum(s.truth == category and s.predicted == category for s in samples)
        support = sum(s.truth == category for s in samples)
        n_predicted = sum(s.predicted == category for s in samples)
        precision = tp / n_predicted if n_predicted else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(
            f"{category:<28}{support:>8}{n_predicted:>10}{_ratio(tp, n_predicted):>11}"
            f"{_ratio(tp, support):>9}{f1:>8.2f}"
        )
    print()

    print(f"{'language':<10}{'reports':>8}{'accuracy':>10}")
    for language in sorted({s.language for s in samples}):
        group = [s for s in samples if s.language == language]
        right = sum(s.truth == s.predicted for s in group)
        print(f"{language:<10}{len(group):>8}{_ratio(right, len(group)):>10}")
    print()

    confusions = Counter((s.truth, s.predicted) for s in samples if s.truth != s.predicted)
    if confusions:
        print("most frequent confusions (true -> predicted: count)")
        for (truth, predicted), count in confusions.most_common(10):
            print(f"  {truth} -> {predicted}: {count}")
    wrong_texts = sorted(t for t, group in by_text.items() if any(s.truth != s.predicted for s in group))
    if wrong_texts:
        print(f"texts with an error: {', '.join(wrong_texts)}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seeds", type=int, nargs="+", default=[7, 8, 9])
    parser.add_argument("--size", type=int, default=240)
    args = parser.parse_args(argv)
    tagger = Tagger.load()
    samples, skipped, elapsed = collect(tagger, args.seeds, args.size)
    print(f"data: {tagger.version}")
    print_report(samples, skipped, elapsed)


if __name__ == "__main__":
    main()
