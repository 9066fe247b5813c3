"""Fetch throughput and the cost of hostile servers, all on loopback.

    python bench/fetch_bench.py [--feeds 200] [--entries 20] [--hosts 25] [--delay 0.05]

A server process (asyncio, HTTP/1.1 keep-alive) listens on 127.0.0.2 … 127.0.0.26 (all of
127/8 is loopback on Linux, so Byline's two-connections-a-host limit applies as on the
internet) and answers every request after ``--delay`` seconds. It serves ``--feeds`` RSS
feeds of ``--entries`` entries, spread over the hosts; every other feed carries only
summaries, so its entries' pages (on the same host) are fetched and their main text
extracted. Pages are news-page sized: the article (a US Congress press release from the
sibling ``shared/corpus``, or a bundled Wikinews article where that is absent) inside
navigation, related links, inline scripts and styles, about 120 KB each, like the median
real page of the HTML evaluation set (119 KB).

Measured: ``byline fetch --json`` in its own process, subscribed by ``byline feeds import``
(which fetches nothing): wall time, articles saved per second, peak RSS of the process tree
(sampled every 20 ms: Byline's process and its extraction workers together) and of its
largest single process. Then, each in a fresh data folder with the default caps: a gzip bomb
(1 GiB of zeros in about 1 MiB) and a server that accepts and never answers: time and peak
RSS, against a baseline fetch of one small feed.

Targets on a 2-core machine: 200 × 20 in <= 20 s and <= 300 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import os
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "us-congress-press-releases"
SEEDS = REPO / "seeds" / "wikinews"
PORT = 8311
HOSTILE_HOST = "127.0.0.27"


# --- the server ------------------------------------------------------------------------------


def texts(count: int) -> list[tuple[str, list[str]]]:
    """``count`` (title, paragraphs) from the corpus (cycled when it has fewer)."""
    folder = CORPUS if CORPUS.is_dir() else SEEDS
    found = []
    for path in sorted(folder.glob("*.md")):
        _, head, body = path.read_text(encoding="utf-8").split("---", 2)
        title = next(
            (line[7:].strip().strip('"') for line in head.splitlines() if line.startswith("title: ")), path.stem
        )
        found.append((title, [p.strip() for p in body.split("\n\n") if p.strip()]))
    return [found[n % len(found)] for n in range(count)]


def boilerplate() -> tuple[str, str]:
    """The page around the article: a head of scripts and styles, navigation before, related
    links and a footer after (together about 110 KB)."""
    style = "".join(f".c{n} {{ margin: {n % 7}px; padding: {n % 5}px; color: #{n % 999:03d}; }}\n" for n in range(900))
    script = "".join(f"window.slot{n} = {{id: {n}, size: [300, 250], path: '/ads/slot/{n}'}};\n" for n in range(700))
    nav = "".join(
        f'<li class="nav-item"><a class="nav-link" href="/section/{n}">Section {n}</a>'
        f'<ul class="sub">{"".join(f"<li><a href=/section/{n}/{m}>Topic {m}</a></li>" for m in range(6))}</ul></li>'
        for n in range(40)
    )
    related = "".join(
        f'<div class="card"><a href="/story/related/{n}"><img src="/img/{n}.jpg" alt="">'
        f"<h3>Another headline about the committee, number {n}</h3></a><p>A teaser line for story {n}.</p></div>"
        for n in range(40)
    )
    footer = "".join(f'<a href="/about/{n}">Footer link {n}</a> ' for n in range(80))
    before = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>{style}</style>'
        f"<script>{script}</script>"
        '<meta property="og:site_name" content="Bench Times"></head><body>'
        f'<header><div class="logo">Bench Times</div><nav><ul class="nav">{nav}</ul></nav></header><main><article>'
    )
    after = (
        f'</article><aside class="related"><h2>More news</h2>{related}</aside></main>'
        f'<footer><div class="links">{footer}</div><p>© Bench Times. All rights reserved.</p></footer></body></html>'
    )
    return before, after


class Site:
    """Every feed and page of the run, made on demand."""

    def __init__(self, feeds: int, entries: int, hosts: int) -> None:
        self.feeds, self.entries, self.hosts = feeds, entries, hosts
        self.texts = texts(feeds * entries)
        self.before, self.after = boilerplate()
        self.bomb = _bomb()

    def host(self, feed: int) -> str:
        return f"127.0.0.{2 + feed % self.hosts}"

    def feed_url(self, feed: int) -> str:
        return f"http://{self.host(feed)}:{PORT}/feed/{feed}.xml"

    def text(self, feed: int, entry: int) -> tuple[str, list[str]]:
        return self.texts[feed * self.entries + entry]

    def feed(self, feed: int) -> bytes:
        summary_only = feed % 2 == 1
        items = []
        for entry in range(self.entries):
            title, paragraphs = self.text(feed, entry)
            link = f"http://{self.host(feed)}:{PORT}/story/{feed}/{entry}.html"
            body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
            content = "" if summary_only else f"<content:encoded><![CDATA[{body}]]></content:encoded>"
            items.append(
                f"<item><title>{html.escape(title)}</title><link>{link}</link><guid>{link}</guid>"
                f"<pubDate>Mon, 06 Sep 2021 16:{entry:02d}:00 +0000</pubDate><dc:creator>Press Office</dc:creator>"
                f"<description>{html.escape(paragraphs[0][:200])}…</description>{content}</item>"
            )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/'
            'content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            f"<title>Bench feed {feed}</title><link>http://{self.host(feed)}/</link>{''.join(items)}</channel></rss>"
        ).encode()

    def page(self, feed: int, entry: int) -> bytes:
        title, paragraphs = self.text(feed, entry)
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        return f"{self.before}<h1>{html.escape(title)}</h1>{body}{self.after}".encode()

    def answer(self, path: str) -> tuple[bytes, str, dict[str, str]]:
        parts = path.strip("/").split("/")
        if parts[0] == "feed":
            return self.feed(int(parts[1].split(".")[0])), "application/rss+xml", {}
        if parts[0] == "story":
            return self.page(int(parts[1]), int(parts[2].split(".")[0])), "text/html; charset=utf-8", {}
        if parts[0] == "small.xml":
            return self.feed(0)[:0] + _small_feed(), "application/rss+xml", {}
        if parts[0] == "bomb.xml":
            return self.bomb, "application/rss+xml", {"Content-Encoding": "gzip"}
        return b"not found", "text/plain", {}


def _small_feed() -> bytes:
    return b'<?xml version="1.0"?><rss version="2.0"><channel><title>Small</title></channel></rss>'


def _bomb() -> bytes:
    """1 GiB of zeros, gzip-compressed (about 1 MiB)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    return b"".join(packer.compress(block) for _ in range(1024)) + packer.flush()


async def serve(site: Site, hosts: int, delay: float) -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                request = await reader.readline()
                if not request:
                    return
                while (await reader.readline()).strip():
                    pass
                await asyncio.sleep(delay)
                path = request.split()[1].decode()
                body, kind, extra = site.answer(path)
                status = "404 Not Found" if body == b"not found" else "200 OK"
                head = f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n"
                head += "".join(f"{k}: {v}\r\n" for k, v in extra.items())
                writer.write(head.encode() + b"\r\n" + body)
                await writer.drain()
        except (ConnectionError, IndexError):
            return
        finally:
            writer.close()

    async def hang(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(3600)

    servers = [await asyncio.start_server(handle, f"127.0.0.{2 + n}", PORT) for n in range(hosts)]
    servers.append(await asyncio.start_server(handle, HOSTILE_HOST, PORT))
    servers.append(await asyncio.start_server(hang, HOSTILE_HOST, PORT + 1))
    print("ready", flush=True)
    await asyncio.gather(*(s.serve_forever() for s in servers))


# --- the measurements -----------------------------------------------------------------------


TICK = os.sysconf("SC_CLK_TCK")


def tree_sample(root: int, cpu: dict[int, float]) -> tuple[int, int]:
    """RSS of ``root`` and all its descendants, and of the largest one (bytes); each one's
    CPU seconds so far go into ``cpu``."""
    children: dict[int, list[int]] = {}
    sizes: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(stat[1]), []).append(int(entry))
            sizes[int(entry)] = int(stat[21]) * os.sysconf("SC_PAGE_SIZE")
            times[int(entry)] = (int(stat[11]) + int(stat[12])) / TICK
        except (OSError, IndexError, ValueError):
            continue
    todo, total, largest = [root], 0, 0
    while todo:
        pid = todo.pop()
        total += sizes.get(pid, 0)
        largest = max(largest, sizes.get(pid, 0))
        cpu[pid] = max(cpu.get(pid, 0.0), times.get(pid, 0.0))
        todo.extend(children.get(pid, []))
    return total, largest


@dataclass
class Run:
    """One ``byline`` run: wall seconds, peak RSS (all processes; the largest one), CPU
    seconds of the main process and of the others, and what it printed."""

    seconds: float
    peak: int
    largest: int
    main_cpu: float
    other_cpu: float
    out: str


def byline(args: list[str], env: dict[str, str]) -> Run:
    """Run ``byline ARGS`` in its own process, sampling its process tree every 20 ms."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen([sys.executable, "-m", "tui", *args], env=env, stdout=out, stderr=subprocess.DEVNULL)
        peak = largest = 0
        cpu: dict[int, float] = {}
        while process.poll() is None:
            total, biggest = tree_sample(process.pid, cpu)
            peak, largest = max(peak, total), max(largest, biggest)
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        out.seek(0)
        main_cpu = cpu.pop(process.pid, 0.0)
        return Run(seconds, peak, largest, main_cpu, sum(cpu.values()), out.read().decode())


def subscribe(urls: list[str], env: dict[str, str], folder: Path) -> None:
    opml = folder / "subs.opml"
    outlines = "".join(f'<outline text="f{n}" xmlUrl="{url}"/>' for n, url in enumerate(urls))
    opml.write_text(f'<opml version="2.0"><body>{outlines}</body></opml>')
    subprocess.run(
        [sys.executable, "-m", "tui", "feeds", "import", str(opml)], env=env, check=True, capture_output=True
    )


def fresh_env(folder: Path) -> dict[str, str]:
    env = dict(os.environ, XDG_DATA_HOME=str(folder / "data"), XDG_CACHE_HOME=str(folder / "cache"))
    env.pop("BYLINE_ARTICLES", None)
    return env


def mb(size: int) -> str:
    return f"{size / 1e6:.0f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--hosts", type=int, default=25)
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--runs", type=int, default=1, help="repeat the throughput run (the machine may be shared)")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        asyncio.run(serve(Site(args.feeds, args.entries, args.hosts), args.hosts, args.delay))
        return 0
    if sys.platform != "linux":
        print("fetch_bench: needs Linux (all of 127/8 on loopback)")
        return 0
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", *sys.argv[1:]], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    try:
        assert server.stdout is not None and server.stdout.readline().strip() == "ready"
        return measure(args)
    finally:
        server.terminate()
        server.wait()


def measure(args: argparse.Namespace) -> int:
    site = Site(args.feeds, args.entries, args.hosts)
    sizes = sorted(len(site.page(f, e)) for f in range(1, args.feeds, 2) for e in range(0, args.entries, 7))
    source = "US Congress press releases" if CORPUS.is_dir() else "bundled Wikinews articles"
    print(f"loadavg before: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} cores")
    print(
        f"{args.feeds} feeds x {args.entries} entries on {args.hosts} hosts, {args.delay * 1000:.0f} ms a response; "
        f"{(args.feeds // 2) * args.entries} summary-only entries whose pages are fetched "
        f"(median page {sizes[len(sizes) // 2] / 1000:.0f} KB, text: {source})"
    )
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="byline-fetch-bench-") as tmp:
            folder = Path(tmp)
            env = fresh_env(folder)
            subscribe([site.feed_url(n) for n in range(args.feeds)], env, folder)
            load = os.getloadavg()[0]
            run = byline(["fetch", "--json"], env)
            results = json.loads(run.out)
            saved = sum(r["new"] for r in results)
            failed = [r for r in results if not r["ok"]]
            print(
                f"fetch: {run.seconds:.1f} s, {saved} articles ({saved / run.seconds:.0f}/s), {len(failed)} feeds "
                f"failed; peak RSS {mb(run.peak)} (all processes), {mb(run.largest)} (largest one); CPU "
                f"{run.main_cpu:.1f} s in the main process, {run.other_cpu:.1f} s in the workers; load {load:.1f}"
            )
            for row in failed[:3]:
                print(f"  failed: {row['feed']}: {row['error']}")
    print(f"loadavg after: {os.getloadavg()[0]:.2f}")
    for name, url in (
        ("baseline (one small feed)", f"http://{HOSTILE_HOST}:{PORT}/small.xml"),
        ("gzip bomb (1 GiB in 1 MiB)", f"http://{HOSTILE_HOST}:{PORT}/bomb.xml"),
        ("server that never answers", f"http://{HOSTILE_HOST}:{PORT + 1}/feed.xml"),
    ):
        with tempfile.TemporaryDirectory(prefix="byline-fetch-bench-") as tmp:
            env = fresh_env(Path(tmp))
            subscribe([url], env, Path(tmp))
            run = byline(["fetch", "--json"], env)
            (row,) = json.loads(run.out)
            print(f"{name:28} {run.seconds:5.1f} s  peak RSS {mb(run.peak):>7}  {row['error'] or 'ok'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
