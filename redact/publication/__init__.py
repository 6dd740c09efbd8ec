"""What a Woo decision publishes: documents named by number, the inventory, DiWoo metadata, the
draft decision annex. ``model`` holds the records every part reads; nothing here holds personal
data (descriptions come from the redacted text)."""
