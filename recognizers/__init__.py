"""Dutch Presidio recognisers for Woo documents: one recogniser per module."""
