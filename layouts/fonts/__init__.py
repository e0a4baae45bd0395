"""Fonts: takes the machine's font folders and a style's face roles, gives measurable faces (metrics, coverage) and embeddable TrueType files (discovery, registry, convert, cache, jobs, charsets)."""
