"""without_personal_data: MISP attributes that name a victim whatever their to_ids flag."""

from __future__ import annotations

from typing import Any

from services.producers.misp import is_machine_name, without_personal_data


def _event(*attributes: dict[str, Any], objects: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    event: dict[str, Any] = {"info": "Invoice fraud wave", "Attribute": list(attributes)}
    if objects is not None:
        event["Object"] = objects
    return {"Event": event}


def test_targets_are_removed_even_as_indicators() -> None:
    targets = [
        {"type": "target-machine", "value": "LAPTOP-INGRIDV", "to_ids": True},
        {"type": "target-user", "value": "ingridv", "to_ids": True},
        {"type": "target-email", "value": "ingrid.v@mail.example", "to_ids": True},
    ]
    offender = {"type": "domain", "value": "invoice-pay.example", "to_ids": True}
    cleaned = without_personal_data(_event(*targets, offender))
    assert cleaned["Event"]["Attribute"] == [offender]


def test_a_host_name_without_a_dot_is_a_computers_name() -> None:
    machine = {"type": "hostname", "value": "LAPTOP-INGRIDV", "to_ids": True}
    with_port = {"type": "hostname|port", "value": "DESKTOP-JANE|3389", "to_ids": True}
    c2 = {"type": "hostname", "value": "c2.invoice-pay.example", "to_ids": True}
    in_object = {
        "name": "domain-ip",
        "Attribute": [
            {"object_relation": "hostname", "type": "hostname", "value": "LAPTOP-INGRIDV", "to_ids": True},
            {"object_relation": "ip", "type": "ip-dst", "value": "203.0.113.7", "to_ids": True},
        ],
    }
    cleaned = without_personal_data(_event(machine, with_port, c2, objects=[in_object]))
    assert cleaned["Event"]["Attribute"] == [c2]
    assert [a["value"] for a in cleaned["Event"]["Object"][0]["Attribute"]] == ["203.0.113.7"]


def test_machine_names() -> None:
    assert is_machine_name("LAPTOP-INGRIDV") and is_machine_name("WS042|445")
    assert not is_machine_name("mail.invoice-pay.example")
    assert not is_machine_name("c2.example.|443") and not is_machine_name("2001:db8::1")
    assert not is_machine_name("")


def test_a_mails_recipients_are_removed_even_as_indicators() -> None:
    mail = {
        "name": "email",
        "Attribute": [
            {"object_relation": "from", "type": "email-src", "value": "boss@evil.example", "to_ids": True},
            {"object_relation": "to", "type": "email-dst", "value": "ingrid.v@mail.example", "to_ids": True},
            {"object_relation": "cc", "type": "email-dst", "value": "jan@mail.example", "to_ids": True},
        ],
    }
    cleaned = without_personal_data(_event(objects=[mail]))
    assert [a["value"] for a in cleaned["Event"]["Object"][0]["Attribute"]] == ["boss@evil.example"]
