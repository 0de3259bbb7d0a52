from __future__ import annotations

import pytest

from services.search.params import (
    ParameterError,
    check_stix_id,
    filters_parameters,
    parse_facets,
    parse_timestamp,
    parse_tlp,
    split_values,
)
from shared.models.report import TLP
from shared.store.base import FACET_FIELDS


def test_values_may_be_repeated_and_comma_separated() -> None:
    assert split_values("tag", ["a,b", " c ", "a", ",,"]) == ("a", "b", "c")
    assert split_values("tag", None) == ()


def test_tlp_levels_and_the_forms_a_query_string_gives_them() -> None:
    assert parse_tlp("GREEN") is TLP.GREEN
    # '+' in a query string decodes to a space.
    assert parse_tlp("amber strict") is TLP.AMBER_STRICT
    assert parse_tlp("amber+strict") is TLP.AMBER_STRICT
    assert parse_tlp("white") is TLP.CLEAR
    with pytest.raises(ParameterError) as error:
        parse_tlp("purple")
    assert str(error.value) == "tlp: unknown level 'purple'; use clear, green, amber, amber+strict or red"


def test_timestamps_normalize_to_utc() -> None:
    assert parse_timestamp("date_from", "2026-10-01") == "2026-10-01"
    assert parse_timestamp("date_from", "2026-10-01T14:00:00+02:00") == "2026-10-01T12:00:00Z"
    assert parse_timestamp("date_from", "2026-10-01T12:00:00.5Z") == "2026-10-01T12:00:00.500Z"
    assert parse_timestamp("date_from", "") is None
    with pytest.raises(ParameterError, match=r"^date_to: 'yesterday' is not an ISO 8601"):
        parse_timestamp("date_to", "yesterday")


def test_filters_parse_every_field() -> None:
    filters = filters_parameters(
        type=["report,attack-pattern"],
        category=["fraud"],
        tag=['rsit:fraud="phishing"'],
        technique=["t1660"],
        country=["nl", "BE"],
        region=["150"],
        sector=["finance"],
        tlp=["green", "amber", "green"],
        date_from="2026-10-01",
        date_to="2026-11-01",
    )
    assert filters.types == ("report", "attack-pattern")
    assert filters.techniques == ("T1660",)
    assert filters.countries == ("NL", "BE")
    assert filters.tlps == (TLP.GREEN, TLP.AMBER)
    assert (filters.date_from, filters.date_to) == ("2026-10-01", "2026-11-01")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("type", "Report!", "type: 'Report!' is not a STIX type name"),
        ("country", "NLD", "country: 'NLD' is not an ISO 3166-1 alpha-2 code"),
        ("tlp", "amber,purple", "tlp: unknown level 'purple'"),
    ],
)
def test_bad_filter_values_name_the_parameter(field: str, value: str, message: str) -> None:
    with pytest.raises(ParameterError) as error:
        filters_parameters(**{field: [value]})  # type: ignore[arg-type]
    assert str(error.value).startswith(message)
    assert error.value.parameter == field


def test_a_date_range_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ParameterError, match=r"^date_to: "):
        filters_parameters(date_from="2026-11-01", date_to="2026-10-01")


def test_facets_default_to_all_and_unknown_fields_are_named() -> None:
    assert parse_facets(None) == FACET_FIELDS
    assert parse_facets([""]) == ()
    assert parse_facets(["tlp,type"]) == ("tlp", "type")
    with pytest.raises(ParameterError, match=r"^facets: unknown field 'colour'"):
        parse_facets(["colour"])


def test_stix_ids_are_checked() -> None:
    good = "report--6b4b5d0e-0f7b-5f7e-9d3c-2a6d3c1f0a11"
    assert check_stix_id(good) == good
    with pytest.raises(ParameterError, match=r"^stix_id: "):
        check_stix_id("report--not-a-uuid")
