"""OpenSearch infra as data: the index templates and ISM policies in infra/opensearch/, applied
idempotently (``crimefeed infra apply``), and the client every OpenSearch user here opens.

Templates and policies are JSON files; ``{prefix}`` in them stands for the deployment's index
prefix (default ``crimefeed-``), so several deployments (or test runs) can share one cluster.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from opensearchpy import AsyncOpenSearch, NotFoundError, TransportError

from shared.infra import infra_path

DEFAULT_PREFIX = "crimefeed-"
TEMPLATE_NAMES = ("objects", "counters", "statuses", "audit")
_ISM_POLICIES = "/_plugins/_ism/policies"


def connect(
    url: str,
    *,
    username: str | None = None,
    password: str | None = None,
    verify_certs: bool = True,
    ca_certs: str | None = None,
    timeout: float = 30.0,
) -> AsyncOpenSearch:
    """An async client; Basic auth when a user name is given, TLS as the URL says."""
    auth = (username, password or "") if username else None
    return AsyncOpenSearch(
        hosts=[url], http_auth=auth, verify_certs=verify_certs, ca_certs=ca_certs, timeout=timeout
    )


def _load(path: Path, prefix: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8").replace("{prefix}", prefix))
    return data


def template_file(name: str) -> Path:
    return infra_path("opensearch", "templates", f"{name}.json")


def load_template(name: str, prefix: str = DEFAULT_PREFIX) -> dict[str, Any]:
    """One index template (``_index_template`` body) with the prefix filled in."""
    return _load(template_file(name), prefix)


def index_body(name: str, prefix: str = DEFAULT_PREFIX) -> dict[str, Any]:
    """Settings and mappings for creating one index directly (without relying on the template)."""
    template: dict[str, Any] = load_template(name, prefix)["template"]
    return template


def load_policies(prefix: str = DEFAULT_PREFIX) -> dict[str, dict[str, Any]]:
    """ISM policies by id (``<prefix><file stem>``)."""
    folder = infra_path("opensearch", "policies")
    return {f"{prefix}{path.stem}": _load(path, prefix) for path in sorted(folder.glob("*.json"))}


def _flat(value: Any, path: str = "") -> dict[str, str]:
    """Dotted keys with string leaves: OpenSearch returns settings nested or dotted, numbers as
    strings and booleans as "true"; comparing flattened strings ignores those differences."""
    if isinstance(value, Mapping):
        out: dict[str, str] = {}
        for key, item in value.items():
            out.update(_flat(item, f"{path}.{key}" if path else str(key)))
        return out
    if isinstance(value, list):
        return {path: json.dumps([_flat(item) for item in value], sort_keys=True)}
    if isinstance(value, bool):
        return {path: "true" if value else "false"}
    return {path: str(value)}


def _settings(value: Mapping[str, Any]) -> dict[str, str]:
    return {key.removeprefix("index."): item for key, item in _flat(value).items()}


def same_template(wanted: Mapping[str, Any], current: Mapping[str, Any]) -> bool:
    """Whether the cluster's template already says what the file says."""
    wanted_t, current_t = wanted.get("template", {}), current.get("template", {})
    return (
        list(wanted.get("index_patterns", [])) == list(current.get("index_patterns", []))
        and wanted.get("priority") == current.get("priority")
        and _flat(wanted.get("_meta", {})) == _flat(current.get("_meta", {}))
        and _settings(wanted_t.get("settings", {})) == _settings(current_t.get("settings", {}))
        and _flat(wanted_t.get("mappings", {})) == _flat(current_t.get("mappings", {}))
    )


async def _apply_template(client: AsyncOpenSearch, name: str, body: dict[str, Any], dry_run: bool) -> str:
    try:
        found = await client.indices.get_index_template(name=name)
        current: dict[str, Any] | None = found["index_templates"][0]["index_template"]
    except NotFoundError:
        current = None
    if current is not None and same_template(body, current):
        return f"unchanged template {name}"
    verb = "created" if current is None else "updated"
    if not dry_run:
        await client.indices.put_index_template(name=name, body=body)
    return f"{'would have ' if dry_run else ''}{verb} template {name}"


def _ism_missing(error: TransportError) -> bool:
    """The cluster has no ISM plugin (OpenSearch without it, or a test server)."""
    return error.status_code == 400 and "no handler found" in str(error.info or error.error)


def same_policy(wanted: Mapping[str, Any], current: Mapping[str, Any]) -> bool:
    keys = ("description", "default_state", "states", "ism_template")
    want, have = wanted.get("policy", {}), current.get("policy", {})
    # ISM adds defaults (last_updated_time, schema_version, retry settings): compare what we set.
    return all(_flat(want.get(key)) == _flat(_strip_ism_defaults(have.get(key))) for key in keys)


def _strip_ism_defaults(value: Any) -> Any:
    if isinstance(value, list):
        return [_strip_ism_defaults(item) for item in value]
    if isinstance(value, dict):
        return {
            key: _strip_ism_defaults(item)
            for key, item in value.items()
            if key not in ("last_updated_time", "retry")
        }
    return value


async def _apply_policy(client: AsyncOpenSearch, policy_id: str, body: dict[str, Any], dry_run: bool) -> str:
    path = f"{_ISM_POLICIES}/{policy_id}"
    try:
        current: dict[str, Any] | None = await client.transport.perform_request("GET", path)
    except NotFoundError:
        current = None
    except TransportError as error:
        if _ism_missing(error):
            return f"skipped ISM policy {policy_id}: the cluster has no ISM plugin"
        raise
    if current is not None and same_policy(body, current):
        return f"unchanged ISM policy {policy_id}"
    prefix = "would have " if dry_run else ""
    if dry_run:
        return f"{prefix}{'created' if current is None else 'updated'} ISM policy {policy_id}"
    if current is None:
        await client.transport.perform_request("PUT", path, body=body)
        return f"created ISM policy {policy_id}"
    params = {"if_seq_no": current["_seq_no"], "if_primary_term": current["_primary_term"]}
    await client.transport.perform_request("PUT", path, params=params, body=body)
    return f"updated ISM policy {policy_id}"


async def apply_opensearch(
    url: str,
    *,
    prefix: str = DEFAULT_PREFIX,
    username: str | None = None,
    password: str | None = None,
    verify_certs: bool = True,
    ca_certs: str | None = None,
    dry_run: bool = False,
) -> list[str]:
    """Create or update the index templates and ISM policies; one line per item saying what changed."""
    client = connect(url, username=username, password=password, verify_certs=verify_certs, ca_certs=ca_certs)
    try:
        return await apply_with_client(client, prefix=prefix, dry_run=dry_run)
    finally:
        await client.close()


async def apply_with_client(client: AsyncOpenSearch, *, prefix: str, dry_run: bool = False) -> list[str]:
    lines = [
        await _apply_template(client, f"{prefix}{name}", load_template(name, prefix), dry_run)
        for name in TEMPLATE_NAMES
    ]
    for policy_id, body in load_policies(prefix).items():
        lines.append(await _apply_policy(client, policy_id, body, dry_run))
    return lines
