"""The build of one edition of the site, step by step: Pyodide, wheels, extensions, jupyter lite, offline."""
