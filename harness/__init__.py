"""What the tests and the benchmarks drive the site with: real speech
(voices.py) and the site served for real, with Chromium beside it (site.py)."""
