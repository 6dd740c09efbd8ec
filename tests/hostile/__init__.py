"""Hostile inputs and a hostile world (issue 13): each module one class of defect, each input
built deterministically under ``tmp_path`` by ``builders``."""
