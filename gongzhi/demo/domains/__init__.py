"""Demo rows of each domain app, built on the apps ' services (the apps never import the demo)."""
