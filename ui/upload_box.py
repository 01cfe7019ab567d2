"""The "add your own layer" box: a session-only layer, read, validated and summarised
by geo.data.upload, never part of a link."""

from __future__ import annotations

import geopandas as gpd
import streamlit as st

from geo.answers.upload_summary import Summary, summarise
from geo.core.i18n import name, t
from geo.data import upload
from geo.domain.model import Model
from ui.markdown import esc

UPLOAD_KEY = "upload"


def read_upload(model: Model) -> gpd.GeoDataFrame | None:
    """The session-only user layer, read from the uploader's state before the sidebar draws
    it: its GeoDataFrame when it should be drawn, else None."""
    ss = st.session_state
    f = ss.get("w_upload")
    if f is None:
        ss.pop(UPLOAD_KEY, None)
        return None
    if ss.get(UPLOAD_KEY, {}).get("file_id") != f.file_id:
        try:
            gdf = upload.read(f.name, f.getvalue())
            ss[UPLOAD_KEY] = {"file_id": f.file_id, "gdf": gdf, "summary": summarise(gdf, model)}
        except upload.UploadError as exc:
            ss[UPLOAD_KEY] = {"file_id": f.file_id, "error": exc.reason}
    up = ss[UPLOAD_KEY]
    return up.get("gdf") if ss.get("w_layer_upload", True) else None


def has_upload() -> bool:
    return "gdf" in st.session_state.get(UPLOAD_KEY, {})


def upload_box(model: Model, lang: str) -> None:
    ss = st.session_state
    box = st.expander(
        t("upload", lang), icon=":material/upload_file:", expanded=UPLOAD_KEY in ss, key="x_upload", on_change="rerun"
    )
    if not (box.open or UPLOAD_KEY in ss):  # lazy: a closed box sends nothing to the page
        return
    with box:
        st.file_uploader(
            t("upload", lang), type=["geojson", "json", "zip", "csv"], key="w_upload", label_visibility="collapsed"
        )
        st.caption(t("upload_help", lang))
        up = ss.get(UPLOAD_KEY)
        if up is None:
            return
        if "error" in up:
            st.error(t(f"upload.err.{up['error']}", lang))
            return
        upload_summary(model, up["summary"], lang)
        st.toggle(t("layer.upload", lang), value=True, key="w_layer_upload")


def upload_summary(model: Model, s: Summary, lang: str) -> None:
    none = t("upload_none", lang)
    if s.area_km2 is not None:
        size = t("km2", lang, v=s.area_km2)
    elif s.length_km is not None:
        size = t("km", lang, v=s.length_km)
    else:
        size = "-"
    rows = [
        (t("upload_features", lang), f"{s.features:,}"),
        (t("upload_size", lang), size),
        (t("upload_touches_clusters", lang), ", ".join(name(model.cluster(c), lang) for c in s.clusters) or none),
        (t("upload_touches_regions", lang), ", ".join(name(model.region(r), lang) for r in s.regions) or none),
    ]
    if s.nearest_station:
        stn = model.station(s.nearest_station)
        rows.append((t("upload_nearest", lang), f"{name(stn, lang)} ({t('km', lang, v=s.nearest_km)})"))
    if s.encoding is not None:
        enc = s.encoding
        if enc.source == "csv":
            shown = enc.name
        else:
            shown = t("upload_encoding.cpg" if enc.source == "cpg" else "upload_encoding.no_cpg", lang, enc=enc.name)
        rows.append((t("upload_encoding", lang), shown))
    st.markdown(f"**{t('upload_summary', lang)}**  \n" + "  \n".join(f"{esc(k)}: {esc(v)}" for k, v in rows))
