"""Helpers and fixtures for the hardening tests (tests/test_hardening*.py)."""
