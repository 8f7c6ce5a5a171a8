//! What an attachment may be. The type is read from the file's first bytes
//! (its magic number), never from the name or the `Content-Type` a client
//! sends: a renamed program or web page is refused, and what is served back
//! is always one of three harmless types.

use crate::lang::Text;

/// The largest file accepted, in bytes: the phone refuses a bigger one before
/// compressing it, and the server refuses a bigger body (413).
pub const MAX_BYTES: u32 = 5 * 1024 * 1024;

/// What the phone compresses a photo to, about: a receipt stays readable,
/// and ten of them upload on one bar of signal.
pub const TARGET_BYTES: u32 = 300 * 1024;

/// The longest side of a compressed photo, in pixels.
pub const MAX_SIDE_PX: u32 = 1600;

/// The JPEG qualities the phone tries in turn until a photo is at most
/// [`TARGET_BYTES`]; the last one is kept whatever its size.
pub const JPEG_QUALITIES: [f64; 6] = [0.85, 0.75, 0.65, 0.55, 0.45, 0.35];

/// How many files one record (an application, a complaint) may carry.
pub const MAX_PER_SUBJECT: usize = 10;

/// Uploads a day per worker: ten records' worth, with room for retakes.
pub const UPLOADS_PER_DAY: u32 = 60;

/// The accepted kinds of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    Jpeg,
    Png,
    Pdf,
}

impl FileKind {
    pub const ALL: [FileKind; 3] = [FileKind::Jpeg, FileKind::Png, FileKind::Pdf];

    /// The kind these bytes are, by their magic number; `None` for anything else.
    pub fn detect(bytes: &[u8]) -> Option<FileKind> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(FileKind::Jpeg)
        } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            Some(FileKind::Png)
        } else if bytes.starts_with(b"%PDF-") {
            Some(FileKind::Pdf)
        } else {
            None
        }
    }

    /// The MIME type it is stored and served as.
    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
            FileKind::Pdf => "application/pdf",
        }
    }

    /// The kind of a stored content type.
    pub fn from_content_type(content_type: &str) -> Option<FileKind> {
        FileKind::ALL
            .into_iter()
            .find(|k| k.content_type() == content_type)
    }

    /// Photos are compressed on the phone; documents are sent as they are.
    pub fn is_image(self) -> bool {
        matches!(self, FileKind::Jpeg | FileKind::Png)
    }

    /// Bytes needed to tell the kind ([`FileKind::detect`]).
    pub const SNIFF_BYTES: usize = 8;
}

/// Why a file is not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Empty,
    TooLarge,
    WrongType,
    /// The record already has [`MAX_PER_SUBJECT`] files.
    TooMany,
}

impl Refusal {
    pub fn message(self) -> Text {
        match self {
            Refusal::Empty => {
                Text::new("文件是空的,请重新选择", "The file is empty; choose another")
            }
            Refusal::TooLarge => Text::new(
                "文件太大:每个文件最多 5 MB",
                "The file is too large: at most 5 MB each",
            ),
            Refusal::WrongType => Text::new(
                "只能上传照片(JPG、PNG)或 PDF 文件",
                "Only photos (JPG, PNG) or PDF files can be uploaded",
            ),
            Refusal::TooMany => {
                Text::new("每份材料最多 10 个文件", "At most 10 files per submission")
            }
        }
    }

    /// The HTTP status the server answers with.
    pub fn status(self) -> u16 {
        match self {
            Refusal::TooLarge => 413,
            _ => 422,
        }
    }
}

/// The phone's check of a picked file before it is compressed: its size and
/// its first bytes (at least [`FileKind::SNIFF_BYTES`] of them, or all of a
/// shorter file).
pub fn check_picked(size: u64, first_bytes: &[u8]) -> Result<FileKind, Refusal> {
    if size == 0 {
        return Err(Refusal::Empty);
    }
    if size > u64::from(MAX_BYTES) {
        return Err(Refusal::TooLarge);
    }
    FileKind::detect(first_bytes).ok_or(Refusal::WrongType)
}

/// The server's check of an uploaded body.
pub fn check_upload(body: &[u8]) -> Result<FileKind, Refusal> {
    check_picked(body.len() as u64, body)
}

/// Whether `adding` more files fit a record that has `existing`.
pub fn check_count(existing: usize, adding: usize) -> Result<(), Refusal> {
    if existing + adding > MAX_PER_SUBJECT {
        Err(Refusal::TooMany)
    } else {
        Ok(())
    }
}

/// The size a `width` × `height` photo is drawn at so its longest side is at
/// most [`MAX_SIDE_PX`] (never enlarged, never below 1 px).
pub fn fit_within(width: u32, height: u32) -> (u32, u32) {
    let longest = width.max(height);
    if longest <= MAX_SIDE_PX || longest == 0 {
        return (width, height);
    }
    let scale = |side: u32| {
        ((u64::from(side) * u64::from(MAX_SIDE_PX) + u64::from(longest) / 2) / u64::from(longest))
            .max(1) as u32
    };
    (scale(width), scale(height))
}

/// A shown size: "280 KB", "1.4 MB".
pub fn size_label(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// The shape of a public id: 43 URL-safe base64 characters (256 random bits),
/// so a link cannot be guessed; anything else is not looked up at all.
pub fn is_public_id(id: &str) -> bool {
    id.len() == 43
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F'];
    const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    const PDF: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3";

    #[test]
    fn kinds_are_told_by_their_first_bytes() {
        assert_eq!(FileKind::detect(JPEG), Some(FileKind::Jpeg));
        assert_eq!(FileKind::detect(PNG), Some(FileKind::Png));
        assert_eq!(FileKind::detect(PDF), Some(FileKind::Pdf));
        // A Windows program, a web page, a GIF, a file that only says it is a PDF.
        for other in [
            &b"MZ\x90\x00\x03\x00\x00\x00"[..],
            b"<!DOCTYPE html><script>",
            b"GIF89a\x01\x00",
            b" %PDF-1.4",
            b"%PDF",
            &[0xFF, 0xD8],
            &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A],
            b"",
        ] {
            assert_eq!(FileKind::detect(other), None, "{other:?}");
        }
        assert!(FileKind::detect(PNG).unwrap().is_image());
        assert!(!FileKind::Pdf.is_image());
        for k in FileKind::ALL {
            assert_eq!(FileKind::from_content_type(k.content_type()), Some(k));
        }
        assert_eq!(FileKind::from_content_type("text/html"), None);
        assert!(FileKind::SNIFF_BYTES >= PNG.len().min(8));
    }

    #[test]
    fn five_megabytes_pass_one_byte_more_does_not() {
        let max = u64::from(MAX_BYTES);
        assert_eq!(max, 5_242_880);
        assert_eq!(check_picked(max, JPEG), Ok(FileKind::Jpeg));
        assert_eq!(check_picked(max + 1, JPEG), Err(Refusal::TooLarge));
        assert_eq!(check_picked(1, JPEG), Ok(FileKind::Jpeg));
        assert_eq!(check_picked(0, JPEG), Err(Refusal::Empty));
        // Size is judged before type: a huge program is "too large" (413).
        assert_eq!(check_picked(max + 1, b"MZ"), Err(Refusal::TooLarge));
        assert_eq!(check_picked(100, b"MZ\x90\x00"), Err(Refusal::WrongType));

        let mut body = PDF.to_vec();
        body.resize(MAX_BYTES as usize, b' ');
        assert_eq!(check_upload(&body), Ok(FileKind::Pdf));
        body.push(b' ');
        assert_eq!(check_upload(&body), Err(Refusal::TooLarge));
        assert_eq!(check_upload(b""), Err(Refusal::Empty));
        assert_eq!(Refusal::TooLarge.status(), 413);
        assert_eq!(Refusal::WrongType.status(), 422);
        assert_eq!(Refusal::Empty.status(), 422);
    }

    #[test]
    fn ten_files_per_record() {
        assert_eq!(check_count(0, MAX_PER_SUBJECT), Ok(()));
        assert_eq!(check_count(9, 1), Ok(()));
        assert_eq!(check_count(10, 0), Ok(()));
        assert_eq!(check_count(10, 1), Err(Refusal::TooMany));
        assert_eq!(check_count(0, 11), Err(Refusal::TooMany));
        assert_eq!(Refusal::TooMany.status(), 422);
    }

    #[test]
    fn refusals_say_why_in_both_languages() {
        for r in [
            Refusal::Empty,
            Refusal::TooLarge,
            Refusal::WrongType,
            Refusal::TooMany,
        ] {
            let m = r.message();
            assert!(!m.zh.is_empty() && !m.en.is_empty(), "{r:?}");
            assert!(m.zh.chars().any(|c| c as u32 > 0x4E00), "{r:?} zh");
        }
        assert!(Refusal::TooLarge.message().zh.contains("5 MB"));
        assert!(Refusal::TooLarge.message().en.contains("5 MB"));
        assert!(Refusal::WrongType.message().en.contains("PDF"));
    }

    #[test]
    fn photos_shrink_to_1600_px_on_the_longest_side() {
        assert_eq!(fit_within(4000, 3000), (1600, 1200));
        assert_eq!(fit_within(3000, 4000), (1200, 1600));
        assert_eq!(fit_within(1600, 900), (1600, 900));
        assert_eq!(fit_within(1601, 900), (1600, 899));
        assert_eq!(fit_within(800, 600), (800, 600), "never enlarged");
        assert_eq!(fit_within(100_000, 10), (1600, 1), "never below 1 px");
        assert_eq!(fit_within(0, 0), (0, 0));
        let q = JPEG_QUALITIES;
        assert!(q.windows(2).all(|w| w[0] > w[1]), "quality steps down");
        assert!(q[0] <= 0.9 && *q.last().unwrap() >= 0.3);
        const { assert!(TARGET_BYTES < MAX_BYTES) };
    }

    #[test]
    fn sizes_read_plainly() {
        assert_eq!(size_label(1), "1 KB");
        assert_eq!(size_label(300 * 1024), "300 KB");
        assert_eq!(size_label(1024 * 1024 + 400 * 1024), "1.4 MB");
        assert_eq!(size_label(u64::from(MAX_BYTES)), "5.0 MB");
    }

    #[test]
    fn public_ids_have_one_shape() {
        let id = "a".repeat(43);
        assert!(is_public_id(&id));
        assert!(is_public_id("Zz09-_Zz09-_Zz09-_Zz09-_Zz09-_Zz09-_Zz09-_Z"));
        assert!(!is_public_id(&"a".repeat(42)));
        assert!(!is_public_id(&"a".repeat(44)));
        assert!(!is_public_id(&format!("{}/", "a".repeat(42))));
        assert!(!is_public_id("42"));
        assert!(!is_public_id(&"é".repeat(21)));
    }
}
