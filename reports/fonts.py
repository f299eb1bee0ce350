"""A CJK font for the charts: Chinese names must render, offline. Debian ships one in fonts-wqy-zenhei
or fonts-noto-cjk; vl-convert needs the folder registered before the first conversion."""
from __future__ import annotations

import os
from pathlib import Path

CANDIDATE_DIRS = ("/usr/share/fonts/truetype/wqy", "/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto",
                  "/usr/share/fonts/noto-cjk")
FAMILIES = {"wqy": "WenQuanYi Zen Hei", "noto": "Noto Sans CJK SC"}
_registered: str | None = None


def cjk_font_dir() -> Path | None:
    extra = os.environ.get("PROCWATCH_CJK_FONT_DIR")
    for folder in ([extra] if extra else []) + list(CANDIDATE_DIRS):
        path = Path(folder)
        if path.is_dir() and any(path.glob("*.tt[fc]")) or path.is_dir() and any(path.glob("*.otf")):
            return path
    return None


def register_cjk_font() -> str:
    """Register the CJK font with vl-convert once; returns the font family name for the charts.
    Without one, charts still render (Latin text only) and the family falls back to sans-serif."""
    global _registered
    if _registered is not None:
        return _registered
    import vl_convert

    folder = cjk_font_dir()
    if folder is None:
        _registered = "sans-serif"
        return _registered
    vl_convert.register_font_directory(str(folder))
    _registered = FAMILIES["wqy"] if "wqy" in str(folder) else FAMILIES["noto"]
    return _registered
