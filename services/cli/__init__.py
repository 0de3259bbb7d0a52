"""The `crimefeed` command line (docs/architecture.md, "The contracts")."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from services.cli import dlq, health, importing, infra, partners, running, up


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crimefeed", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    up_parser = commands.add_parser("up", help="run the whole system on this machine")
    up_parser.add_argument("--data-dir", type=Path, help="where the embedded store keeps its files")
    up_parser.add_argument("--demo", action="store_true", help="load the demo data set through the producers")
    up_parser.set_defaults(handler=up.command)

    run_parser = commands.add_parser("run", help="run one service (scaled deployments)")
    run_parser.add_argument("service", choices=running.SERVICES)
    run_parser.set_defaults(handler=running.command)

    import_parser = commands.add_parser("import", help="submit files through the producer path")
    import_parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    import_parser.add_argument(
        "--as", dest="partner", default="local-import", help="partner id to submit as (default: local-import)"
    )
    import_parser.add_argument("--data-dir", type=Path)
    import_parser.set_defaults(handler=importing.command)

    partners.add_parser(commands)
    infra.add_parser(commands)
    health.add_parser(commands)
    dlq.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code: int = args.handler(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
