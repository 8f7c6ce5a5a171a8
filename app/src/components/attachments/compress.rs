//! Photos made small on the phone with the browser's own canvas (no image
//! crate in the wasm): drawn at most `MAX_SIDE_PX` on the longest side, then
//! saved as JPEG at falling qualities until it is at most `TARGET_BYTES`.

use shared::attachments::{fit_within, JPEG_QUALITIES, MAX_SIDE_PX, TARGET_BYTES};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, HtmlCanvasElement, HtmlImageElement, Url};

/// The first `n` bytes of a file, to tell its kind.
pub async fn head(blob: &Blob, n: usize) -> Result<Vec<u8>, JsValue> {
    let part = blob.slice_with_i32_and_i32(0, n as i32)?;
    let buffer = JsFuture::from(part.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The photo as a JPEG of about `TARGET_BYTES`; a photo already small
/// enough in bytes and pixels is kept as it is.
pub async fn photo(file: &Blob) -> Result<Blob, JsValue> {
    let url = Url::create_object_url_with_blob(file)?;
    let result = redraw(file, &url).await;
    let _ = Url::revoke_object_url(&url);
    result
}

async fn redraw(file: &Blob, url: &str) -> Result<Blob, JsValue> {
    let img = HtmlImageElement::new()?;
    img.set_src(url);
    JsFuture::from(img.decode()).await?;
    let (w, h) = (img.natural_width(), img.natural_height());
    if file.size() <= f64::from(TARGET_BYTES) && w.max(h) <= MAX_SIDE_PX {
        return Ok(file.clone());
    }
    let (dw, dh) = fit_within(w, h);
    let canvas: HtmlCanvasElement = document()?.create_element("canvas")?.dyn_into()?;
    canvas.set_width(dw);
    canvas.set_height(dh);
    let ctx: CanvasRenderingContext2d =
        canvas.get_context("2d")?.ok_or(JsValue::NULL)?.dyn_into()?;
    // A transparent PNG gets a white page behind it, as JPEG has no transparency.
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, f64::from(dw), f64::from(dh));
    ctx.draw_image_with_html_image_element_and_dw_and_dh(
        &img,
        0.0,
        0.0,
        f64::from(dw),
        f64::from(dh),
    )?;
    let mut smallest = None;
    for quality in JPEG_QUALITIES {
        let jpeg = to_jpeg(&canvas, quality).await?;
        let fits = jpeg.size() <= f64::from(TARGET_BYTES);
        smallest = Some(jpeg);
        if fits {
            break;
        }
    }
    smallest.ok_or(JsValue::NULL)
}

fn document() -> Result<web_sys::Document, JsValue> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or(JsValue::NULL)
}

async fn to_jpeg(canvas: &HtmlCanvasElement, quality: f64) -> Result<Blob, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let refused = reject.clone();
        let callback = Closure::once_into_js(move |blob: JsValue| {
            if blob.is_null() {
                let _ = reject.call0(&JsValue::NULL);
            } else {
                let _ = resolve.call1(&JsValue::NULL, &blob);
            }
        });
        let started = canvas.to_blob_with_type_and_encoder_options(
            callback.unchecked_ref(),
            "image/jpeg",
            &JsValue::from_f64(quality),
        );
        if started.is_err() {
            // The callback never runs (a tainted canvas): fail now, not never.
            let _ = refused.call0(&JsValue::NULL);
        }
    });
    JsFuture::from(promise).await?.dyn_into()
}
