"""The console's router on a real search server: files, security headers, nothing else served."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from services.search.console.router import CONTENT_SECURITY_POLICY, load_static_files
from shared.models.report import TLP
from shared.stix.markings import TLP_MARKING_IDS
from shared.stix.regions import m49_codes
from tests.support.search_server import SearchServer

# Ways of turning a string into markup or code in a page; partner content must never meet one.
HTML_SINKS = re.compile(
    r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|srcdoc"
)


class Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.inline_handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts.append(dict(attrs))
        self.inline_handlers.extend(name for name, _ in attrs if name.startswith("on"))


async def test_the_console_page_is_served_with_a_strict_content_security_policy(
    search_server: SearchServer,
) -> None:
    async with search_server.anonymous() as client:
        redirect = await client.get("/console")
        page = await client.get("/console/")
    assert redirect.status_code == 308 and redirect.headers["location"] == "/console/"
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert policy == CONTENT_SECURITY_POLICY
    assert "default-src 'self'" in policy and "script-src 'self';" in policy and "unsafe" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    parser = Scripts()
    parser.feed(page.text)
    assert parser.scripts == [{"type": "module", "src": "app.js"}]
    assert parser.inline_handlers == []


async def test_every_packaged_file_is_served_with_its_media_type_and_the_policy(
    search_server: SearchServer,
) -> None:
    files = load_static_files()
    assert {"index.html", "app.js", "console.css"} <= files.keys()
    async with search_server.anonymous() as client:
        for name, found in files.items():
            response = await client.get(f"/console/{name}")
            assert response.status_code == 200, name
            assert response.content == found.body
            assert response.headers["content-type"] == found.media_type
            assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


async def test_names_outside_the_package_listing_are_not_found(search_server: SearchServer) -> None:
    async with search_server.anonymous() as client:
        for path in ("/console/nothing.js", "/console/router.py", "/console/__init__.py"):
            response = await client.get(path)
            assert response.status_code == 404, path
            assert response.json() == {"detail": "no such console file"}
        for path in ("/console/%2e%2e%2fapp.py", "/console/static/app.js", "/console/../app.py"):
            assert (await client.get(path)).status_code == 404, path


async def test_the_reference_data_names_every_tlp_2_marking_and_m49_region(
    search_server: SearchServer,
) -> None:
    async with search_server.anonymous() as client:
        reference = (await client.get("/console/reference.json")).json()
    markings = reference["markings"]
    for tlp, marking_id in TLP_MARKING_IDS.items():
        assert markings[marking_id] == tlp.value
    assert set(markings.values()) == {tlp.value for tlp in TLP}
    assert reference["regions"]["155"] == "Western Europe"
    assert {code for country in ("NL", "MX", "MA") for code in m49_codes(country)} <= reference[
        "regions"
    ].keys()


def test_the_pages_never_parse_strings_as_markup_nor_load_anything_from_elsewhere() -> None:
    for name, found in load_static_files().items():
        text = found.body.decode("utf-8")
        assert not HTML_SINKS.search(text), name
        # No CDN, no remote font or script: only the XML namespace of SVG is an absolute URL.
        assert re.findall(r"https?://[^\s\"')]+", text) in ([], ["http://www.w3.org/2000/svg"]), name
