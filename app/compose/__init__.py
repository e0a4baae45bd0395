"""Composition: takes an IssueDoc and the house style, gives one ComposedPage (display list) per page through the layouts engine."""
