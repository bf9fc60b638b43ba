"""Tests in a real browser: Debian's Chromium, driven by Playwright.

A package, so this folder's conftest does not take the name `conftest` from tests/.
"""
