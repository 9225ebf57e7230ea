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


XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/>secret-location</x:xmpmeta>'


def _frames(count: int, size: tuple[int, int]) -> list[Image.Image]:
    return [Image.new("RGB", size, color) for color in ("red", "green", "blue", "white")[:count]]


def animated_gif_with_comment(frames: int = 3) -> bytes:
    buffer = io.BytesIO()
    first, *rest = _frames(frames, (40, 30))
    first.save(
        buffer,
        format="GIF",
        save_all=True,
        append_images=rest,
        duration=[120] * frames,
        loop=0,
        comment=b"taken at 48.85N 2.35E",
    )
    return buffer.getvalue()


def animated_webp_with_metadata(frames: int = 3) -> bytes:
    exif = Image.Exif()
    exif.get_ifd(GPS_IFD)[2] = (48.0, 51.0, 29.0)
    buffer = io.BytesIO()
    first, *rest = _frames(frames, (40, 30))
    first.save(
        buffer,
        format="WEBP",
        save_all=True,
        append_images=rest,
        duration=[120] * frames,
        loop=0,
        exif=exif.tobytes(),
        xmp=XMP,
    )
    return buffer.getvalue()


def jpeg_with_comment() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "green").save(buffer, format="JPEG", comment=b"home address")
    return buffer.getvalue()
