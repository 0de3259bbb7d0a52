# ruff: noqa: E501  (the phrase tables are data)
"""A labelled near-duplicate corpus of MO descriptions, generated deterministically.

An MO is four facts: how the victim is contacted, the lure, what the offender gets, and how the
money is cashed out. A *rewording* states the same four facts with other phrasings and another
sentence frame (what another partner would write); a *look-alike* changes exactly one fact and
is phrased just like its model (the hardest case for word shingles: same words, other MO).
Pairs are labelled duplicates iff all four facts are equal.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

CHANNEL = {
    "sms": ["a text message", "an SMS sent in bulk", "a smishing text"],
    "email": ["an email", "a phishing email", "a spoofed e-mail message"],
    "call": ["a phone call", "a voice call from a fake agent", "a cold call"],
    "social": [
        "a social media advert",
        "a sponsored post on social networks",
        "a message on a social platform",
    ],
}
LURE = {
    "parcel": [
        "a parcel redelivery fee",
        "a missed package delivery notice",
        "an undelivered parcel with customs charges",
    ],
    "tax": [
        "a tax refund",
        "an overpaid tax rebate from the revenue office",
        "a refund from the tax authority",
    ],
    "bank": [
        "a bank security alert",
        "a blocked bank account warning",
        "suspicious activity on the bank account",
    ],
    "invest": [
        "a crypto investment opportunity",
        "guaranteed trading returns",
        "an investment platform with high yields",
    ],
}
PAYOFF = {
    "wallet": [
        "the victim's card details, which are enrolled in a mobile wallet controlled by the offenders",
        "card data and the one-time passcode, used to add the card to Apple Pay or Google Pay on the offenders' phones",
        "payment card data that the criminals register in their own digital wallets",
    ],
    "takeover": [
        "online banking credentials, used to take over the account and change the contact details",
        "the login and password of the banking app, letting the criminals seize the account",
        "bank account access codes, after which the offenders hijack the account",
    ],
    "remote": [
        "remote access to the victim's computer through screen sharing software",
        "installation of a remote desktop tool that gives the offenders control of the device",
        "control of the victim's device via a remote administration application",
    ],
    "deposit": [
        "repeated deposits paid into a fake trading account",
        "payments transferred to a fraudulent investment dashboard",
        "successive transfers to a bogus brokerage account",
    ],
}
CASHOUT = {
    "mules": [
        "money mules withdraw the funds",
        "the money is moved through mule accounts",
        "mule accounts launder the proceeds",
    ],
    "crypto": [
        "the funds are converted to cryptocurrency",
        "proceeds are exchanged into bitcoin",
        "the stolen money ends up in crypto wallets",
    ],
    "goods": [
        "luxury goods are bought and resold",
        "electronics are purchased and sold on",
        "high-value goods are bought in shops with the wallet",
    ],
}
FRAMES = [
    "Offenders contact victims through {channel} about {lure}. The link leads to a fake site that harvests {payoff}. Finally {cashout}.",
    "Victims receive {channel} mentioning {lure}; a cloned website then obtains {payoff}, and afterwards {cashout}.",
    "The scheme starts with {channel} referring to {lure}. On the fraudulent page the criminals collect {payoff}. In the last step {cashout}.",
]
SLOTS = (("channel", CHANNEL), ("lure", LURE), ("payoff", PAYOFF), ("cashout", CASHOUT))


@dataclass(frozen=True)
class Text:
    text_id: str
    mo: tuple[str, str, str, str]
    text: str


def _render(mo: tuple[str, str, str, str], frame: int, phrasing: list[int]) -> str:
    values = {name: table[mo[i]][phrasing[i]] for i, (name, table) in enumerate(SLOTS)}
    return FRAMES[frame].format(**values)


def build_corpus(seed: int = 11, families: int = 40) -> list[Text]:
    """`families` MOs, each stated four ways, plus one look-alike per family.

    - ``a``: the model; ``b``: another sentence frame, same phrasings (a partner restating a
      bulletin); ``c``: same frame, one fact phrased differently (an edited copy);
    - ``d``: every fact rephrased in another frame (a full paraphrase: word shingles are not
      expected to catch it, and it is counted as a miss when they don't);
    - ``x``: the look-alike: same frame and phrasings as ``a``, one fact different.
    """
    rng = random.Random(seed)
    all_mos = [(c, lu, p, ca) for c in CHANNEL for lu in LURE for p in PAYOFF for ca in CASHOUT]
    rng.shuffle(all_mos)
    texts: list[Text] = []
    used: set[tuple[str, str, str, str]] = set()
    for mo in all_mos:
        if len(texts) >= families * 5:
            break
        slot = rng.randrange(4)
        table = SLOTS[slot][1]
        other_value = rng.choice([v for v in table if v != mo[slot]])
        values = [*mo]
        values[slot] = other_value
        look = (values[0], values[1], values[2], values[3])
        if mo in used or look in used:
            continue
        used.update({mo, look})
        frame = rng.randrange(3)
        phrasing = [rng.randrange(3) for _ in range(4)]
        family = f"mo{len(texts) // 5:02d}"
        edited = list(phrasing)
        edited_slot = rng.randrange(4)
        edited[edited_slot] = (edited[edited_slot] + 1) % 3
        paraphrase = [(value + 1) % 3 for value in phrasing]
        texts += [
            Text(f"{family}-a", mo, _render(mo, frame, phrasing)),
            Text(f"{family}-b", mo, _render(mo, (frame + 1) % 3, phrasing)),
            Text(f"{family}-c", mo, _render(mo, frame, edited)),
            Text(f"{family}-d", mo, _render(mo, (frame + 2) % 3, paraphrase)),
            Text(f"{family}-x", look, _render(look, frame, phrasing)),
        ]
    return texts


@dataclass(frozen=True)
class Evaluation:
    threshold: float
    precision: float
    recall: float
    recall_without_paraphrases: float
    merges: int
    false_merges: int
    texts: int


def evaluate(threshold: float, texts: list[Text] | None = None) -> Evaluation:
    """Run the texts through NearDupIndex as the pipeline does (first seen is canonical).

    A text merged into a canonical of the same MO is a true merge, of another MO a false merge;
    precision = true / all merges, recall = true merges / texts that had a canonical to join.
    """
    from services.enrichment.neardup import MinHasher, NearDupIndex, Signature

    texts = texts if texts is not None else build_corpus()
    hasher = MinHasher(min_tokens=1)
    index = NearDupIndex(threshold)
    mo_of: dict[str, tuple[str, str, str, str]] = {}
    true = false = joinable = joinable_light = true_light = 0
    for text in texts:
        values = hasher.hashvalues(text.text)
        assert values is not None
        signature = Signature(text.text_id, "attack-pattern", "", frozenset(), None, values)
        should_join = text.mo in mo_of.values()
        joinable += should_join
        light = should_join and not text.text_id.endswith("-d")
        joinable_light += light
        match = index.best_match(signature)
        if match is None:
            index.add(signature)
            mo_of[text.text_id] = text.mo
        elif mo_of[match.canonical_id] == text.mo:
            true += 1
            true_light += light
        else:
            false += 1
    merges = true + false
    return Evaluation(
        threshold=threshold,
        precision=true / merges if merges else 1.0,
        recall=true / joinable if joinable else 1.0,
        recall_without_paraphrases=true_light / joinable_light if joinable_light else 1.0,
        merges=merges,
        false_merges=false,
        texts=len(texts),
    )
