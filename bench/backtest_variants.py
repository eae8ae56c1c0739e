"""The backtest under the current rules and the variants docs/model.md discusses.

Prints hit@1 and hit@3 over data/episodes.csv for v2, v1, and v2 with one choice changed at a
time: the relay factor across its documented range, the flat multiplex bonus, the symmetric
reading of acceptability, armed groups allowed as a mediator's relays, and no mediator relays.
Not a timing: a record of what was measured, with the command to reproduce it:

    .venv/bin/python bench/backtest_variants.py
"""

from __future__ import annotations

from diplonet.backtest import load_episodes, replay
from diplonet.network import Network
from diplonet.scoring import V1, V2, V2_FLAT

VARIANTS = [
    ("v2 (current)", V2),
    ("v1 (first round)", V1),
    ("v2, relay factor 0.6", V2.with_(relay_factor=0.6)),
    ("v2, relay factor 0.7", V2.with_(relay_factor=0.7)),
    ("v2, relay factor 0.9", V2.with_(relay_factor=0.9)),
    ("v2, flat multiplex bonus (v2-flat)", V2_FLAT),
    ("v2, symmetric acceptability", V2.with_(acceptability="mutual")),
    ("v2, armed groups may relay", V2.with_(armed_group_relays=True)),
    ("v2, no mediator relays", V2.with_(mediator_relays=False)),
    ("v2, no acceptability tiers", V2.with_(mediator_tiers=False)),
]


def main() -> None:
    net = Network.load()
    episodes = load_episodes(net.dataset)
    print(
        f"{len(episodes)} episodes (data/episodes.csv), each as of the day before it was announced"
    )
    print(f"{'variant':<38} {'hit@1':>6} {'hit@3':>6}")
    for name, model in VARIANTS:
        rows = [replay(net, e, model) for e in episodes]
        print(f"{name:<38} {sum(r.hit1 for r in rows):>6} {sum(r.hit3 for r in rows):>6}")


if __name__ == "__main__":
    main()
