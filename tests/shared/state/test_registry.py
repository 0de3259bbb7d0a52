"""The registry of state files agrees with the code and with the documents that list it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from shared.state.registry import RegistryError, load_registry, state_files

ROOT = Path(__file__).resolve().parents[3]
CODE_FOLDERS = ("shared", "services")


def _constants(tree: ast.Module) -> dict[str, str]:
    """Module-level ``NAME = "text"`` assignments."""
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                    found[target.id] = node.value.value
    return found


def _is_data_dir(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id == "data_dir") or (
        isinstance(node, ast.Attribute) and node.attr == "data_dir"
    )


def _parameter_values(tree: ast.Module, function: ast.FunctionDef, parameter: str) -> set[str]:
    """The string constants the module passes to ``function``'s ``parameter``."""
    params = [arg.arg for arg in function.args.args]
    position = params.index(parameter) - (1 if params and params[0] == "self" else 0)
    values: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        callee = node.func
        name = callee.attr if isinstance(callee, ast.Attribute) else getattr(callee, "id", None)
        if name == function.name and len(node.args) > position:
            argument = node.args[position]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                values.add(argument.value)
    return values


def files_in_data_dir(path: Path) -> set[str]:
    """Every ``<...>data_dir / "<name>"`` in one module; the name may be a module constant or a
    parameter of the enclosing function that the module calls with string constants."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = _constants(tree)
    names: set[str] = set()
    functions = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]
    for node in ast.walk(tree):
        if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and _is_data_dir(node.left)):
            continue
        right = node.right
        if isinstance(right, ast.Constant) and isinstance(right.value, str):
            names.add(right.value)
        elif isinstance(right, ast.Name) and right.id in constants:
            names.add(constants[right.id])
        else:
            enclosing = [
                f
                for f in functions
                if f.lineno <= node.lineno <= (f.end_lineno or f.lineno)
                and isinstance(right, ast.Name)
                and right.id in [arg.arg for arg in f.args.args]
            ]
            values = _parameter_values(tree, enclosing[-1], right.id) if enclosing else set()
            assert values, f"{path}:{node.lineno}: a data-dir file name this test cannot read"
            names |= values
    return names


def code_state_files() -> dict[str, set[str]]:
    """File name -> the modules that put it in the data directory."""
    found: dict[str, set[str]] = {}
    for folder in CODE_FOLDERS:
        for module in sorted((ROOT / folder).rglob("*.py")):
            for name in files_in_data_dir(module):
                found.setdefault(name, set()).add(str(module.relative_to(ROOT)))
    return found


def test_every_file_the_code_keeps_in_the_data_dir_is_registered_and_nothing_else() -> None:
    in_code = code_state_files()
    registered = {f.name for f in state_files()}
    assert set(in_code) - registered == set(), "state files missing from shared/state/state_files.yaml"
    assert registered - set(in_code) == set(), "registered state files no code writes"
    for entry in state_files():
        assert entry.code in in_code[entry.name], f"{entry.name}: code should be one of {in_code[entry.name]}"


def test_registered_settings_exist() -> None:
    from services.enrichment.settings import EnrichmentSettings
    from services.producers.settings import ProducersSettings
    from services.search.settings import SearchSettings

    known = {
        f"CRIMEFEED_{name.upper()}"
        for cls in (EnrichmentSettings, ProducersSettings, SearchSettings)
        for name in cls.model_fields
    }
    for entry in state_files():
        assert entry.setting is None or entry.setting in known, entry.name


def _section(document: Path, heading: str) -> str:
    text = document.read_text(encoding="utf-8")
    start = text.index(heading)
    following = re.search(r"^## ", text[start + len(heading) :], re.MULTILINE)
    return text[start : start + len(heading) + following.start()] if following else text[start:]


@pytest.mark.parametrize(
    ("document", "heading"),
    [("docs/operations.md", "## 6. Back up and restore"), ("docs/architecture.md", "## 4. The state")],
)
def test_documents_list_exactly_the_registered_files(document: str, heading: str) -> None:
    section = _section(ROOT / document, heading)
    rows = re.findall(r"^\s*\| `([^`]+)` \|", section, re.MULTILINE)
    assert sorted(rows) == sorted(f.name for f in state_files())  # each once


def test_the_guide_says_how_each_file_is_backed_up() -> None:
    section = _section(ROOT / "docs/operations.md", "## 6. Back up and restore")
    for entry in state_files():
        row = re.search(rf"^\s*\| `{re.escape(entry.name)}` \|(.*)$", section, re.MULTILINE)
        assert row is not None
        assert entry.backup in row.group(1), f"{entry.name}: the guide should say '{entry.backup}'"


def test_a_malformed_registry_names_the_entry_and_field(tmp_path: Path) -> None:
    path = tmp_path / "state_files.yaml"
    path.write_text("files:\n  - {name: a, kind: database}\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=r"files\[0\]\.used_by"):
        load_registry(path)
    path.write_text(
        "files:\n  - {name: a, kind: tape, used_by: [x], owner: x, code: x, holds: x, backup: none, "
        "if_lost: x}\n",
        encoding="utf-8",
    )
    with pytest.raises(RegistryError, match=r"files\[0\]\.kind: must be one of sqlite"):
        load_registry(path)
