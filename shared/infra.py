"""Where the infra/ data files are: the repository's infra/ in a checkout, a packaged copy in a wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGED = Path(__file__).resolve().parent / "_infra"
_CHECKOUT = Path(__file__).resolve().parent.parent / "infra"


def infra_path(*parts: str) -> Path:
    base = _PACKAGED if _PACKAGED.is_dir() else _CHECKOUT
    return base.joinpath(*parts)
