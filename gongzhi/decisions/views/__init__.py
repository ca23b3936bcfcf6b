"""Pages of owners' decisions: organisers (matters.py) and owners, roll, results (voting.py)."""
