"""Pure Python and geopandas: everything the map knows, with no Streamlit and no folium.

Subpackages, lowest first; each imports only those below it (import-linter keeps this, see
pyproject.toml):

- core: the vocabulary (statuses, CRSs, bounds, code rules), citations, the clock, the
  string table (ko/en), the palette, Web-Mercator arithmetic;
- state: the URL codec (`ViewState`), a map event -> selection, the share link;
- timeline: dated milestones, the status as of a date, their plain-data form;
- data: every reader and validator of data/;
- domain: the model built once from the data, the map's frames as of a date, visibility,
  regions, spatial analysis, the GTX network;
- answers: place and station answers, search, the map in words, tours, downloads, naming;
- printing: a view printed with matplotlib.
"""
