# Gyeonggi Growth Map: the Streamlit app on port 8501, as a non-root user.
#   docker build -t ggm .
#   docker run --rm -p 8501:8501 ggm            # then open http://localhost:8501
# docs/hosting.md covers secrets, health checks and running several replicas.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false \
    STREAMLIT_SERVER_PORT=8501

# Every dependency ships manylinux wheels (GEOS, GDAL and PROJ are bundled in shapely,
# pyogrio and pyproj), so the slim image needs no apt packages and no compiler.
# requirements.lock (`make lock`) pins every dependency, indirect ones too, with its hashes.
WORKDIR /app
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /home/app --create-home --shell /usr/sbin/nologin app

# Only what the app reads at run time (no tests, scripts, secrets or local venv).
COPY app.py ./
COPY geo/ ./geo/
COPY layers/ ./layers/
COPY ui/ ./ui/
COPY data/ ./data/
COPY .streamlit/config.toml ./.streamlit/config.toml

# Leaflet and the map's geometry files are served from ./static (server.enableStaticServing):
# write them now, so the app never has to write into /app. The code stays root-owned and
# read-only for `app`.
RUN python -m layers.prebuild \
    && python -m compileall -q app.py geo layers ui

USER app
EXPOSE 8501

HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/_stcore/health' % os.environ.get('STREAMLIT_SERVER_PORT', '8501'), timeout=4)"]

CMD ["streamlit", "run", "app.py", "--server.address", "0.0.0.0"]
