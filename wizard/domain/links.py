"""Which addresses may become a link: public `https:` pages, and a few named public `http:` pages.

A rule folder's sources and contacts carry addresses that end up as live links in the HTML and Markdown
exports. `rouei flows check` refuses anything else (`problem`), and the exports make a link only of an
address that passes (`is_public`), whatever reached them: a `javascript:` or `file:` address, a private
or loopback IP, a name only an intranet resolves, credentials, an odd port.

The list of `http:` pages lives here, in rouei itself, not in the replaceable rule folder: a rule set
cannot widen it.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

# Public pages the bundled contacts cite over plain http, where no https address of the same page is known.
# Whole addresses: the page itself, nothing under it. Move one to https: once its site serves it.
HTTP_PAGES = frozenset({
    "http://pcf.co.jp/merchant/",  # 日本カード情報セキュリティ協議会: PCI DSS merchants
    "http://www.jnsa.org/emergency_response/",  # JNSA サイバーインシデント緊急対応企業一覧
    "http://www.kokusen.go.jp/map/",  # 国民生活センター: 全国の消費生活センター等
    "http://www.police.pref.fukuoka.jp/I/seian/seikei/h240401/jyouhourouei.html",  # 福岡県警
    "http://www.thinkit.co.jp/cert/article/0607/11/5/table12.htm",  # ThinkIT: JO model table 12 (estimates)
})

# Names that only a local network resolves (RFC 6761, 6762, 8375 and common intranet suffixes).
_LOCAL = ("localhost", "local", "localdomain", "internal", "intranet", "lan", "home", "corp", "private",
          "test", "example", "invalid", "onion", "arpa")
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_UNSAFE = re.compile(r"[\s<>\"'`\\{}|^\x00-\x1f\x7f]")


def problem(url: str) -> str | None:
    """Why `url` may not be a link in what rouei writes, or None when it may."""
    if _UNSAFE.search(url):
        return "holds a space, a quote, <, > or a control character"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return f"is not a web address ({exc})"
    if parts.scheme == "http":
        if url not in HTTP_PAGES:
            return "uses http: give the https: address (only a few named public pages without https may use http)"
    elif parts.scheme != "https":
        return f"uses '{parts.scheme or '(none)'}:'; only https: web addresses are allowed"
    if parts.username is not None or parts.password is not None:
        return "holds a user name or password"
    if port not in (None, 443 if parts.scheme == "https" else 80):
        return f"names port {port}; public pages use the default port"
    return _host_problem(parts.hostname or "")


def _host_problem(host: str) -> str | None:
    if not host:
        return "names no host"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        return None if address.is_global else f"names the private or local address {host}"
    try:
        ascii_host = host.encode("idna").decode("ascii").lower().rstrip(".")
    except UnicodeError:
        return f"names the host '{host}', which is not a valid domain name"
    labels = ascii_host.split(".")
    if len(labels) < 2:
        return f"names '{host}', a name only an intranet resolves"
    if not all(_LABEL.fullmatch(label) for label in labels) or labels[-1].isdigit():
        return f"names the host '{host}', which is not a valid domain name"
    if labels[-1] in _LOCAL or ascii_host.endswith(".home.arpa"):
        return f"names '{host}', a name only a local network resolves"
    return None


def is_public(url: str | None) -> bool:
    """Whether `url` may be a live link in an export."""
    return url is not None and problem(url) is None
