"""Image files made on the fly for upload tests."""

from __future__ import annotations

import io

from PIL import Image

ORIENTATION = 0x0112
GPS_IFD = 0x8825


def png(width: int = 64, height: int = 48, color: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, format="PNG")
    return buffer.getvalue()


def phone_jpeg(width: int = 200, height: int = 100) -> bytes:
    """Stored landscape with EXIF 'rotate 90°' and a GPS block, as phones write them."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif.get_ifd(GPS_IFD)[2] = (48.0, 51.0, 29.0)  # GPSLatitude
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "blue").save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()
