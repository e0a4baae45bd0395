"""Tests of app.intake (a package, so test module names such as test_text stay unique)."""
