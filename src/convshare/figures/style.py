"""Shared look for the figures: colours and grid helpers (no words drawn in figures)."""

# Colour-blind-safe palette (Okabe & Ito), readable on the white figure background in both themes.
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
RED = "#D55E00"
PURPLE = "#CC79A7"
SKY = "#56B4E9"
YELLOW = "#F0E442"
GREY = "#999999"
INK = "#222222"
PAPER = "#FFFFFF"

CYCLE = [BLUE, ORANGE, GREEN, RED, PURPLE, SKY, YELLOW]
