"""`python -m coursebuild.site.jupyter_lite build ...`: jupyter lite, minus the import coursebuild skips."""

if __name__ == "__main__":
    from jupyterlite_core.app import main

    main()
