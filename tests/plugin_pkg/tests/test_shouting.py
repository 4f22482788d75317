"""The plugin proves cleanse's guarantee with cleanse.testing, in a few lines."""

from cleanse_shouting import SHOUTS, Shouting
from hypothesis import strategies as st

from cleanse import Pipeline
from cleanse.testing import check_cleaner

# The noise this plugin removes, in the variants pages use.
shouts = st.builds(
    "{}{}{}".format,
    st.sampled_from(["", "- ", "[", "  "]),
    st.sampled_from(SHOUTS),
    st.sampled_from(["", " -", "]", ":"]),
)


def test_shouting_keeps_the_body_and_removes_shouts():
    # Body kept, every removal logged, idempotent, never raises; shouts removed (>= 95%).
    check_cleaner(Shouting(), noise={"advert": shouts})


def test_installed_among_the_builtins():
    names = Pipeline().names  # every installed plugin, in the order they run
    assert names.index("credits") < names.index("shouting") < names.index("feeds")


def test_every_installed_plugin_together_keeps_the_guarantee():
    # The same proof for the whole pipeline as installed: built-ins and this plugin.
    check_cleaner(Pipeline(), noise={"advert": shouts})
