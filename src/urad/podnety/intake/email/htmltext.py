"""Convert an HTML mail body to readable plain text."""

from html.parser import HTMLParser

import re


_BLOCK = {
    "p", "div", "br", "tr", "li", "ul", "ol", "table", "blockquote", "h1", "h2",
    "h3", "h4", "h5", "h6", "pre", "hr", "dt", "dd", "section", "article",
    "header", "footer", "address",
}  # fmt: skip
_SKIP = {"script", "style", "head", "title", "template", "noscript"}


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks = []
        self.skipping = 0
        self.preformatted = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skipping += 1
        elif tag == "pre":
            self.preformatted += 1
        if tag == "li":
            self.chunks.append("\n- ")
        elif tag in _BLOCK:
            self.chunks.append("\n")
        if tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.chunks.append(f" [{alt}] ")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "pre":
            self.preformatted = max(0, self.preformatted - 1)
        if tag in _BLOCK and tag != "br":
            self.chunks.append("\n")
        elif tag in {"td", "th"}:
            self.chunks.append("\t")

    def handle_data(self, data):
        if self.skipping:
            return
        if not self.preformatted:
            data = re.sub(r"\s+", " ", data)
        self.chunks.append(data)


def html_to_text(html: str) -> str:
    """Return the visible text of an HTML document, one block per line."""
    collector = _TextCollector()
    try:
        collector.feed(html)
        collector.close()
    except (AssertionError, ValueError):
        # Broken markup: keep what was collected up to the error.
        pass
    text = "".join(collector.chunks).replace("\xa0", " ")
    lines = [line.strip(" \t") for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
