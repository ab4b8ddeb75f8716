"""What ``mkdocs.yml`` configures, as the tests read it (the file itself, never a copy)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parent.parent


def markdown_extension(name: str, mkdocs_yml: Path = ROOT / "mkdocs.yml") -> dict:
    """The options of the Markdown extension ``name`` (``{}`` if it is enabled without any);
    ``LookupError`` if ``mkdocs.yml`` does not enable it."""
    with open(mkdocs_yml, encoding="utf-8") as handle:
        config = yaml_load(handle)
    for entry in config.get("markdown_extensions", []):
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return dict(entry[name] or {})
    raise LookupError(f"{mkdocs_yml} does not enable {name}")
