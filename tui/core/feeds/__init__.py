"""Bringing the news in: feeds, OPML and single web pages, fetched politely and saved as
articles that the library then reads from disk, offline.

Modules, one idea each:

* :mod:`.http` — the polite client: User-Agent, timeouts, redirects, byte caps, per-host limit.
* :mod:`.parse`, :mod:`.jsonfeed` — a feed's bytes into :class:`~.parse.FeedEntry` items.
* :mod:`.html_markdown` — entry HTML into Markdown text; :mod:`.page` — a page's main text.
* :mod:`.discover` — the feed a page names; :mod:`.opml` — subscription lists in and out.
* :mod:`.articles` — saving articles as Markdown files with front matter.
* :mod:`.subscriptions` — subscriptions and per-feed state; :mod:`.readstate` — read/unread.
* :mod:`.fetch` — the fetch run with progress; :mod:`.pages` — ``byline add``;
  :mod:`.subscribe` — checking a URL before subscribing; :mod:`.workers` — the process pool.

Nothing here imports Textual or the CLI.
"""
