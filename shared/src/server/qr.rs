//! QR codes as SVG, drawn on the server so the phone's app downloads no encoder.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// A square SVG of `text` with a quiet zone, readable by any phone camera.
pub fn svg(text: &str, size_px: u32) -> String {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .expect("text fits a QR code");
    code.render::<svg::Color<'_>>()
        .min_dimensions(size_px, size_px)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build()
}

#[cfg(test)]
mod tests {
    #[test]
    fn renders_an_svg() {
        let s = super::svg("https://gongyou.example/join/J7YH0003", 240);
        assert!(s.starts_with("<?xml") || s.starts_with("<svg"));
        assert!(s.contains("<svg") && s.contains("</svg>"));
    }
}
