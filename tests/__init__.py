"""Tests of convshare and of the site built from it (see docs/how-this-site-is-tested.md)."""
