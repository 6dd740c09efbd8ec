"""The review stage: a local web page where a reviewer confirms, rejects and adds redactions.

Nothing is burned in without a human decision. ``app`` serves the page, ``decisions`` writes
decisions to the workspace with their audit records, ``diff`` builds the per-page view of the
original beside the redacted result, ``render`` draws page images, ``security`` guards every
request and ``export`` writes read-only HTML diffs for the case file.
"""
