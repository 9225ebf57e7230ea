"""Image work (CPU-bound, run in a worker thread): thumbnail, dimensions, clean copy."""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from parley.services.uploads import ProcessingResult

THUMBNAIL_EDGE = 320
_SAVE_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "GIF"}


def process_image(
    original: Path, served: Path, thumbnail: Path, *, max_pixels: int
) -> ProcessingResult:
    """Never raises for bad input: a corrupt file or a decompression bomb is a failure."""
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            # Pillow only warns between 1x and 2x the limit; past our limit is a refusal.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(original) as image:
                image_format = image.format or "PNG"
                animated = getattr(image, "is_animated", False)
                upright = ImageOps.exif_transpose(image)  # phone photos stand up
                width, height = upright.size
                _save_clean_copy(upright, original, served, image_format, animated)
                _save_thumbnail(upright, thumbnail)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return ProcessingResult(failure_reason="The image has too many pixels")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        return ProcessingResult(
            failure_reason=f"The image could not be read ({type(exc).__name__})"
        )
    return ProcessingResult(width=width, height=height, has_thumbnail=True)


def _save_clean_copy(
    image: Image.Image, original: Path, served: Path, image_format: str, animated: bool
) -> None:
    """Re-encode without metadata: EXIF (with GPS), XMP and comments are dropped."""
    if animated:
        # Re-encoding frames would cost a lot; animated GIF/WebP carry no EXIF GPS block
        # that Pillow would keep, so the original frames are served as they are.
        served.write_bytes(original.read_bytes())
        return
    target_format = _SAVE_FORMATS.get(image_format, "PNG")
    copy = (
        image.convert("RGB")
        if target_format == "JPEG" and image.mode not in ("RGB", "L")
        else image
    )
    options: dict[str, object] = {"quality": 90} if target_format in ("JPEG", "WEBP") else {}
    copy.save(served, format=target_format, **options)


def _save_thumbnail(image: Image.Image, thumbnail: Path) -> None:
    small = image.copy()
    if small.mode not in ("RGB", "RGBA"):
        small = small.convert("RGBA")
    small.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE))
    small.save(thumbnail, format="WEBP", quality=80)
