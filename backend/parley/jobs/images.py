"""Image work (CPU-bound, run in a worker thread): thumbnail, dimensions, clean copy,
avatars."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from parley.services.uploads import ProcessingResult

THUMBNAIL_EDGE = 320
AVATAR_EDGE = 256
_SAVE_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "GIF"}
# What a served copy may keep of an image's info: how to draw it, nothing about who,
# where or with what it was made. Everything else (EXIF with GPS, XMP, comments, text
# chunks, Photoshop blocks) is dropped, on still and animated images alike; Pillow would
# otherwise write some of them back (a JPEG's or GIF's comment, for one).
_KEPT_INFO = frozenset(
    {"icc_profile", "transparency", "duration", "loop", "background", "disposal"}
)


def process_image(
    original: Path, served: Path, thumbnail: Path, *, max_pixels: int
) -> ProcessingResult:
    """Never raises for bad input: a corrupt file or a decompression bomb is a failure."""

    def work(image: Image.Image, upright: Image.Image) -> ProcessingResult:
        animated = getattr(image, "is_animated", False)
        _save_clean_copy(upright, original, served, image.format or "PNG", animated)
        _save_thumbnail(upright, thumbnail)
        return ProcessingResult(width=upright.width, height=upright.height, has_thumbnail=True)

    return _with_image(original, max_pixels, work)


def make_avatar(original: Path, avatar: Path, *, max_pixels: int) -> ProcessingResult:
    """A square, centre-cropped AVATAR_EDGE px WebP of the (first frame of the) image,
    through the same checks as any upload; never raises for bad input."""

    def work(_image: Image.Image, upright: Image.Image) -> ProcessingResult:
        source = upright if upright.mode in ("RGB", "RGBA") else upright.convert("RGBA")
        square = ImageOps.fit(source, (AVATAR_EDGE, AVATAR_EDGE), Image.Resampling.LANCZOS)
        _drop_metadata(square)
        square.save(avatar, format="WEBP", quality=85)
        return ProcessingResult(width=AVATAR_EDGE, height=AVATAR_EDGE, has_thumbnail=True)

    return _with_image(original, max_pixels, work)


def _with_image(
    original: Path,
    max_pixels: int,
    work: Callable[[Image.Image, Image.Image], ProcessingResult],
) -> ProcessingResult:
    """Open the image under the pixel limit (still and animated), stand it up, and run
    `work` on it (the opened image and its upright copy); bad input becomes a failure."""
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            # Pillow only warns between 1x and 2x the limit; past our limit is a refusal.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(original) as image:
                upright = ImageOps.exif_transpose(image)  # phone photos stand up
                if getattr(image, "is_animated", False):
                    _refuse_animation_bombs(image, max_pixels)
                return work(image, upright)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return ProcessingResult(failure_reason="The image has too many pixels")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        return ProcessingResult(
            failure_reason=f"The image could not be read ({type(exc).__name__})"
        )


def _save_clean_copy(
    image: Image.Image, original: Path, served: Path, image_format: str, animated: bool
) -> None:
    """Re-encode without metadata: only _KEPT_INFO survives."""
    if animated:
        _save_clean_animation(Image.open(original), served, image_format)
        return
    target_format = _SAVE_FORMATS.get(image_format, "PNG")
    copy = (
        image.convert("RGB")
        if target_format == "JPEG" and image.mode not in ("RGB", "L")
        else image.copy()
    )
    _drop_metadata(copy)
    options: dict[str, object] = {"quality": 90} if target_format in ("JPEG", "WEBP") else {}
    copy.save(served, format=target_format, **options)


def _save_clean_animation(image: Image.Image, served: Path, image_format: str) -> None:
    """Every frame re-encoded (an animated GIF or WebP served as uploaded would carry its
    EXIF, XMP and comments to everyone), with its timing and looping."""
    with image:
        frames = []
        for frame in ImageSequence.Iterator(image):
            copy = frame.copy()
            _drop_metadata(copy)
            frames.append(copy)
        durations = [frame.info.get("duration", 100) for frame in frames]
        first = frames[0]
        first.save(
            served,
            format="WEBP" if image_format == "WEBP" else "GIF",
            save_all=True,
            append_images=frames[1:],
            duration=durations,
            loop=image.info.get("loop", 0),
        )


def _refuse_animation_bombs(image: Image.Image, max_pixels: int) -> None:
    """Every frame is held while re-encoding: the frames together count against the
    pixel limit (a small GIF of 100,000 frames is a bomb too)."""
    frames = int(getattr(image, "n_frames", 1))
    if frames * image.width * image.height > max_pixels:
        raise Image.DecompressionBombError("too many frames")


def _drop_metadata(image: Image.Image) -> None:
    image.info = {key: value for key, value in image.info.items() if key in _KEPT_INFO}


def _save_thumbnail(image: Image.Image, thumbnail: Path) -> None:
    small = image.copy()
    if small.mode not in ("RGB", "RGBA"):
        small = small.convert("RGBA")
    small.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE))
    small.save(thumbnail, format="WEBP", quality=80)
