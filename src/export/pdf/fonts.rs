//! The two faces every PDF is set in (Liberation Sans, SIL OFL 1.1, see
//! assets/fonts/), carried in the binary: their widths for line breaking,
//! and text turned into glyphs for krilla, which embeds a subset of each.
//! No shaping engine: Latin, Greek and Cyrillic board papers need none.

use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::MetadataProvider;
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;

static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Bold.ttf");

/// One face: krilla's handle for drawing, skrifa's tables for measuring.
pub(crate) struct Face {
    pub(crate) font: Font,
    charmap: Charmap<'static>,
    metrics: GlyphMetrics<'static>,
    units_per_em: f32,
}

impl Face {
    fn of(data: &'static [u8]) -> Face {
        let font = Font::new(data.into(), 0).expect("the embedded font is a font");
        let face = skrifa::FontRef::new(data).expect("the embedded font is a font");
        Face {
            units_per_em: font.units_per_em(),
            font,
            charmap: face.charmap(),
            metrics: face.glyph_metrics(Size::unscaled(), LocationRef::default()),
        }
    }

    fn glyph(&self, c: char) -> Option<skrifa::GlyphId> {
        self.charmap.map(c)
    }

    fn advance(&self, glyph: skrifa::GlyphId, size: f32) -> f32 {
        self.metrics.advance_width(glyph).unwrap_or(0.0) / self.units_per_em * size
    }

    /// The width of `text` set at `size` points.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.glyph(c).map_or(0.0, |g| self.advance(g, size))).sum()
    }

    /// `text` as glyphs, one per character (each mapped back to its
    /// character, so the PDF's text can be copied and searched).
    pub(crate) fn glyphs(&self, text: &str, size: f32) -> Vec<KrillaGlyph> {
        text.char_indices()
            .map(|(at, c)| {
                let glyph = self.glyph(c).unwrap_or_default();
                KrillaGlyph {
                    glyph_id: GlyphId::new(glyph.to_u32()),
                    text_range: at..at + c.len_utf8(),
                    x_advance: self.advance(glyph, size) / size,
                    x_offset: 0.0,
                    y_offset: 0.0,
                    y_advance: 0.0,
                    location: None,
                }
            })
            .collect()
    }
}

/// Regular and bold.
pub(crate) struct Fonts {
    pub(crate) regular: Face,
    pub(crate) bold: Face,
}

impl Fonts {
    pub(crate) fn load() -> Fonts {
        Fonts { regular: Face::of(REGULAR), bold: Face::of(BOLD) }
    }

    pub(crate) fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }

    /// Workspace text as the PDF may carry it: controls, escapes and bidi
    /// overrides as visible stand-ins (`text::clean`), and a character the
    /// face has no glyph for (the control pictures among them: Liberation
    /// has none) as a white square, □, so nothing is lost without a mark.
    pub(crate) fn printable(&self, text: &str) -> String {
        let clean = crate::text::clean(text);
        let has = |c: char| self.regular.glyph(c).is_some() && self.bold.glyph(c).is_some();
        let missing = ['\u{fffd}', '□', '?'].into_iter().find(|c| has(*c)).unwrap_or('?');
        clean.chars().map(|c| if c == ' ' || has(c) { c } else { missing }).collect()
    }
}
