"""Property 3: generated noise of each kind is removed, at a high rate per kind.

Each example records, per piece of noise, whether it is gone from the output
(hypothesis ``event``: see ``--hypothesis-show-statistics``); the test then
asserts the rate per kind over the whole run. The rates are printed in the
terminal summary.
"""

from __future__ import annotations

from hypothesis import given

from cleanse.testing import NOISE_KINDS, GeneratedDocument, NoiseStats, StrictRunner, documents

MIN_RATE = 0.95


def test_noise_of_each_kind_is_removed(builtin: StrictRunner, noise_report: dict[str, NoiseStats]) -> None:
    stats = noise_report["built-in pipeline"] = NoiseStats()

    @given(gen=documents())
    def clean(gen: GeneratedDocument) -> None:
        stats.record(gen, builtin.clean(gen.text, gen.meta))

    clean()
    assert set(stats.total) == set(NOISE_KINDS), "every kind of noise was generated"
    stats.assert_rates(NOISE_KINDS, MIN_RATE)
