"""The pipeline stages: ingest, extract, detect, apply, verify (one module each)."""
