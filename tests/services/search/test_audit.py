from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from services.search.audit import AuditLog
from shared.models.report import TLP
from tests.support.search import enrich, sample_report
from tests.support.search_server import SearchServer


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_record_appends_one_flushed_line_and_never_rewrites(tmp_path: Path) -> None:
    path = tmp_path / "audit.log"
    path.write_text('{"earlier": "line"}\n')
    log = AuditLog(path)
    log.record(partner="nl-police", method="GET", endpoint="/x", query={"q": ["a"]}, status=200, returned=3)
    # Flushed per line: readable before close.
    [earlier, line] = lines(path)
    assert earlier == {"earlier": "line"}
    assert line["partner"] == "nl-police" and line["returned"] == 3 and line["query"] == {"q": ["a"]}
    assert line["time"].endswith("Z")
    log.close()
    again = AuditLog(path)
    again.record(partner=None, method="GET", endpoint="/y", query={}, status=401, returned=0)
    again.close()
    assert len(lines(path)) == 3


async def test_a_line_per_request_with_partner_query_status_and_count(
    search_server: SearchServer, tmp_path: Path
) -> None:
    objects = enrich(tmp_path, [("nl-police", sample_report(tlp="green"))])
    await search_server.store.add(objects)
    key = search_server.partners.add("nl-police", TLP.GREEN)
    before = search_server.audit_path.stat().st_size if search_server.audit_path.exists() else 0
    async with search_server.client(key) as client:
        params = {"q": "parcel", "limit": 2, "tlp": "green"}
        found = (await client.get("/api/v1/search", params=params)).json()
        trends = (await client.get("/api/v1/trends", params={"interval": "day"})).json()
        report_id = next(o["id"] for o in objects if o["type"] == "report")
        one = (await client.get(f"/api/v1/objects/{report_id}")).json()
        assert (await client.get("/api/v1/search", params={"tlp": "purple"})).status_code == 400
    async with search_server.anonymous() as client:
        assert (await client.get("/api/v1/search")).status_code == 401
        assert (await client.get("/healthz")).status_code == 200  # not audited: no partner, no data
    assert search_server.audit_path.stat().st_size > before
    log = lines(search_server.audit_path)
    assert [(e["endpoint"], e["status"]) for e in log] == [
        ("/api/v1/search", 200),
        ("/api/v1/trends", 200),
        (f"/api/v1/objects/{report_id}", 200),
        ("/api/v1/search", 400),
        ("/api/v1/search", 401),
    ]
    assert [e["partner"] for e in log] == ["nl-police"] * 4 + [None]
    assert log[0]["query"] == {"q": ["parcel"], "limit": ["2"], "tlp": ["green"]}
    assert log[0]["returned"] == len(found["results"]) == 2
    assert log[1]["returned"] == len(trends["buckets"]) > 0
    assert log[2]["returned"] == len(one["versions"]) + len(one["related"])
    assert log[3]["returned"] == log[4]["returned"] == 0
    assert all(e["method"] == "GET" for e in log)
