"""The browser every browser test uses: Debian's chromium, cut off from other machines, and a
watch on what a page does that it should not (console errors, requests that leave the machine)."""

from __future__ import annotations

from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Belt and braces: no host name but localhost resolves, whatever the page asks for.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob", "about"} or parts.hostname == "127.0.0.1"


class Watch:
    """What one browser page did: console errors, and requests that tried to leave the machine."""

    def __init__(self, page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.off_machine: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.route("**/*", self._route)

    def _console(self, message) -> None:
        if message.type == "error":
            location = message.location or {}
            self.errors.append(f"console error: {message.text} ({location.get('url', '?')})")

    def _route(self, route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            self.off_machine.append(route.request.url)
            route.abort("blockedbyclient")

    def problems(self) -> list[str]:
        return self.errors + [
            f"request to another machine (blocked): {u}" for u in self.off_machine
        ]

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, "the page did what it should not:\n" + "\n".join(problems)
