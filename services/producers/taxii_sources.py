"""The TAXII 2.1 collections the producers poll, read from a YAML file (CRIMEFEED_TAXII_SOURCES).

Secrets never sit in the file: it names the environment variables that hold them, and those
are read when the file is loaded, so a missing one fails at start with the field that names it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from services.producers.errors import describe_validation_error
from shared.data_files import parse_yaml
from shared.models.report import TLP


class TaxiiSourcesError(ValueError):
    """The sources file cannot be used; each line of `problems` names the bad field."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__(f"{path}: " + "; ".join(problems))
        self.path = path
        self.problems = problems


class SourceAuth(BaseModel):
    """Names of environment variables holding the credentials (HTTP Basic, or a token)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    username_env: str | None = None
    password_env: str | None = None
    token_env: str | None = None
    token_scheme: str = Field(default="Bearer", pattern=r"^[A-Za-z][A-Za-z0-9._-]*$")

    @model_validator(mode="after")
    def one_scheme(self) -> SourceAuth:
        basic = self.username_env is not None or self.password_env is not None
        if basic and (self.username_env is None or self.password_env is None):
            raise ValueError("HTTP Basic needs both username_env and password_env")
        if basic and self.token_env is not None:
            raise ValueError("give either username_env/password_env or token_env, not both")
        return self


class TaxiiSourceConfig(BaseModel):
    """One upstream collection, as written in the file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    url: str = Field(description="TAXII 2.1 API root, or the server's discovery URL")
    collection: str = Field(min_length=1, description="Collection id")
    partner: str = Field(min_length=1, description="Partner id to submit as; its pseudonym signs the objects")
    interval_seconds: float = Field(default=300, gt=0)
    tlp: TLP = Field(description="Applied to every polled object that has no TLP or a weaker one")
    page_size: int = Field(default=100, gt=0, le=10_000)
    auth: SourceAuth | None = None
    verify_tls: bool = True

    @field_validator("url")
    @classmethod
    def http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return value if value.endswith("/") else value + "/"

    @field_validator("tlp")
    @classmethod
    def not_red(cls, value: TLP) -> TLP:
        # RED reaches only named recipients (docs/architecture.md, "The access rule"): a polled
        # feed names none.
        if value is TLP.RED:
            raise ValueError("red cannot be applied to a polled feed: TLP:RED needs named recipients")
        return value


class TaxiiSourcesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sources: list[TaxiiSourceConfig] = Field(min_length=1)

    @model_validator(mode="after")
    def unique_names(self) -> TaxiiSourcesFile:
        names = [source.name for source in self.sources]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(f"source names must be unique; repeated: {', '.join(duplicates)}")
        return self


@dataclass(frozen=True)
class Credentials:
    username: str | None = None
    password: str | None = None
    token: str | None = None

    def __repr__(self) -> str:  # never print a secret in a log line or a traceback
        scheme = "basic" if self.username else "token" if self.token else "none"
        return f"Credentials({scheme})"


@dataclass(frozen=True)
class TaxiiSource:
    """A source ready to poll: the file's settings plus the credentials read from the environment."""

    config: TaxiiSourceConfig
    credentials: Credentials

    @property
    def name(self) -> str:
        return self.config.name

    @property
    def state_key(self) -> str:
        """Where to resume: per source and collection, so pointing a source elsewhere starts afresh."""
        return f"{self.config.name}|{self.config.url}|{self.config.collection}"


def load_sources(path: Path, environ: Mapping[str, str] | None = None) -> list[TaxiiSource]:
    """The sources of a YAML file, or TaxiiSourcesError naming each bad field."""
    env = os.environ if environ is None else environ
    parsed = _validated(path, _read_yaml(path))
    sources: list[TaxiiSource] = []
    problems: list[str] = []
    for index, config in enumerate(parsed.sources):
        credentials, missing = _credentials(config.auth, env)
        problems.extend(f"sources[{index}].auth.{field}: {reason}" for field, reason in missing)
        sources.append(TaxiiSource(config, credentials))
    if problems:
        raise TaxiiSourcesError(path, problems)
    return sources


def _read_yaml(path: Path) -> Any:
    try:
        return parse_yaml(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise TaxiiSourcesError(path, [f"cannot read the file: {error.strerror or error}"]) from error
    except yaml.YAMLError as error:
        raise TaxiiSourcesError(path, [f"not valid YAML: {error}"]) from error


def _validated(path: Path, document: Any) -> TaxiiSourcesFile:
    try:
        return TaxiiSourcesFile.model_validate(document)
    except ValidationError as error:
        raise TaxiiSourcesError(path, describe_validation_error(error)) from error


def _credentials(
    auth: SourceAuth | None, env: Mapping[str, str]
) -> tuple[Credentials, list[tuple[str, str]]]:
    """The credentials, and (field, reason) for each named variable that is not set."""
    if auth is None:
        return Credentials(), []
    wanted = {
        "username_env": auth.username_env,
        "password_env": auth.password_env,
        "token_env": auth.token_env,
    }
    values: dict[str, str] = {}
    missing: list[tuple[str, str]] = []
    for field, variable in wanted.items():
        if variable is None:
            continue
        value = env.get(variable)
        if not value:
            missing.append((field, f"environment variable {variable} is not set"))
        else:
            values[field] = value
    credentials = Credentials(
        username=values.get("username_env"),
        password=values.get("password_env"),
        token=values.get("token_env"),
    )
    return credentials, missing
