"""Every address cited anywhere in data/: none on a mirror or aggregator host (geo.core.citation.
MIRROR_HOSTS) except the ones listed, with what they support, as awaiting a primary address; that
list has no entry the data no longer cites; and the rule itself recognises a mirror."""

from __future__ import annotations

import pytest

from geo.core.citation import AWAITING_PRIMARY, MIRROR_HOSTS, is_mirror
from scripts import audit
from tests.helpers import ROOT

DATA = ROOT / "data"


def test_no_source_in_data_is_a_mirror_unless_awaiting_a_primary_address():
    urls = audit.cited_urls(DATA)
    assert len(urls) > 100  # the scan found the data's sources
    mirrors = {url for url in urls if is_mirror(url)}
    assert mirrors - set(AWAITING_PRIMARY) == set(), "cite the primary source, not a mirror or aggregator"
    assert set(AWAITING_PRIMARY) - mirrors == set(), "no longer cited: drop it from AWAITING_PRIMARY"


@pytest.mark.parametrize(
    "url, mirror",
    [
        ("https://www.search.com.vn/wiki/ko/%EA%B2%BD%EA%B8%B0%EB%8F%84", True),  # the old Hanam source
        ("https://newming.io/news-block/c84f43ae823e5f17bd4017575a1c560c", True),
        ("https://m.newspic.kr/summary.html?nid=1", True),
        ("https://news.v.daum.net/v/20210122140546833", True),  # a subdomain of a listed host
        ("https://ko.wikipedia.org/wiki/%EA%B2%BD%EA%B8%B0%EB%8F%84", False),  # Wikipedia itself
        ("https://www.asiae.co.kr/article/2020060907170752375", False),
        ("https://notv.daum.net.example.org/x", False),
    ],
)
def test_mirror_hosts_are_recognised(url, mirror):
    assert is_mirror(url) is mirror


def test_an_added_mirror_source_is_caught(tmp_path):
    (tmp_path / "official_areas.csv").write_text(
        "slug,official_km2,basis,source,as_of\nhanam,93.0,wikipedia_2022,https://www.search.com.vn/wiki/ko/x,2022-12-22\n",
        encoding="utf-8",
    )
    found = audit.mirror_sources(tmp_path)
    assert [(url, why) for url, _, why in found] == [
        ("https://www.search.com.vn/wiki/ko/x", "NOT ALLOWED: cite the primary source")
    ]
    assert "search.com.vn" in MIRROR_HOSTS
