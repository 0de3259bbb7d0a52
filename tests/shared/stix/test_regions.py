"""Country -> UN M49 region data: complete for ISO 3166-1 and in STIX's region vocabulary."""

from __future__ import annotations

import pycountry
from stix2validator.v21 import enums

from shared.stix.regions import region_of


def test_every_iso_country_has_a_stix_region() -> None:
    vocabulary = set(enums.REGION_OV)
    for country in pycountry.countries:
        region = region_of(country.alpha_2)
        assert region is not None, country.alpha_2
        assert region.region in vocabulary and region.continent in vocabulary
        assert len(region.region_m49) == len(region.continent_m49) == 3


def test_examples() -> None:
    nl = region_of("nl")
    assert nl is not None and (nl.region, nl.region_m49, nl.continent) == ("western-europe", "155", "europe")
    mx = region_of("MX")
    assert mx is not None and (mx.region, mx.continent) == ("central-america", "americas")
    ke = region_of("KE")
    assert ke is not None and ke.region == "eastern-africa"
    assert region_of("ZZ") is None
    assert region_of("UK") is None  # not an ISO code: GB is
