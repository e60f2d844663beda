"""Placeholder photos drawn with Pillow: a colour gradient, a simple motif and a Latin label."""

from io import BytesIO

from PIL import Image, ImageDraw, ImageFont, ImageOps

WIDTH = 1600  # 1600×1000, so the 1280-wide display rendition is a real downscale


def _basketball(draw, w, h):
    draw.rectangle((w * 0.08, h * 0.12, w * 0.92, h * 0.78), outline="white", width=max(2, w // 200))
    draw.line((w * 0.5, h * 0.12, w * 0.5, h * 0.78), fill="white", width=max(2, w // 200))
    draw.ellipse((w * 0.42, h * 0.32, w * 0.58, h * 0.58), outline="white", width=max(2, w // 200))
    draw.ellipse((w * 0.62, h * 0.2, w * 0.72, h * 0.36), fill=(235, 120, 30))


def _meeting(draw, w, h):
    draw.rounded_rectangle((w * 0.15, h * 0.45, w * 0.85, h * 0.6), radius=w // 60, fill=(250, 245, 235))
    for i in range(7):
        x = w * (0.2 + i * 0.1)
        draw.ellipse((x - w * 0.03, h * 0.3, x + w * 0.03, h * 0.4), fill=(60, 60, 80))


def _harbour(draw, w, h):
    draw.rectangle((0, h * 0.72, w, h), fill=(30, 60, 110))
    for i, colour in enumerate([(200, 60, 40), (40, 120, 180), (230, 180, 40), (60, 150, 90)]):
        x = w * (0.1 + i * 0.12)
        draw.rectangle((x, h * 0.58, x + w * 0.11, h * 0.72), fill=colour)
    draw.line((w * 0.7, h * 0.72, w * 0.7, h * 0.15, w * 0.95, h * 0.15), fill="white", width=max(3, w // 120))


def _workshop(draw, w, h):
    for cx, cy, r in [(0.35, 0.45, 0.16), (0.6, 0.4, 0.1), (0.72, 0.62, 0.08)]:
        box = (w * cx - w * r, h * cy - w * r, w * cx + w * r, h * cy + w * r)
        draw.ellipse(box, outline="white", width=max(3, w // 80))


def _summer(draw, w, h):
    draw.ellipse((w * 0.62, h * 0.12, w * 0.82, h * 0.44), fill=(255, 210, 60))
    draw.rectangle((0, h * 0.7, w, h), fill=(70, 140, 80))


def _landscape(draw, w, h):
    draw.polygon([(0, h), (w * 0.3, h * 0.35), (w * 0.55, h)], fill=(50, 110, 70))
    draw.polygon([(w * 0.35, h), (w * 0.7, h * 0.25), (w, h)], fill=(35, 90, 60))


MOTIFS = {
    "basketball": ((120, 40, 20), (240, 150, 60), _basketball),
    "meeting": ((150, 20, 30), (230, 190, 150), _meeting),
    "harbour": ((20, 70, 140), (170, 210, 240), _harbour),
    "workshop": ((40, 50, 70), (150, 170, 190), _workshop),
    "summer": ((20, 130, 200), (250, 230, 160), _summer),
    "landscape": ((70, 150, 200), (220, 240, 230), _landscape),
}


def placeholder_jpeg(number, motif, width=WIDTH):
    """JPEG bytes of a width×(5/8 width) placeholder labelled DEMO PHOTO `number`."""
    top, bottom, draw_motif = MOTIFS[motif]
    height = width * 5 // 8
    gradient = Image.linear_gradient("L").resize((width, height))
    image = ImageOps.colorize(gradient, top, bottom)
    draw = ImageDraw.Draw(image)
    draw_motif(draw, width, height)
    font = ImageFont.load_default(size=max(10, width // 28))
    draw.text((width * 0.05, height * 0.84), f"UNIONNEWS DEMO PHOTO {number:02d}", fill="white", font=font)
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def page_png(width, aspect=1191 / 842):
    """PNG bytes of a placeholder print page `width` pixels wide: a masthead rule and grey
    lines of text in two columns, as a reader would recognise a newspaper page."""
    height = round(width * aspect)
    image = Image.new("L", (width, height), 250)
    draw = ImageDraw.Draw(image)
    margin, gap = width * 0.05, width * 0.03
    draw.rectangle([margin, height * 0.03, width - margin, height * 0.055], fill=60)
    column = (width - 2 * margin - gap) / 2
    line = max(2, width // 120)
    for left in (margin, margin + column + gap):
        y = height * 0.08
        while y < height * 0.95:
            draw.rectangle([left, y, left + column, y + line], fill=170)
            y += line * 2.5
    buffer = BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
