"""Which page a URL names: an article's own URI, and the key two spellings of one page share
(http or https, ``www.`` or not, a trailing slash, tracking parameters, a fragment)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from tui.core.library.article import Article

TRACKING_PARAMETER = re.compile(
    r"utm_\w*|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid|"
    r"_ga|_gl|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id|ref_src|s_cid|cmpid|ocid|ncid|icid",
    re.IGNORECASE,
)
"""Query parameters that say how a reader came to a page, not which page it is."""

_DEFAULT_PORTS = {"http": 80, "https": 443}
_ABSOLUTE_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+")


def page_key(url: str) -> str:
    """What two URLs of the same page have in common: for http(s), the host (lower case,
    without ``www.`` and a default port), the path (percent-decoded, without a trailing
    slash) and the query without tracking parameters, sorted; ``file:`` URIs by their path;
    anything else as it is."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:  # a malformed host or port: compare as written
        return text
    scheme = parts.scheme.lower()
    if scheme == "file":
        return "file:" + unquote(parts.path)
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return text
    host = parts.hostname.lower().removeprefix("www.")
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host += f":{port}"
    query = sorted(
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not TRACKING_PARAMETER.fullmatch(name)
    )
    key = f"web:{host}{unquote(parts.path).rstrip('/')}"
    return f"{key}?{urlencode(query)}" if query else key


def article_uri(article: Article) -> str:
    """The article's URL when it has one (an absolute URL), else a ``file:`` URI of its file."""
    if _ABSOLUTE_URI.fullmatch(article.url):
        return article.url
    return article.path.absolute().as_uri()


def article_urn(article_id: str) -> str:
    """A URI for an article known only by its id (it is not in the library)."""
    return f"urn:byline:article:{quote(article_id, safe='')}"
