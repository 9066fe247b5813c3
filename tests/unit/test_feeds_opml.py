"""OPML in and out: 1.0 and 2.0, nested folders as tags, a round trip, hostile XML refused."""

from __future__ import annotations

import pytest

from tui.core.feeds.opml import OpmlError, read_opml, write_opml

OPML_1 = b"""<?xml version="1.0" encoding="ISO-8859-1"?>
<opml version="1.0"><head><title>my feeds</title></head><body>
<outline text="Top level" xmlurl="http://a.test/feed" type="rss"/>
<outline text="News">
  <outline text="World" title="World desk" xmlUrl="http://b.test/rss"/>
  <outline text="Local">
    <outline text="Town" xmlUrl="http://c.test/atom" category="/civic,council"/>
  </outline>
</outline>
<outline text="A link, no feed" type="link" url="http://d.test/"/>
</body></opml>"""

OPML_2 = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>2</title><dateCreated>Mon, 06 Sep 2021 16:45:00 GMT</dateCreated></head>
<body><outline text="Science"><outline type="rss" text="Space" xmlUrl="https://space.test/feed.xml"
 htmlUrl="https://space.test/"/></outline>
<outline type="rss" text="Twice" xmlUrl="http://a.test/feed"/><outline type="rss" text="Twice" xmlUrl="http://a.test/feed"/>
</body></opml>"""


def test_opml_1_with_nested_folders_becoming_tags() -> None:
    outlines = read_opml(OPML_1)
    assert [(o.url, o.title, o.tags) for o in outlines] == [
        ("http://a.test/feed", "Top level", ()),
        ("http://b.test/rss", "World desk", ("News",)),
        ("http://c.test/atom", "Town", ("News", "Local", "civic", "council")),
    ]


def test_opml_2_each_url_once() -> None:
    outlines = read_opml(OPML_2)
    assert [(o.url, o.tags) for o in outlines] == [
        ("https://space.test/feed.xml", ("Science",)),
        ("http://a.test/feed", ()),
    ]


def test_export_imports_back_the_same() -> None:
    feeds = [
        ("http://a.test/feed", "A", ()),
        ("http://b.test/rss", "B & co", ("News", "World")),
        ("http://c/", "", ("News",)),
    ]
    document = write_opml(feeds)
    assert document.startswith(b"<?xml") and b'version="2.0"' in document
    back = read_opml(document)
    assert [(o.url, o.title, o.tags) for o in back] == [
        ("http://a.test/feed", "A", ()),
        ("http://b.test/rss", "B & co", ("News", "World")),
        ("http://c/", "http://c/", ("News",)),
    ]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"<opml><body><outline", "not well-formed XML (line 1"),
        (b"<rss version='2.0'></rss>", "not OPML"),
        (b"<opml version='2.0'><head/></opml>", "without a <body>"),
        (b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaa">]><opml><body/></opml>', "declares entities"),
        (
            b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]><opml><body/></opml>',
            "refused",
        ),
    ],
)
def test_bad_opml_says_why(data: bytes, words: str) -> None:
    with pytest.raises(OpmlError, match=words.replace("(", r"\(")):
        read_opml(data)
