"""flows/estimates.toml covers the whole facts vocabulary and names its sources and dates."""

from __future__ import annotations

from wizard.domain.vocabulary import CAUSES, DATA, UNKNOWN
from wizard.estimate.data import estimates_data


def test_every_kind_of_data_and_every_cause_has_levels():
    data = estimates_data()
    kinds = {*DATA, UNKNOWN}
    assert set(data.enisa.dpc) == kinds and set(data.jo.ep) == kinds
    for element, table in data.enisa.cb.items():
        assert set(table) == {*CAUSES, UNKNOWN}, element
        assert all(0 <= lo <= hi <= 0.5 for lo, hi in table.values()), element
    assert all(1 <= lo <= hi <= 4 for lo, hi in data.enisa.dpc.values())
    assert all(1 <= lv.span(a)[0] <= lv.span(a)[1] <= 3 for lv in data.jo.ep.values() for a in "xy")


def test_cost_lines_name_only_known_causes_and_kinds():
    data = estimates_data()
    for line in data.costs.lines:
        assert set(line.when.causes) <= set(CAUSES) and set(line.when.data) <= set(DATA), line.id
        assert line.basis == "firm" or 0 < line.low <= line.high, line.id
        assert line.confirmed or line.check, f"{line.id}: say what to check"


def test_every_part_names_public_sources_and_when_it_was_checked():
    data = estimates_data()
    for part in (data.enisa, data.jo, data.costs):
        assert part.sources and part.last_verified
        for source in part.sources:
            assert "japan-leak-rules" not in source.title and "peers" not in source.title
    assert data.enisa.bands[-1].below is None  # the top band is open-ended
