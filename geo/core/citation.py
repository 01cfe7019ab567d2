"""Where a fact comes from. One type for a record's source address and as-of date (`Citation`),
one for a printed or toured figure's source (`Source`: a citation, or a note on how it was
computed), the one rule for the host a reader sees (`host`), and the one list of hosts that are
never a primary source (`MIRROR_HOSTS`, `is_mirror`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

# The host of an http(s) address, without "www." or "m.": what a reader sees of a source.
HOST: Final = re.compile(r"^https?://(?:www\.|m\.)?([^/?#\s]+)")


def host(url: str) -> str:
    match = HOST.match(url)
    return match.group(1) if match else url


# Hosts that republish another publisher's page: Wikipedia mirrors, community reposts, portal and
# aggregator copies of press articles. Cite the primary source (the statistic, the outlet's own
# article, or Wikipedia itself with its revision date), never these. A host matches with its
# subdomains (news.v.daum.net is v.daum.net).
MIRROR_HOSTS: Final = frozenset(
    {
        "search.com.vn",  # Wikipedia mirror
        "wikiblah.com",  # Wikipedia mirror
        "theseed.io",  # copy of Korean wiki pages
        "mir.pe",  # Korean wiki mirror
        "theqoo.net",  # community board reposting articles
        "cafe.daum.net",  # community board reposting articles
        "newming.io",  # news aggregator
        "newspic.kr",  # news summary aggregator
        "news.zumst.com",  # ZUM portal copy of an agency article
        "v.daum.net",  # Daum portal copy of a press article
        "news.korea.com",  # korea.com portal copy of a press article
        "m-news.korea.com",
    }
)

# Addresses on those hosts still cited because the research notes give no primary address for
# what they support. Each is listed by the audit (scripts/audit.py) until replaced; the test over
# data/ (tests/test_sources.py) fails on any other mirror address and on an entry no longer used.
AWAITING_PRIMARY: Final = {
    "https://v.daum.net/v/20240125160434300": "GTX-D stations and phases of 2024-01-25 (press article via Daum)",
    "https://v.daum.net/v/20231115195830234": "H-Technovalley RE100 complex, 2023-11-15 (press article via Daum)",
    "https://m-news.korea.com/newsView/2025070368661c63d6cf1": "the proposals of 2025-07-03 (Gukje News via korea.com)",
    "http://m-news.korea.com/newsView/20241122673fc4d404f27": "regional renewable clusters, 2024-11-22 (via korea.com)",
    "http://news.zumst.com/articles/94750746": "NABO: GTX-C after 2030 (Yonhap TV via ZUM, 2024-11-30)",
    "https://m.newspic.kr/summary.html?cp=w3Hru72p&nid=2025111816100518363": "Samsung P5 (E2News summary)",
    "https://m.newspic.kr/summary.html?cp=w3Hru72p&nid=2025111815524012888": "SK hynix total investment remark",
    "https://newming.io/news-block/f558c1504dc35bdc9f6d06bafd83ee79": "Yongin national complex (aggregated report)",
}


def is_mirror(url: str) -> bool:
    """True when the address is on a mirror or aggregator host (MIRROR_HOSTS)."""
    h = host(url).lower()
    return any(h == m or h.endswith("." + m) for m in MIRROR_HOSTS)


@dataclass(frozen=True)
class Citation:
    """A record's source: an http(s) address and the date it states the fact as of."""

    source: str
    as_of: str

    @property
    def host(self) -> str:
        return host(self.source)


@dataclass(frozen=True)
class Source:
    """Where a figure comes from: a URL (shown by its host) or a computation note."""

    text: str  # the host of `url`, or the note
    as_of: str
    url: str | None = None


def record_field(rec: Any, key: str) -> Any:
    """A field of a mapping, a pandas row or a dataclass record (None when absent)."""
    return getattr(rec, key, None) if hasattr(rec, "__dataclass_fields__") else rec.get(key)


def cited(rec: Any) -> Source:
    """The source of a data record or fact (`source`, `as_of`)."""
    url = str(record_field(rec, "source") or "")
    return Source(host(url), str(record_field(rec, "as_of") or ""), url or None)
