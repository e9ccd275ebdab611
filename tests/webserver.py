"""A local web server for the `briefings add` tests: pages, feeds and every way a fetch goes wrong.

Threaded http.server on 127.0.0.1 and a free port; nothing leaves the machine.
"""
from __future__ import annotations

import http.server
import threading
import time
from collections import Counter
from contextlib import contextmanager
from collections.abc import Iterator

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | The Valley Gazette</title>
<meta property="og:title" content="{title}">
<link rel="canonical" href="{canonical}">
</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<article>
<h1>{title}</h1>
<p class="byline">By Ann Writer</p>
{body}
</article>
<footer>Copyright The Valley Gazette</footer>
</body></html>
"""

RIVER = """<p>SPRINGFIELD, March 3, 2025 - The city council of Springfield voted on Monday to rebuild the
old river bridge, ending a dispute that had lasted for two years.</p>
<p>"We will not let this bridge fall into the river," said Jane Smith, the mayor of Springfield, after
the vote. "Work starts in April and will end by the autumn of next year."</p>
<p>The council approved a budget of 12 million dollars. Tom Baker, the council's treasurer, said the
money would come from a state grant and from the city's reserves.</p>
<p>Residents had complained for months about closures. "It takes me an hour to get to work now,"
said Maria Lopez, a nurse who lives on the east bank.</p>
<p>The bridge will close to traffic on April 14 and reopen in the autumn of 2026, the city said.</p>"""

HARBOUR = """<p>PORTVILLE, March 5, 2025 - The port authority of Portville said on Wednesday that it
would dredge the harbour this summer so that larger ships can dock.</p>
<p>"The harbour has to grow or the town will shrink," said Peter Grant, the head of the port
authority. He said the work would run from June 2 to August 29.</p>
<p>Fishermen were worried about the noise. "Nobody asked us," said Lisa Moore, who chairs the
fishermen's association.</p>
<p>The authority will hold a public meeting on March 20 to answer questions.</p>"""

AGO = """<p class="meta">Published 3 hours ago</p>
<p>The school board of Lakeside agreed yesterday to extend the school day by thirty minutes from
the next term, after a long debate among parents and teachers.</p>
<p>"Our children need more time to read," said Karen White, the chair of the board. Teachers'
representatives said they would ask for more pay in return.</p>
<p>The change will cost the district about two million dollars a year, the board said.</p>"""

HOSTILE = """<p>The festival committee of Greenfield met on Tuesday to plan the summer fair, which
will run from July 4 to July 6 on the common.</p>
<script>alert("fetched-script")</script>
<p>"{{ config.secret }} will be {% raw %}announced{% endraw %} soon," said Bob Hill, the committee's
chairman, who also said the fair would bring <a href="javascript:alert('link')">many visitors</a>.</p>
<p><img src=x onerror="alert('img')"> Tickets go on sale on June 1, the committee said.</p>"""

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Gazette</title><link>{base}/</link><description>News</description>
<item><title>Bridge</title><link>{base}/news/bridge.html?utm_source=rss&amp;utm_medium=feed</link></item>
<item><title>Harbour</title><link>/news/harbour.html</link></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Gazette</title><id>urn:x</id>
<updated>2025-03-05T00:00:00Z</updated>
<entry><title>Harbour</title><id>urn:1</id><updated>2025-03-05T00:00:00Z</updated>
<link rel="alternate" href="{base}/news/harbour.html"/></entry>
<entry><title>School</title><id>urn:2</id><updated>2025-03-05T00:00:00Z</updated>
<link rel="alternate" href="{base}/news/ago.html"/></entry>
</feed>
"""

ROBOTS = "User-agent: *\nDisallow: /private/\n"
SLOW_SECONDS = 3.0
BIG_BYTES = 200_000


class Handler(http.server.BaseHTTPRequestHandler):
    server: Server

    def log_message(self, *args) -> None:
        pass

    def send(self, status: int, body: bytes = b"", kind: str = "text/html; charset=utf-8",
             headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def article(self, title: str, body: str, canonical: str) -> None:
        page = ARTICLE.format(title=title, body=body, canonical=self.server.base + canonical)
        self.send(200, page.encode("utf-8"))

    def do_GET(self) -> None:  # noqa: C901 - one route per line
        path = self.path.split("?", 1)[0]
        self.server.hits[path] += 1
        self.server.agents.append(self.headers.get("User-Agent", ""))
        n = self.server.hits[path]
        base = self.server.base
        if path == "/robots.txt":
            self.send(200, ROBOTS.encode(), "text/plain")
        elif path == "/news/bridge.html":
            self.article("Springfield votes to rebuild the river bridge", RIVER, "/news/bridge.html")
        elif path == "/news/harbour.html":
            self.article("Portville will dredge its harbour", HARBOUR, "/news/harbour.html")
        elif path == "/news/ago.html":
            self.article("Lakeside extends the school day", AGO, "/news/ago.html")
        elif path == "/news/fair.html":
            self.article("Greenfield <plans> its {{ summer }} fair", HOSTILE, "/news/fair.html")
        elif path == "/amp/bridge.html":  # another copy of the bridge page, pointing at the original
            self.article("Springfield votes to rebuild the river bridge", RIVER, "/news/bridge.html")
        elif path == "/short/bridge":
            self.send(301, headers={"Location": "/news/bridge.html?utm_campaign=short"})
        elif path == "/loop":
            self.send(302, headers={"Location": "/loop"})
        elif path == "/to-ftp":
            self.send(302, headers={"Location": "ftp://127.0.0.1/file"})
        elif path == "/missing.html":
            self.send(404, b"<p>not here</p>")
        elif path == "/broken.html":
            self.send(500, b"<p>oops</p>")
        elif path == "/flaky.html":  # fails once, then answers
            if n == 1:
                self.send(503, b"")
            else:
                self.article("Portville will dredge its harbour", HARBOUR, "/flaky.html")
        elif path == "/busy.html":  # asks the client to come back in a second, once
            if n == 1:
                self.send(429, b"", headers={"Retry-After": "1"})
            else:
                self.article("Lakeside extends the school day", AGO, "/busy.html")
        elif path == "/patient.html":
            self.send(429, b"", headers={"Retry-After": "86400"})
        elif path == "/slow.html":
            time.sleep(SLOW_SECONDS)
            self.send(200, b"<p>late</p>")
        elif path == "/big.html":
            self.send(200, b"<p>" + b"x" * BIG_BYTES + b"</p>")
        elif path == "/big-chunked.html":  # no Content-Length: the cap must hold while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(BIG_BYTES // 10_000 + 1):
                self.wfile.write(b"y" * 10_000)
            self.close_connection = True
        elif path == "/report.pdf":
            self.send(200, b"%PDF-1.4 ...", "application/pdf")
        elif path == "/private/secret.html":
            self.article("Secret", RIVER, "/private/secret.html")
        elif path == "/feed.rss":
            self.send(200, RSS.format(base=base).encode(), "application/rss+xml")
        elif path == "/feed.atom":
            self.send(200, ATOM.format(base=base).encode(), "application/atom+xml")
        elif path == "/not-a-feed.xml":
            self.send(200, b"<html><body>nothing</body></html>", "application/xml")
        else:
            self.send(404, b"")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server_port}"
        self.hits: Counter[str] = Counter()
        self.agents: list[str] = []

    def handle_error(self, request, client_address) -> None:
        pass  # a client that gave up (the timeout and size-cap tests) is what they test


@contextmanager
def serving() -> Iterator[Server]:
    server = Server()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
