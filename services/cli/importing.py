"""`crimefeed import PATH...`: submit files through the producer path, with a progress bar."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from tqdm import tqdm

from services.producers.bulk import BulkSummary, submit_items
from services.producers.importer import expand_paths, read_items
from services.producers.intake_pool import usable_cpus
from services.producers.runtime import create_runtime
from services.producers.settings import ProducersSettings
from services.producers.taxii_sources import TaxiiSourcesError
from shared.anonymization.word_lists import WordListError


async def import_files(args: argparse.Namespace, settings: ProducersSettings) -> BulkSummary:
    runtime = create_runtime(settings)
    files = expand_paths(args.paths)
    items = [item for path in files for item in read_items(path, runtime.misp_personal)]
    runtime.intake.start()
    await runtime.broker.start()
    try:
        with tqdm(total=len(items), unit="item", desc="importing", file=sys.stderr) as progress:
            return await submit_items(
                items,
                args.partner,
                runtime.intake,
                runtime.publisher,
                on_done=lambda: progress.update(1),
            )
    finally:
        await runtime.broker.stop()
        await asyncio.to_thread(runtime.intake.close)


def print_summary(summary: BulkSummary) -> None:
    for where, reason in summary.rejected:
        print(f"rejected {where}: {reason}")
    redactions = ", ".join(f"{kind} {count}" for kind, count in sorted(summary.redactions.items())) or "none"
    print(
        f"accepted {summary.accepted}, rejected {len(summary.rejected)}, "
        f"STIX objects {summary.objects}; personal data removed: {redactions}"
    )


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("import", help="submit files through the producer path")
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument(
        "--as", dest="partner", default="local-import", help="partner id to submit as (default: local-import)"
    )
    parser.add_argument("--data-dir", type=Path)
    parser.set_defaults(handler=command)


def command(args: argparse.Namespace) -> int:
    overrides = {"data_dir": args.data_dir} if args.data_dir else {}
    missing = [str(path) for path in args.paths if not path.exists()]
    if missing:
        print(f"error: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        settings = ProducersSettings(**overrides)
        if settings.producers_workers is None:
            # A bulk import is a batch job that has the host to itself while it runs: one worker
            # per CPU prepares items side by side (docs/operations.md, "Intake limits").
            settings.producers_workers = usable_cpus()
        summary = asyncio.run(import_files(args, settings))
    except (TaxiiSourcesError, ValidationError, WordListError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print_summary(summary)
    return 0 if not summary.rejected else 1
