#!/usr/bin/env python3
"""Writes fixtures/html/: the five seed articles (fixtures/seeds/*.txt) saved as news sites
serve them, to test the extraction of web pages (src/corpus/html.rs).

Each page wraps the seed's lines (one block per line, the first headline-like line an <h1>)
in the structure news sites use: a cookie banner, a header with the logo and navigation,
breadcrumbs, share buttons with counts, a related-links aside, a comments block, a newsletter
form and a footer, scripts, JSON-LD. The furniture holds figures and names of its own (a
comment names a figure and a politician; the banner counts partners) that must not reach the
analysis. The prose is written as pages write it: typographic quotes and dashes as entities
(&rsquo;, &ldquo;, &mdash;), & as &amp;, names inside links and <b>. Page metadata gives each
article the outlet and date that the plain-text seed yields, so that the .html seeds must give
exactly the findings and actors of the .txt seeds.

    python3 scripts/seeds-to-html.py                  # rewrites fixtures/html/*.html
    python3 scripts/seeds-to-html.py FROM_DIR TO_DIR  # any folder of .txt articles as pages
                                                      # (no page metadata; for benchmarks)
"""

import html
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
OUT = ROOT / "fixtures" / "html"

# per seed: the page's metadata, chosen to give the outlet and date the .txt seed gives
PAGES = {
    "000": {"site": None, "published": "2016-10-15T23:45:00+08:00", "via": "meta",
            "logo": "Asia Morning Post", "author": "Agence France-Presse"},
    "001": {"site": None, "published": None, "via": None, "logo": "Wire Desk", "author": None},
    "002": {"site": "USPA News", "published": "2016-10-15T03:01:00+02:00", "via": "meta",
            "logo": "USPA NEWS", "author": "Rob Riley"},
    "003": {"site": "Expatica", "published": None, "via": "json-ld", "logo": "Expatica",
            "author": None},
    "004": {"site": "World Media", "published": "2016-10-20", "via": "title+time",
            "logo": "World Media", "author": "Virginia Carter"},
}

ENTITIES = {"’": "&rsquo;", "‘": "&lsquo;", "“": "&ldquo;", "”": "&rdquo;", "—": "&mdash;",
            "–": "&ndash;"}
# names written inside markup, as pages link and embolden them
NAMES = [
    ("Sergei Lavrov", 'Sergei <b>Lavrov</b>'),
    ("Sergey Lavrov", '<a href="/topics/sergey-lavrov">Sergey <span class="surname">Lavrov</span></a>'),
    ("John Kerry", '<a href="/topics/john-kerry" class="topic-link">John Kerry</a>'),
    ("Bashar al-Assad", '<a href="/topics/bashar-al-assad">Bashar al-Assad</a>'),
]


def inline(line: str) -> str:
    out = html.escape(line, quote=False)  # & < >
    for ch, ent in ENTITIES.items():
        out = out.replace(ch, ent)
    for plain, marked in NAMES:
        out = out.replace(plain, marked)
    return out


def is_headline(line: str) -> bool:
    words = line.split()
    return len(words) >= 4 and any(c.islower() for c in line) and not line[:1] in "-–—•"


PLAIN = {"site": None, "published": None, "via": None, "logo": "News Example", "author": None}


def page(label: str, text: str) -> str:
    info = PAGES.get(label, PLAIN)
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    headline = next((l for l in lines if is_headline(l)), lines[0] if lines else "")
    title = headline if info["via"] != "title+time" else f"{headline} | {info['site']}"
    head = [
        '<!DOCTYPE html>',
        '<html lang="en">',
        '<head>',
        '  <meta charset="utf-8">',
        '  <meta name="viewport" content="width=device-width, initial-scale=1">',
        f'  <title>{html.escape(title)}</title>',
        '  <link rel="stylesheet" href="/static/site.css?v=2016.10.3">',
        f'  <link rel="canonical" href="https://news.example/{label}/{label}-story.html">',
    ]
    if info["via"] == "meta":
        if info["site"]:
            head.append(f'  <meta property="og:site_name" content="{html.escape(info["site"])}">')
        head.append(f'  <meta property="og:title" content="{html.escape(headline)}">')
        head.append(f'  <meta property="article:published_time" content="{info["published"]}">')
    if info["author"]:
        head.append(f'  <meta name="author" content="{html.escape(info["author"])}">')
    if info["via"] == "json-ld":
        head.append('  <script type="application/ld+json">')
        head.append('  {"@context": "https://schema.org", "@graph": [')
        head.append('    {"@type": "WebSite", "name": "Expatica", "url": "https://news.example/"},')
        head.append(f'    {{"@type": "NewsArticle", "headline": "{headline}",')
        head.append('     "publisher": {"@type": "Organization", "name": "Expatica",'
                    ' "logo": {"@type": "ImageObject", "url": "https://news.example/logo.png"}},')
        head.append(f'     "mainEntityOfPage": {{"@id": "https://news.example/{label}/"}}}}]}}')
        head.append('  </script>')
    head += [
        '  <script>window.dataLayer = window.dataLayer || []; dataLayer.push({"pageType": "article",'
        ' "wordCount": 1250, "section": "world"}); if (1 < 2 && 3 > 2) { console.log("<p>not text</p>"); }</script>',
        '  <style>.cookie-banner{position:fixed;bottom:0} p>a{color:#036}</style>',
        '</head>',
    ]
    body = [
        '<body class="article-page">',
        '<div class="cookie-banner" role="dialog" aria-label="Cookies">',
        '  <p>We and our 842 partners use cookies to personalise content and ads, and to measure'
        ' how 1,500,000 readers use this site. <button>Accept all</button> <a href="/privacy">Manage settings</a></p>',
        '</div>',
        '<header class="site-header">',
        f'  <a class="logo" href="/">{html.escape(info["logo"])}</a>',
        '  <nav class="main-nav"><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>'
        '<li><a href="/business">Business</a></li><li><a href="/middle-east">Middle East</a></li></ul></nav>',
        '  <form class="search" action="/search"><input name="q" placeholder="Search"></form>',
        '</header>',
        '<div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/world">World</a> &rsaquo; Syria</div>',
        '<main>',
        '<article class="story">',
        '  <div class="share-tools"><span class="share-count">1,204 shares</span>'
        ' <a href="https://twitter.example/share">Tweet</a> <a href="https://facebook.example/share">Share</a></div>',
        '  <div class="story-body">',
    ]
    for line in lines:
        tag = "h1" if line == headline else "p"
        body.append(f'    <{tag}>{inline(line)}</{tag}>')
    if info["via"] == "title+time":
        body.append(f'    <p class="published">Published <time datetime="{info["published"]}">'
                    'Thursday</time></p>')
    body += [
        '  </div>',
        '  <div class="tags"><a href="/tags/syria">Syria</a> <a href="/tags/russia">Russia</a>'
        ' <a href="/tags/united-states">United States</a></div>',
        '</article>',
        '<aside class="related">',
        '  <h2>Related stories</h2>',
        '  <ul><li><a href="/r1">More than 4,000 flee Mosul as Iraqi forces advance on the city</a></li>',
        '  <li><a href="/r2">Donald Trump says 30,000 troops would end the war in Syria within a month</a></li></ul>',
        '</aside>',
        '<section id="comments" class="comments">',
        '  <h2>Comments (37)</h2>',
        '  <div class="comment"><p class="author">Hillary Fan 2016</p>',
        '  <p>Nobody believes 600,000 people still live there. Vladimir Putin and Donald Trump will decide'
        ' this war, not these talks, mark my words.</p></div>',
        '</section>',
        '</main>',
        '<div class="newsletter-signup"><p>Get the 5 stories you need to read every morning, free, in'
        ' your inbox from Monday to Friday.</p><form><input type="email"><button>Subscribe</button></form></div>',
        '<footer class="site-footer"><p>&copy; 2016 News Example Ltd. All rights reserved. Registered in'
        ' England No. 1234567, 25 Example Street, London.</p></footer>',
        '<script src="/static/app.js?v=20161015"></script>',
        '</body>',
        '</html>',
    ]
    return "\n".join(head + body) + "\n"


def main() -> None:
    if len(sys.argv) == 3:
        source, out, label = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), None
    else:
        source, out, label = SEEDS, OUT, "seed"
    out.mkdir(parents=True, exist_ok=True)
    for seed in sorted(source.glob("*.txt")):
        key = seed.name[:3] if label else ""
        (out / (seed.stem + ".html")).write_text(page(key, seed.read_text(encoding="utf-8")),
                                                 encoding="utf-8")


if __name__ == "__main__":
    main()
