"""Every image of a page gets its size, and only the first is fetched before it is needed.

An MkDocs hook (``hooks:`` in ``mkdocs.yml``). After each page is rendered, for every ``<img>``:

- an image inlined as ``data:image/png;base64,...`` (what mkdocs-jupyter writes for a notebook's
  plots) is written to a file next to the page instead, named by its content
  (``output-<sha256 prefix>.png``), so the page's HTML stays small and the picture can be
  fetched later and cached;
- ``width`` and ``height`` are set from the image itself (PNG, GIF, WebP, JPEG from their
  headers, SVG from its ``viewBox``), so the browser keeps its place before it arrives and
  nothing moves (no layout shift); a ``width`` given in the Markdown is kept and the height
  follows the image's aspect ratio;
- every image after the first of the page gets ``loading="lazy"`` (fetched when the reader
  scrolls near it) and ``decoding="async"``.

An image whose file cannot be found or read fails the build, naming the page and the image.
"""

from __future__ import annotations

import base64
import hashlib
import html
import posixpath
import re
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.exceptions import PluginError
from PIL import Image

IMG = re.compile(r"<img\b(?P<attrs>[^>]*?)\s*/?>", re.S)
ATTR = re.compile(
    r"""(?P<name>[\w-]+)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+)))?"""
)
SVG_ROOT = re.compile(rb"<svg\b[^>]*>", re.S)
SVG_ATTR = re.compile(rb'\b(width|height|viewBox)="([^"]*)"')
NUMBER = re.compile(r"[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?")


def svg_size(data: bytes) -> tuple[float, float]:
    """(width, height) of an SVG in CSS pixels: its viewBox, else its width and height."""
    root = SVG_ROOT.search(data)
    if root is None:
        raise ValueError("no <svg> element")
    attrs = {k.decode(): v.decode() for k, v in SVG_ATTR.findall(root.group(0))}
    if "viewBox" in attrs:
        box = [float(n) for n in NUMBER.findall(attrs["viewBox"])]
        if len(box) == 4 and box[2] > 0 and box[3] > 0:
            width, height = box[2], box[3]
            # matplotlib writes width="460.8pt": the viewBox is in points, 1 pt = 4/3 px.
            if attrs.get("width", "").endswith("pt"):
                width, height = width * 4 / 3, height * 4 / 3
            return width, height
    if "width" in attrs and "height" in attrs:
        w, h = (float(NUMBER.match(attrs[k]).group(0)) for k in ("width", "height"))
        scale = 4 / 3 if attrs["width"].endswith("pt") else 1.0
        return w * scale, h * scale
    raise ValueError("an <svg> with neither a viewBox nor a width and a height")


def image_size(data: bytes) -> tuple[float, float]:
    """(width, height) in CSS pixels of an image's bytes (SVG or any raster Pillow reads)."""
    head = data[:1024].lstrip()
    if head.startswith(b"<?xml") or b"<svg" in head:
        return svg_size(data)
    with Image.open(BytesIO(data)) as image:
        return float(image.width), float(image.height)


def _attrs(text: str) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for m in ATTR.finditer(text):
        value = next((v for v in (m["dq"], m["sq"], m["bare"]) if v is not None), None)
        out[m["name"].lower()] = html.unescape(value) if value is not None else None
    return out


def _tag(attrs: dict[str, str | None]) -> str:
    parts = [
        name if value is None else f'{name}="{html.escape(value, quote=True)}"'
        for name, value in attrs.items()
    ]
    return "<img " + " ".join(parts) + " />"


class Images:
    """The images of one page: their bytes, found from the page's address."""

    def __init__(self, page, config, files) -> None:
        self.page = page
        self.site_dir = Path(config["site_dir"])
        self.files = files
        # the folder of the page's address, relative to the site's root ("" for the home page)
        url = page.url
        self.folder = url if url.endswith("/") or url == "" else posixpath.dirname(url) + "/"

    def local(self, src: str) -> bytes:
        """The bytes of a local image addressed ``src`` from this page."""
        path = posixpath.normpath(posixpath.join(self.folder, unquote(urlsplit(src).path)))
        file = next((f for f in self.files if f.dest_uri == path), None)
        if file is None:
            raise FileNotFoundError(f"no file of the site is at {path}")
        return Path(file.abs_src_path).read_bytes()

    def unpack(self, src: str) -> tuple[str, bytes]:
        """Write an inlined PNG next to the page; its new address and its bytes."""
        data = base64.b64decode(src.split(",", 1)[1])
        name = f"output-{hashlib.sha256(data).hexdigest()[:16]}.png"
        target = self.site_dir / self.folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return name, data


def on_page_content(content: str, page, config, files) -> str:
    images = Images(page, config, files)
    seen = 0

    def fix(match: re.Match) -> str:
        nonlocal seen
        attrs = _attrs(match["attrs"])
        src = attrs.get("src") or ""
        try:
            if src.startswith("data:image/png;base64,"):
                attrs["src"], data = images.unpack(src)
            elif urlsplit(src).scheme or src.startswith("//"):
                return match.group(0)  # not ours to measure (the build's own tests refuse these)
            else:
                data = images.local(src)
            natural_w, natural_h = image_size(data)
        except (OSError, ValueError) as err:
            raise PluginError(
                f"images: cannot read the image {src[:80]!r} of {page.file.src_uri}: {err}"
            ) from err
        if attrs.get("width") and NUMBER.fullmatch(attrs["width"] or ""):
            width = float(attrs["width"])
        else:
            width = natural_w
        attrs["width"] = str(round(width))
        attrs["height"] = str(round(width * natural_h / natural_w))
        if seen:
            attrs.setdefault("loading", "lazy")
        attrs.setdefault("decoding", "async")
        seen += 1
        return _tag(attrs)

    return IMG.sub(fix, content)
