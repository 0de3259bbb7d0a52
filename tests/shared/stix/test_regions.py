"""The one UN M49 table: complete for ISO 3166-1, true to UNSD, and in STIX's region vocabulary."""

from __future__ import annotations

import pycountry
import pytest
from stix2validator.v21 import enums

from shared.stix._data import load_json
from shared.stix.regions import M49_FILE, m49_codes, region_of

TABLE = load_json(M49_FILE)


def test_every_iso_country_has_its_m49_code_and_known_regions() -> None:
    countries = TABLE["countries"]
    for country in pycountry.countries:
        entry = countries[country.alpha_2]
        assert entry["m49"] == country.numeric, country.alpha_2
        assert all(code in TABLE["regions"] for code in entry["regions"]), country.alpha_2


def test_every_iso_country_has_a_stix_region() -> None:
    vocabulary = set(enums.REGION_OV)
    assert set(TABLE["region_ov"].values()) <= vocabulary
    for country in pycountry.countries:
        region = region_of(country.alpha_2)
        assert region is not None, country.alpha_2
        assert region.region in vocabulary and region.continent in vocabulary
        assert len(region.region_m49) == len(region.continent_m49) == 3


def test_the_stix_region_is_the_most_specific_m49_region_with_a_term() -> None:
    for country in TABLE["countries"]:
        region = region_of(country)
        codes = m49_codes(country)
        assert region is not None, country
        if codes:
            assert region.continent_m49 == codes[0]
            named = [code for code in codes if code in TABLE["region_ov"]]
            assert region.region_m49 == named[-1]


@pytest.mark.parametrize(
    ("country", "codes", "region", "continent"),
    [
        ("NL", ("150", "155"), "western-europe", "europe"),
        ("MX", ("019", "419", "013"), "central-america", "americas"),
        ("KE", ("002", "202", "014"), "eastern-africa", "africa"),
        ("NR", ("009", "057"), "micronesia", "oceania"),  # Nauru: Micronesia, per UNSD
        ("GG", ("150", "154", "830"), "northern-europe", "europe"),  # Channel Islands: no STIX term
        ("XK", ("150", "039"), "southern-europe", "europe"),  # Kosovo: no M49 code, Serbia's regions
        ("AQ", (), "antarctica", "antarctica"),  # in no M49 region; its own code
    ],
)
def test_examples(country: str, codes: tuple[str, ...], region: str, continent: str) -> None:
    assert m49_codes(country) == codes
    found = region_of(country.lower())
    assert found is not None and (found.region, found.continent) == (region, continent)


def test_not_a_country() -> None:
    assert region_of("ZZ") is None and m49_codes("ZZ") == ()
    assert region_of("UK") is None  # not an ISO code: GB is
    assert TABLE["countries"]["XK"]["m49"] is None
