"""The `crimefeed` command line (docs/architecture.md, "The contracts")."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Each subcommand's module defines its parser (`add_parser`) and handler. Only the chosen one is
# imported: the services' modules (FastStream, the anonymizer, the sentence encoder) take seconds
# to import together, and `crimefeed partners list` should not wait for them.
COMMANDS = {
    "up": "services.cli.up",
    "run": "services.cli.running",
    "import": "services.cli.importing",
    "partners": "services.cli.partners",
    "infra": "services.cli.infra",
    "health": "services.cli.health",
    "dlq": "services.cli.dlq",
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of `command` alone, or of every subcommand (for `--help` and usage errors)."""
    parser = argparse.ArgumentParser(prog="crimefeed", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, module in COMMANDS.items():
        if command in (None, name):
            importlib.import_module(module).add_parser(commands)
    return parser


def chosen_command(argv: Sequence[str]) -> str | None:
    first = next((arg for arg in argv if not arg.startswith("-")), None)
    return first if first in COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(chosen_command(arguments)).parse_args(arguments)
    code: int = args.handler(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
