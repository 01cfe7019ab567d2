"""A view printed as PNG, PDF or SVG with matplotlib: the sheet's figures and the drawing."""
