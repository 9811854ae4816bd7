//! Which image an `<img>` stands for: the original, not the resized copy a news site shows.
//! Lazy-loading attributes (`data-org-src`, `data-src`, …) first, then the largest `srcset`
//! candidate, then `src`; a thumbnail proxy's URL (`…/thumb/R658x0/?fname=https://…jpg`) gives
//! way to the image it wraps. Tracking pixels (1×1) are no image.

use scraper::node::Element;
use url::Url;

use super::dom::{collapse_html_whitespace, style_declarations};
use super::reader::Converter;
use super::tree::Image;
use crate::import::text::looks_like_image_url;

impl Converter<'_> {
    pub(super) fn image(&self, element: &Element) -> Option<Image> {
        if is_tracking_pixel(element) {
            return None;
        }
        let src = self.image_source(element)?;
        let alt =
            collapse_html_whitespace(element.attr("alt").unwrap_or_default()).trim().to_owned();
        Some(Image { src, alt, title: String::new() })
    }

    /// The original image: lazy-loading attributes, then the largest `srcset` candidate, then
    /// `src`; a thumbnail proxy's URL is replaced by the image it wraps.
    fn image_source(&self, element: &Element) -> Option<String> {
        const ORIGINALS: [&str; 5] =
            ["data-org-src", "data-src", "data-original", "data-lazy-src", "data-lazy"];
        let originals = ORIGINALS.iter().filter_map(|name| element.attr(name));
        let sets = ["data-srcset", "srcset"]
            .iter()
            .filter_map(|name| element.attr(name))
            .filter_map(largest_srcset_candidate);
        originals
            .chain(sets)
            .chain(element.attr("src"))
            .find_map(|raw| self.resolve(raw))
            .map(unwrap_thumbnail_proxy)
    }
}

/// 1×1 (or 0-sized) images are tracking pixels.
fn is_tracking_pixel(element: &Element) -> bool {
    let tiny = |value: &str| {
        value.trim().trim_end_matches("px").trim().parse::<f64>().is_ok_and(|n| n <= 1.0)
    };
    element.attr("width").is_some_and(tiny)
        || element.attr("height").is_some_and(tiny)
        || element.attr("style").is_some_and(|style| {
            style_declarations(style).any(|(property, value)| {
                matches!(property.as_str(), "width" | "height") && tiny(&value)
            })
        })
}

/// The candidate with the largest width (`640w`) or density (`2x`) descriptor.
fn largest_srcset_candidate(srcset: &str) -> Option<&str> {
    let mut best: Option<(f64, &str)> = None;
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            break;
        }
        let url_end = rest.find(|c: char| c.is_ascii_whitespace()).unwrap_or(rest.len());
        let url = rest[..url_end].trim_end_matches(',');
        let ended_by_comma = rest[..url_end].ends_with(',');
        rest = &rest[url_end..];
        let mut descriptor = "";
        if !ended_by_comma {
            let descriptor_end = rest.find(',').unwrap_or(rest.len());
            descriptor = rest[..descriptor_end].trim();
            rest = &rest[descriptor_end..];
        }
        let size = descriptor
            .strip_suffix('w')
            .and_then(|w| w.parse::<f64>().ok())
            .or_else(|| {
                // Densities rank below any width: a width of 1 000 000 px is not expected.
                descriptor.strip_suffix('x').and_then(|x| x.parse::<f64>().ok()).map(|x| x / 1e6)
            })
            .unwrap_or(1e-6);
        if !url.is_empty() && best.is_none_or(|(b, _)| size > b) {
            best = Some((size, url));
        }
    }
    best.map(|(_, url)| url)
}

/// `https://img3.daumcdn.net/thumb/R658x0.q70/?fname=https://t1.daumcdn.net/…jpg` → the `fname`.
fn unwrap_thumbnail_proxy(url: String) -> String {
    const KEYS: [&str; 8] = ["fname", "src", "url", "u", "image", "img", "imgurl", "image_url"];
    let Ok(parsed) = Url::parse(&url) else { return url };
    for (key, value) in parsed.query_pairs() {
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
        let key = key.to_ascii_lowercase();
        if !KEYS.contains(&key.as_str()) && !looks_like_image_url(value) {
            continue;
        }
        if let Ok(inner) = Url::parse(value)
            && matches!(inner.scheme(), "http" | "https")
            && inner.host().is_some()
        {
            return inner.into();
        }
    }
    url
}
