"""Addresses in rule folders: public https pages only (and a few named http pages); and no export makes a
live link of anything else, whatever reached it."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import given, strategies as st

from wizard.cli import main
from wizard.domain.flows import bundled_dir
from wizard.exports.html import _item, placeholder_pattern
from wizard.exports.model import Item, Link
from wizard.exports.plain import Markdown, _md

BAD = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "file:///etc/passwd", "data:text/html,x",
       "ftp://ftp.example.jp/", "http://www.ppc.go.jp/", "https://10.0.0.1/", "https://192.168.1.10/wiki",
       "https://169.254.169.254/latest/meta-data", "https://[::1]/", "https://localhost/", "https://intranet/",
       "https://wiki.corp/x", "https://nas.local/", "https://router.home.arpa/", "https://user:pw@www.ppc.go.jp/",
       "https://www.ppc.go.jp:8443/", 'https://www.ppc.go.jp/" onmouseover="x', "https://www.ppc.go.jp/<script>", "//www.ppc.go.jp/"]


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main([*argv, "--lang", "en"])
    captured = capsys.readouterr()
    return code, " ".join((captured.out + captured.err).split())


@pytest.mark.parametrize("url", BAD)
def test_what_may_not_be_a_link(url):
    from wizard.domain import links

    assert links.problem(url) is not None and not links.is_public(url)


@pytest.mark.parametrize("url", ["https://www.ppc.go.jp/personalinfo/legal/leakAction/", "https://laws.e-gov.go.jp/law/428M60020000003",
                                 "https://iuris.jp/個人情報の保護に関する法律施行規則-第四十三条/jpn/a/68374",
                                 "http://www.kokusen.go.jp/map/"])
def test_what_may(url):
    from wizard.domain import links

    assert links.problem(url) is None


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "https://10.0.0.1/x", "https://intranet/x",
                                 "http://www.ppc.go.jp/"])
def test_flows_check_refuses_the_address(capsys, tmp_path, url):
    folder = tmp_path / "flows"
    shutil.copytree(bundled_dir(), folder)
    contacts = folder / "contacts.toml"
    text = contacts.read_text(encoding="utf-8")
    first = text.index('url = "') + len('url = "')
    contacts.write_text(text[:first] + url + text[text.index('"', first):], encoding="utf-8")
    code, out = run(capsys, "flows", "check", str(folder))
    assert code == 1 and "contacts.toml" in out and repr(url) in out, out


def test_a_scenario_source_is_checked_too(capsys, tmp_path):
    folder = tmp_path / "flows"
    shutil.copytree(bundled_dir(), folder)
    scenario = folder / "scenarios" / "card_skimming.toml"
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace('url = "https://', 'url = "javascript://', 1), encoding="utf-8")
    code, out = run(capsys, "flows", "check", str(folder))
    assert code == 1 and "scenarios/card_skimming.toml" in out and "javascript" in out


@pytest.mark.parametrize("url", BAD)
def test_exports_never_link_to_it(url):
    item = Item("x", None, [], [Link("A source", url), Link(url, url)])
    html = _item(item, placeholder_pattern())
    assert "<a " not in html and "href" not in html
    md = "\n".join(Markdown().item(item))
    assert "](" not in md and "<http" not in md and "<javascript" not in md.lower()


def test_exports_still_link_public_pages():
    item = Item("x", None, [], [Link("PPC", "https://www.ppc.go.jp/")])
    assert '<a class="cite" href="https://www.ppc.go.jp/">PPC</a>' in _item(item, placeholder_pattern())
    assert "[PPC](<https://www.ppc.go.jp/>)" in "\n".join(Markdown().item(item))


@given(st.text(alphabet=st.sampled_from(list("hwtps:/.wx10-_ a")) | st.characters(), max_size=60))
def test_markdown_text_never_autolinks_a_private_address(text):
    out = _md(f"see http://10.0.0.1/{text} and www.intranet.corp")
    assert "http://10.0.0.1" not in out and "www.intranet" not in out


def test_every_address_the_bundled_data_holds_may_be_a_link():
    """estimates.toml and the scenarios included: `flows check` does not read the estimates."""
    import re

    from wizard.domain import links

    found = {url for path in bundled_dir().rglob("*.toml")
             for url in re.findall(r'url = "([^"]*)"', path.read_text(encoding="utf-8"))}
    assert len(found) > 50
    assert {url: links.problem(url) for url in found if links.problem(url)} == {}
