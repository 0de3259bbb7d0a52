"""The TAXII sources file: what it accepts, and errors that name the bad field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from services.producers.runtime import create_runtime
from services.producers.settings import ProducersSettings
from services.producers.taxii_sources import TaxiiSourcesError, load_sources
from shared.models.report import TLP

EXAMPLE = Path(__file__).resolve().parents[3] / "infra" / "taxii" / "sources.example.yaml"
ENV = {"USER_VAR": "poller", "PASSWORD_VAR": "s3cret", "TOKEN_VAR": "t0ken"}


def entry(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": "feed",
        "url": "https://taxii.example/api1",
        "collection": "91a7b528-80eb-42ed-a74d-c6fbd5a26116",
        "partner": "nl-cert",
        "tlp": "green",
        "auth": {"username_env": "USER_VAR", "password_env": "PASSWORD_VAR"},
    }
    base.update(overrides)
    return {key: value for key, value in base.items() if value is not None}


def write(tmp_path: Path, document: Any) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(document if isinstance(document, str) else yaml.safe_dump(document))
    return path


def problems(tmp_path: Path, document: Any, env: dict[str, str] = ENV) -> list[str]:
    with pytest.raises(TaxiiSourcesError) as caught:
        load_sources(write(tmp_path, document), env)
    return caught.value.problems


def test_valid_source_gets_defaults_and_credentials_from_the_environment(tmp_path: Path) -> None:
    [source] = load_sources(write(tmp_path, {"sources": [entry()]}), ENV)

    assert source.config.url == "https://taxii.example/api1/"
    assert source.config.tlp is TLP.GREEN
    assert (source.config.interval_seconds, source.config.page_size) == (300, 100)
    assert (source.credentials.username, source.credentials.password) == ("poller", "s3cret")
    assert "s3cret" not in repr(source)


def test_token_auth(tmp_path: Path) -> None:
    [source] = load_sources(write(tmp_path, {"sources": [entry(auth={"token_env": "TOKEN_VAR"})]}), ENV)
    assert source.credentials.token == "t0ken"
    assert source.config.auth is not None and source.config.auth.token_scheme == "Bearer"


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        (
            {"tlp": "purple"},
            "sources[1].tlp: Input should be 'clear', 'green', 'amber', 'amber+strict' or 'red'",
        ),
        ({"tlp": "red"}, "sources[1].tlp: Value error, red cannot be applied to a polled feed"),
        ({"collection": None}, "sources[1].collection: Field required"),
        ({"url": "taxii.example/api1/"}, "sources[1].url: Value error, must be an http:// or https:// URL"),
        ({"interval_seconds": 0}, "sources[1].interval_seconds: Input should be greater than 0"),
        ({"colection": "x"}, "sources[1].colection: Extra inputs are not permitted"),
        ({"name": "has space"}, "sources[1].name: String should match pattern"),
        ({"auth": {"username_env": "USER_VAR"}}, "sources[1].auth: Value error, HTTP Basic needs both"),
    ],
)
def test_bad_field_is_named(tmp_path: Path, overrides: dict[str, Any], expected: str) -> None:
    found = problems(tmp_path, {"sources": [entry(), entry(**{"name": "second", **overrides})]})
    assert any(problem.startswith(expected) for problem in found), found


def test_missing_environment_variable_names_the_field_and_the_variable(tmp_path: Path) -> None:
    found = problems(tmp_path, {"sources": [entry()]}, env={"USER_VAR": "poller"})
    assert found == ["sources[0].auth.password_env: environment variable PASSWORD_VAR is not set"]


def test_duplicate_names_empty_lists_and_bad_yaml_are_refused(tmp_path: Path) -> None:
    assert "repeated: feed" in problems(tmp_path, {"sources": [entry(), entry()]})[0]
    assert problems(tmp_path, {"sources": []})[0].startswith("sources: List should have at least 1 item")
    assert problems(tmp_path, "sources: [unclosed")[0].startswith("not valid YAML")
    with pytest.raises(TaxiiSourcesError, match="cannot read the file"):
        load_sources(tmp_path / "missing.yaml", ENV)


def test_the_example_file_is_valid() -> None:
    env = {"NL_CERT_TAXII_USER": "u", "NL_CERT_TAXII_PASSWORD": "p", "ISP_TAXII_TOKEN": "t"}
    names = [source.name for source in load_sources(EXAMPLE, env)]
    assert names == ["nl-cert-mo-feed", "isp-abuse-feed"]


def test_producers_refuse_to_start_with_a_bad_sources_file(tmp_path: Path) -> None:
    path = write(tmp_path, {"sources": [entry(tlp="red")]})
    settings = ProducersSettings(data_dir=tmp_path, taxii_sources=path)
    with pytest.raises(TaxiiSourcesError, match=r"sources\[0\]\.tlp"):
        create_runtime(settings)
