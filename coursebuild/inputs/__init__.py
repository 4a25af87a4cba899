"""The course's inputs, read and checked: table of contents, lessons, claims, the committed runtime report."""
