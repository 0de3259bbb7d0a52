"""docker-compose.yml, .env.example, infra/kafka and docs/operations.md agree with each other and
with the code: validated by Debian's `docker-compose config` (no Docker daemon needed)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from services.cli.infra import InfraSettings
from services.enrichment.settings import EnrichmentSettings
from services.producers.settings import ProducersSettings
from services.search.settings import SearchSettings
from shared.kafka.acls import AclBinding, Operation, PatternType, ResourceType, desired_acls, load_acl_spec
from shared.kafka.topics import Topics, topic_definitions
from shared.models.report import TLP
from shared.partners import Partner
from shared.settings import CommonSettings

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
GUIDE = ROOT / "docs" / "operations.md"
SETTINGS_OF: dict[str, type[CommonSettings]] = {
    "producers": ProducersSettings,
    "enrichment": EnrichmentSettings,
    "search": SearchSettings,
    "infra-apply": InfraSettings,
}
ONE_SHOT = {"kafka-users", "infra-apply"}


def docker_compose(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("docker-compose")
    assert binary, "docker-compose is not installed (Debian package docker-compose; .ci/run installs it)"
    command = [binary, "--project-directory", str(ROOT), "-f", str(COMPOSE), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)


def example_env() -> dict[str, str]:
    pairs = (
        line.split("=", 1) for line in ENV_EXAMPLE.read_text().splitlines() if re.match(r"^[A-Z_]+=", line)
    )
    return {key: value for key, value in pairs}


@cache
def resolved() -> dict[str, Any]:
    result = docker_compose("--env-file", str(ENV_EXAMPLE), "config", env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    config: dict[str, Any] = yaml.safe_load(result.stdout)
    return config


def services() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = resolved()["services"]
    return found


def test_compose_file_is_valid() -> None:
    result = docker_compose("--env-file", str(ENV_EXAMPLE), "config", "-q", env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert {
        "kafka",
        "opensearch",
        "opensearch-dashboards",
        "infra-apply",
        "producers",
        "enrichment",
        "search",
    } <= set(services())


def test_no_secret_is_committed_and_a_missing_one_stops_compose(tmp_path: Path) -> None:
    empty = tmp_path / "empty.env"
    empty.write_text("")
    result = docker_compose("--env-file", str(empty), "config", "-q", env={"PATH": "/usr/bin:/bin"})
    assert result.returncode != 0
    assert "in .env" in result.stderr  # the `${VAR:?set VAR in .env}` message names what is missing
    text = COMPOSE.read_text()
    for value in example_env().values():
        if value.startswith("change-me") or value.startswith("Change-me"):
            assert value not in text


def test_env_example_lists_every_variable_compose_reads_and_no_other() -> None:
    referenced = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", COMPOSE.read_text()))
    assert referenced == set(example_env())


def known_env(settings_class: type[CommonSettings]) -> set[str]:
    return {f"CRIMEFEED_{name.upper()}" for name in settings_class.model_fields}


@pytest.mark.parametrize("service", sorted(SETTINGS_OF))
def test_every_crimefeed_variable_is_known_and_accepted_by_the_services_settings(
    service: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    environment: dict[str, str] = {k: str(v) for k, v in services()[service]["environment"].items()}
    ours = {key: value for key, value in environment.items() if key.startswith("CRIMEFEED_")}
    unknown = set(ours) - known_env(SETTINGS_OF[service])
    assert not unknown, f"{service}: variables its settings class ignores: {sorted(unknown)}"
    for key, value in ours.items():
        monkeypatch.setenv(key, value)
    settings = SETTINGS_OF[service]()  # validates the combination (e.g. SASL needs a user)
    assert settings.kafka_bootstrap == "kafka:9092"


def test_long_running_services_have_health_checks_and_one_shots_do_not_restart() -> None:
    for name, service in services().items():
        if name in ONE_SHOT:
            assert service.get("restart") == "no", name
        else:
            assert service.get("healthcheck", {}).get("test"), f"{name} has no health check"


def test_services_start_after_their_dependencies_are_ready() -> None:
    for name in ("producers", "enrichment", "search"):
        depends = services()[name]["depends_on"]
        assert depends["kafka"]["condition"] == "service_healthy"
        assert depends["opensearch"]["condition"] == "service_healthy"
        assert depends["infra-apply"]["condition"] == "service_completed_successfully"
    infra = services()["infra-apply"]["depends_on"]
    assert infra["kafka-users"]["condition"] == "service_completed_successfully"
    assert services()["enrichment"]["deploy"]["replicas"] == 2


def test_kafka_has_sasl_scram_and_deny_by_default_acls() -> None:
    kafka = services()["kafka"]["environment"]
    assert "SCRAM-SHA-512" in kafka["KAFKA_SASL_ENABLED_MECHANISMS"]
    assert kafka["KAFKA_AUTHORIZER_CLASS_NAME"].endswith("StandardAuthorizer")
    assert kafka["KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND"] == "false"
    assert (
        "PLAINTEXT://" not in kafka["KAFKA_LISTENERS"]
        and "SASL_PLAINTEXT" in kafka["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"]
    )
    opensearch = services()["opensearch"]["environment"]
    assert "DISABLE_SECURITY_PLUGIN" not in opensearch and opensearch["OPENSEARCH_INITIAL_ADMIN_PASSWORD"]


def service_principal(name: str) -> str:
    return f"User:{services()[name]['environment']['CRIMEFEED_KAFKA_SASL_USERNAME']}"


def test_service_users_match_the_acl_principals_and_the_users_job() -> None:
    spec = load_acl_spec()
    users_job = " ".join(str(part) for part in services()["kafka-users"]["command"])
    for name, entry in spec.services.items():
        assert service_principal(name) == entry["principal"], name
        assert name in users_job, f"kafka-users does not create the user of {name}"
    for name, group_key in (
        ("enrichment", "CRIMEFEED_ENRICHMENT_GROUP_ID"),
        ("search", "CRIMEFEED_SEARCH_GROUP_ID"),
    ):
        group = services()[name]["environment"][group_key]
        grants = desired_acls(spec, [], "crimefeed.")
        assert any(
            b.principal == service_principal(name)
            and b.resource_type is ResourceType.GROUP
            and b.resource_name == group
            for b in grants
        ), f"{name} may not use its consumer group {group}"


def allowed(bindings: set[AclBinding], principal: str, operation: Operation, topic: str) -> bool:
    return any(
        b.principal == principal
        and b.operation is operation
        and b.resource_type is ResourceType.TOPIC
        and (
            b.resource_name == topic
            if b.pattern is PatternType.LITERAL
            else topic.startswith(b.resource_name)
        )
        for b in bindings
    )


def principals(bindings: set[AclBinding]) -> Iterator[str]:
    yield from sorted({b.principal for b in bindings})


def test_every_topic_has_a_writer_and_a_reader_under_the_acls() -> None:
    prefix = str(services()["producers"]["environment"]["CRIMEFEED_TOPIC_PREFIX"])
    red_partner = Partner("nl-police", TLP.RED)
    bindings = desired_acls(load_acl_spec(), [red_partner], prefix)
    topics = Topics(prefix)
    every = [d.name for d in topic_definitions(prefix)] + [topics.red_feed("nl-police")]
    for topic in every:
        writers = [p for p in principals(bindings) if allowed(bindings, p, Operation.WRITE, topic)]
        readers = [p for p in principals(bindings) if allowed(bindings, p, Operation.READ, topic)]
        assert writers, f"nobody may write {topic}"
        # Dead letters are read by operators (the admin super user); AMBER+STRICT by no partner
        # (infra/kafka/acls.yaml says why); everything else has a reader.
        if topic.endswith(".dlq") or topic == topics.feed("amber+strict"):
            assert not any(p.startswith("User:partner.") for p in readers), topic
        else:
            assert readers, f"nobody may read {topic}"


def test_operations_guide_names_only_real_variables_services_and_commands() -> None:
    guide = GUIDE.read_text()
    known = set().union(*(known_env(cls) for cls in SETTINGS_OF.values()))
    for variable in set(re.findall(r"\bCRIMEFEED_[A-Z0-9_]+", guide)):
        assert variable in known, f"the guide names {variable}, which no settings class knows"
    for variable in set(re.findall(r"\b(?:KAFKA|OPENSEARCH)_[A-Z0-9_]+\b", guide)):
        assert variable in example_env() or variable in services()["kafka"]["environment"], variable
    for service in set(
        re.findall(r"docker-compose (?:[a-z-]+ )*(?:up|run --rm|restart|logs)(?: -d)? ([a-z-]+)", guide)
    ):
        assert service in services() or service.startswith("-"), f"the guide names a service {service!r}"


def test_images_run_the_engine_versions_the_tests_ran_against() -> None:
    """infra/dev/versions.env pins what `infra/dev/services.sh` (and so CI) runs."""
    pinned = dict(
        line.split("=", 1)
        for line in (ROOT / "infra" / "dev" / "versions.env").read_text().splitlines()
        if re.match(r"^[A-Z_]+=", line)
    )
    images = {name: str(service.get("image", "")) for name, service in services().items()}
    assert images["kafka"] == images["kafka-users"] == f"apache/kafka:{pinned['KAFKA_VERSION']}"
    assert images["opensearch"] == f"opensearchproject/opensearch:{pinned['OPENSEARCH_VERSION']}"
    assert images["opensearch-dashboards"] == (
        f"opensearchproject/opensearch-dashboards:{pinned['OPENSEARCH_VERSION']}"
    )
