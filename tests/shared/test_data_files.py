"""parse_yaml reads what yaml.safe_load reads, and refuses what it refuses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from shared.data_files import parse_yaml

REPOSITORY = Path(__file__).resolve().parents[2]
PLAIN = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@given(PLAIN)
def test_a_dumped_document_reads_back_as_safe_load_reads_it(document: Any) -> None:
    text = yaml.safe_dump(document, allow_unicode=True)
    assert parse_yaml(text) == yaml.safe_load(text)


@pytest.mark.parametrize(
    "path",
    sorted(p for folder in ("shared", "services", "infra") for p in (REPOSITORY / folder).rglob("*.yaml")),
    ids=lambda path: str(path.relative_to(REPOSITORY)),
)
def test_every_data_file_of_the_repository_reads_as_safe_load_reads_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert parse_yaml(text) == yaml.safe_load(text)


def test_a_python_object_tag_is_refused() -> None:
    with pytest.raises(yaml.YAMLError):
        parse_yaml("!!python/object/apply:os.system ['true']")
