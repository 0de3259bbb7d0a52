"""`crimefeed partners add|list|revoke|rotate|restore`: works on the data directory, running system or not."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from shared.models.report import TLP
from shared.partners import PartnerError, PartnerRegistry
from shared.settings import CommonSettings


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("partners", help="manage partners and their API keys")
    actions = parser.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="add a partner; prints its new key on the last line")
    add.add_argument("name", help="partner id (used in recipients and as the TAXII user name)")
    add.add_argument("--max-tlp", required=True, choices=[tlp.value for tlp in TLP])
    add.add_argument("--groups", nargs="*", default=[], help="sharing groups")
    add.add_argument("--data-dir", type=Path)
    add.set_defaults(handler=_add)
    listing = actions.add_parser("list", help="list partners")
    listing.add_argument("--data-dir", type=Path)
    listing.set_defaults(handler=_list)
    revoke = actions.add_parser("revoke", help="revoke a partner's key")
    revoke.add_argument("name")
    revoke.add_argument("--data-dir", type=Path)
    revoke.set_defaults(handler=_revoke)
    rotate = actions.add_parser("rotate", help="replace a partner's key; prints the new key on the last line")
    rotate.add_argument("name")
    rotate.add_argument("--data-dir", type=Path)
    rotate.set_defaults(handler=_rotate)
    restore = actions.add_parser(
        "restore", help="re-activate a revoked partner with a new key; prints it on the last line"
    )
    restore.add_argument("name")
    restore.add_argument("--data-dir", type=Path)
    restore.set_defaults(handler=_restore)


def registry_for(args: argparse.Namespace) -> PartnerRegistry:
    data_dir = args.data_dir or CommonSettings().data_dir
    return PartnerRegistry.in_data_dir(data_dir)


def _add(args: argparse.Namespace) -> int:
    try:
        key = registry_for(args).add(args.name, TLP(args.max_tlp), tuple(args.groups))
    except PartnerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"partner {args.name} added (max TLP {args.max_tlp}); its API key, shown once:")
    print(key)
    return 0


def _list(args: argparse.Namespace) -> int:
    print(f"{'partner':<32} {'max tlp':<13} {'status':<8} groups")
    for partner in registry_for(args).list():
        status = "active" if partner.active else "revoked"
        print(f"{partner.partner_id:<32} {partner.max_tlp.value:<13} {status:<8} {','.join(partner.groups)}")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    try:
        registry_for(args).revoke(args.name)
    except PartnerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"partner {args.name} revoked")
    return 0


def _rotate(args: argparse.Namespace) -> int:
    return _new_key(args, PartnerRegistry.rotate_key, "old key revoked")


def _restore(args: argparse.Namespace) -> int:
    return _new_key(args, PartnerRegistry.restore, "restored; its old key stays revoked")


def _new_key(args: argparse.Namespace, action: Callable[[PartnerRegistry, str], str], done: str) -> int:
    """Run `action`, then print the new key alone on the last line (it is shown only once)."""
    try:
        key = action(registry_for(args), args.name)
    except PartnerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"partner {args.name}: {done}; its new API key, shown once:")
    print(key)
    return 0
